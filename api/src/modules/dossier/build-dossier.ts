import { createHash } from 'node:crypto';
import { strToU8 } from 'fflate';
import type { DB } from '../../db/database.ts';
import { notFound } from '../../errors.ts';
import { stableStringify } from '../../lib/stable-json.ts';
import type { RoundResults } from '../reviews/compute-results.ts';
import { toCsv } from './csv.ts';
import { packDossier, type DossierFile } from './manifest.ts';
import * as repo from './dossier.repository.ts';
import { summaryHtml } from './dossier-summary.ts';

/**
 * 留档备查: one edition's complete record as one zip — projects and their submitted versions,
 * compliance decisions, conflicts and declarations, assignments, every score with its time and
 * reviewer, normalisation, rankings, the advancement computation, verification and backfill
 * (the decision log), final scores, awards, the publicity, reports and rulings — as CSV and
 * JSON, a readable summary.html, and manifest.json + sha256sums over every file.
 * Reporters' names and phones stay with the supervisor: the dossier carries, per report, only
 * `reporter_commitment` = SHA-256 of "report id|real name|phone", which the supervisor can
 * show matches the identity they hold without the dossier revealing it.
 * Files under scores/ and rankings/ are what `recompute-ranking.ts` reads.
 */
const json = (value: unknown) => strToU8(JSON.stringify(value, null, 2) + '\n');
const csv = (columns: string[], rows: Record<string, unknown>[]) => strToU8(toCsv(columns, rows));
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : '');

export interface DossierSnapshot {
  results: RoundResults;
  scores: { taskId: string; projectId: string; reviewerId: string; role: string; total: number | null; submittedAt: string | null }[];
}

export async function buildDossier(db: DB, editionId: string, now: Date) {
  const edition = await repo.findEdition(db, editionId);
  if (!edition) throw notFound('赛事');
  const [settings, projects, versions, materials, events, rounds] = await Promise.all([
    repo.reviewSettings(db, editionId),
    repo.projects(db, editionId),
    repo.projectVersions(db, editionId),
    repo.materials(db, editionId),
    repo.projectEvents(db, editionId),
    repo.rounds(db, editionId),
  ]);
  const roundIds = rounds.map((r) => r.id);
  const [roundProjects, conflicts, assignments, tasks, roundAudit, advancements, finalists, log, awards, notice, reports, evidence] =
    await Promise.all([
      repo.roundProjects(db, roundIds),
      repo.conflicts(db, roundIds),
      repo.assignments(db, roundIds),
      repo.tasks(db, roundIds),
      repo.auditOf(db, roundIds),
      repo.advancements(db, editionId),
      repo.finalists(db, editionId),
      repo.decisionLog(db, editionId),
      repo.awards(db, editionId),
      repo.notice(db, editionId),
      repo.reports(db, editionId),
      repo.evidence(db, editionId),
    ]);

  const files: DossierFile[] = [];
  const add = (path: string, data: Uint8Array) => files.push({ path, data });

  add(
    'edition.json',
    json({
      id: edition.id,
      slug: edition.slug,
      name: edition.name,
      year: edition.year,
      region: edition.region,
      phases: edition.phases,
      rules: edition.rules,
      reviewSettings: settings ?? null,
    }),
  );
  add(
    'projects/projects.csv',
    csv(
      [
        'project_id',
        'name',
        'status',
        'team_id',
        'team_name',
        'lead_org_name',
        'lead_org_credit_code',
        'track_id',
        'track_name',
        'topic_id',
        'topic_title',
        'demand_id',
        'demand_title',
        'submitted_version',
        'submitted_at',
        'withdrawn_at',
        'withdraw_reason',
      ],
      projects.map((p) => ({ ...p, project_id: p.id, submitted_at: iso(p.submitted_at), withdrawn_at: iso(p.withdrawn_at) })),
    ),
  );
  add('projects/versions.json', json(versions.map((v) => ({ ...v, submitted_at: iso(v.submitted_at) }))));
  add(
    'projects/materials.csv',
    csv(
      ['id', 'project_id', 'category', 'file_name', 'mime_type', 'size', 'sha256', 'uploaded_at', 'removed_at'],
      materials.map((m) => ({ ...m, uploaded_at: iso(m.uploaded_at), removed_at: iso(m.removed_at) })),
    ),
  );
  add(
    'compliance/decisions.csv',
    csv(
      ['project_id', 'name', 'compliance_status', 'compliance_reason', 'compliance_by', 'compliance_at'],
      projects.map((p) => ({
        project_id: p.id,
        name: p.name,
        compliance_status: p.compliance_status,
        compliance_reason: p.compliance_reason,
        compliance_by: p.compliance_by_name,
        compliance_at: iso(p.compliance_at),
      })),
    ),
  );
  add(
    'projects/events.csv',
    csv(
      ['id', 'project_id', 'action', 'from_status', 'to_status', 'reason', 'actor', 'at', 'data'],
      events.map((e) => ({ ...e, actor: e.actor_name, at: iso(e.at), data: JSON.stringify(e.data) })),
    ),
  );

  const summaryRounds = [];
  for (const round of rounds) {
    const stage = round.stage;
    const snapshot = round.snapshot as DossierSnapshot | null;
    const own = tasks.filter((t) => t.round_id === round.id);
    add(
      `reviews/${stage}/round.json`,
      json({
        id: round.id,
        stage,
        status: round.status,
        expertsPerProject: round.experts_per_project,
        maxPerExpert: round.max_per_expert,
        closedAt: iso(round.closed_at),
        snapshotHash: round.snapshot_hash,
        lastAssignmentRun: round.last_run,
        audit: roundAudit.filter((a) => a.entity_id === round.id).map((a) => ({ ...a, at: iso(a.at) })),
      }),
    );
    add(
      `reviews/${stage}/round-projects.csv`,
      csv(
        ['project_id', 'version', 'track_id', 'topic_id', 'demand_id', 'added_at'],
        roundProjects.filter((p) => p.round_id === round.id).map((p) => ({ ...p, added_at: iso(p.added_at) })),
      ),
    );
    add(
      `reviews/${stage}/conflicts.csv`,
      csv(
        [
          'id',
          'reviewer_id',
          'reviewer_name',
          'project_id',
          'source',
          'status',
          'stale',
          'summary',
          'evidence',
          'dismissed_reason',
          'dismissed_by',
          'dismissed_at',
          'created_at',
        ],
        conflicts
          .filter((c) => c.round_id === round.id)
          .map((c) => ({
            ...c,
            summary: String((c.evidence as { summary?: string }).summary ?? ''),
            evidence: JSON.stringify(c.evidence),
            dismissed_by: c.dismissed_by_name,
            dismissed_at: iso(c.dismissed_at),
            created_at: iso(c.created_at),
          })),
      ),
    );
    add(
      `reviews/${stage}/declarations.csv`,
      csv(
        ['task_id', 'reviewer_id', 'reviewer_name', 'role', 'project_id', 'status', 'declared_at', 'declaration_note'],
        own.filter((t) => t.declared_at || t.status === 'conflict').map((t) => ({ ...t, task_id: t.id, declared_at: iso(t.declared_at) })),
      ),
    );
    add(
      `reviews/${stage}/assignments.csv`,
      csv(
        ['id', 'item_id', 'expert_id', 'expert_name', 'fit', 'source', 'created_at'],
        assignments.filter((a) => a.round_id === round.id).map((a) => ({ ...a, created_at: iso(a.created_at) })),
      ),
    );
    // Every score: the submitted totals recomputation reads, then all tasks with item scores and comments.
    add(
      `scores/${stage}-scores.csv`,
      csv(
        ['task_id', 'project_id', 'reviewer_id', 'reviewer_name', 'role', 'status', 'total', 'submitted_at', 'item_scores', 'comment'],
        own.map((t) => ({ ...t, task_id: t.id, submitted_at: iso(t.submitted_at), item_scores: stableStringify(t.scores) })),
      ),
    );
    if (snapshot) {
      const r = snapshot.results;
      add(`rankings/${stage}-results.json`, json({ snapshotHash: round.snapshot_hash, ...r }));
      add(
        `rankings/${stage}-rankings.csv`,
        csv(
          [
            'project_id',
            'project_name',
            'team_name',
            'track_id',
            'track_name',
            'kind',
            'demand_id',
            'enterprise',
            'expert_mean',
            'expert_normalised_mean',
            'raw_total',
            'normalised_total',
            'rank_in_sub_topic',
            'rank_in_track',
            'rank_by',
          ],
          r.items.map((i) => ({
            project_id: i.projectId,
            project_name: i.projectName,
            team_name: i.teamName,
            track_id: i.trackId,
            track_name: i.trackName,
            kind: i.kind,
            demand_id: i.demandId,
            enterprise: i.components.enterprise,
            expert_mean: i.components.expertMean,
            expert_normalised_mean: i.components.expertNormalisedMean,
            raw_total: i.rawTotal,
            normalised_total: i.normalisedTotal,
            rank_in_sub_topic: i.rankInSubTopic,
            rank_in_track: i.rankInTrack,
            rank_by: r.rankBy,
          })),
        ),
      );
      add(
        `rankings/${stage}-normalisation.csv`,
        csv(
          ['project_id', 'reviewer_id', 'reviewer_name', 'raw', 'normalised'],
          r.items.flatMap((i) =>
            i.components.experts.map((e) => ({
              project_id: i.projectId,
              reviewer_id: e.reviewerId,
              reviewer_name: e.reviewerName,
              raw: e.score,
              normalised: e.normalised,
            })),
          ),
        ),
      );
    }
    summaryRounds.push({
      stage,
      status: round.status,
      projects: roundProjects.filter((p) => p.round_id === round.id).length,
      submitted: own.filter((t) => t.status === 'submitted').length,
      conflicts: conflicts.filter((c) => c.round_id === round.id).length,
      hash: round.snapshot_hash,
      top: snapshot ? snapshot.results.items.filter((i) => i.rankInTrack === 1).map((i) => `${i.trackName}：${i.projectName}`) : [],
    });
  }

  add(
    'advancement/advancements.json',
    json(advancements.map((a) => ({ ...a, computed_at: iso(a.computed_at), confirmed_at: iso(a.confirmed_at) }))),
  );
  add(
    'advancement/finalists.csv',
    csv(
      [
        'id',
        'project_id',
        'project_name',
        'team_id',
        'track_id',
        'demand_id',
        'place_kind',
        'source',
        'status',
        'preliminary_rank',
        'preliminary_score',
        'replaces_finalist_id',
        'verification_reason',
        'verified_at',
        'evidence_request',
        'created_at',
      ],
      finalists.map((f) => ({ ...f, verified_at: iso(f.verified_at), created_at: iso(f.created_at) })),
    ),
  );
  add(
    'decision-log.csv',
    csv(
      ['id', 'at', 'actor', 'action', 'subject_type', 'subject_id', 'reason', 'data'],
      log.map((l) => ({ ...l, id: String(l.id), at: iso(l.at), actor: l.actor_name, data: JSON.stringify(l.data) })),
    ),
  );
  add(
    'awards/awards.csv',
    csv(
      [
        'id',
        'track_name',
        'project_id',
        'project_name',
        'team_name',
        'level',
        'proposed_level',
        'status',
        'final_rank',
        'final_score',
        'priority_recommendation',
        'adjusted_reason',
        'approved_at',
        'revoked_at',
        'revoked_reason',
        'report_id',
        'replaces_award_id',
      ],
      awards.map((a) => ({ ...a, approved_at: iso(a.approved_at), revoked_at: iso(a.revoked_at) })),
    ),
  );
  add(
    'publicity/notice.json',
    json(
      notice
        ? { start: iso(notice.start_at), end: iso(notice.end_at), days: notice.days, note: notice.note, openedAt: iso(notice.opened_at) }
        : null,
    ),
  );
  add(
    'publicity/reports.csv',
    csv(
      [
        'id',
        'award_id',
        'reporter_commitment',
        'content',
        'status',
        'ruling',
        'ruled_by',
        'ruled_at',
        'place_decision',
        'place_reason',
        'place_project_id',
        'place_decided_by',
        'place_decided_at',
        'created_at',
      ],
      reports.map((r) => ({
        ...r,
        reporter_commitment: reporterCommitment(r.id, r.real_name, r.phone),
        ruled_by: r.ruled_by_name,
        ruled_at: iso(r.ruled_at),
        place_decided_by: r.place_decided_by_name,
        place_decided_at: iso(r.place_decided_at),
        created_at: iso(r.created_at),
      })),
    ),
  );
  add(
    'publicity/evidence.csv',
    csv(
      ['id', 'report_id', 'file_name', 'mime_type', 'size', 'sha256', 'created_at'],
      evidence.map((e) => ({ ...e, created_at: iso(e.created_at) })),
    ),
  );

  const generatedAt = now.toISOString();
  add(
    'summary.html',
    strToU8(
      summaryHtml({
        edition: { name: edition.name, year: edition.year },
        generatedAt,
        projects: projects.length,
        eligible: projects.filter((p) => p.compliance_status === 'eligible').length,
        rounds: summaryRounds,
        finalists: finalists.length,
        awards: awards.map((a) => ({ track: a.track_name, level: a.level, status: a.status, project: a.project_name, team: a.team_name })),
        notice: notice ? { start: iso(notice.start_at), end: iso(notice.end_at) } : null,
        reports: reports.map((r) => ({ status: r.status, ruling: r.ruling })),
        decisions: log.length,
        files: files.map((f) => f.path),
      }),
    ),
  );
  return { ...packDossier(files, { generatedAt, edition: { id: edition.id, name: edition.name } }), editionName: edition.name };
}

export const reporterCommitment = (reportId: string, realName: string, phone: string) =>
  createHash('sha256').update(`${reportId}|${realName}|${phone}`).digest('hex');
