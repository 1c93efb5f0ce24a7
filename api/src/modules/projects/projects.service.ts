import type { DB, Executor } from '../../db/database.ts';
import type { EditionPhases, ProjectSections, UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { uniqueViolation } from '../../lib/pg-errors.ts';
import { findEdition, findTopic, findTrack } from '../catalog/catalog.repository.ts';
import { assertPhaseOpen, beijingDateTime, hasPhaseStarted, phaseClosed } from '../catalog/phases.ts';
import { publicStatus } from '../demands/demand-lifecycle.ts';
import { findDemand } from '../demands/demands.repository.ts';
import { viewerOf } from '../demands/demand-access.ts';
import { assertEligible } from '../teams/eligibility.ts';
import { findTeam, listTeamIdsForUser } from '../teams/teams.repository.ts';
import { loadEditableProject, loadProject, type ProjectAccess } from './project-access.ts';
import { materialDto, projectDto, summaryDto } from './project-dto.ts';
import { emptySections, mergeSections, type SectionsPatch } from './projects.schemas.ts';
import * as repo from './projects.repository.ts';

/**
 * Projects as their viewers may see them: the working copy, or the latest submitted
 * version. Loads what the DTOs need for all rows at once (lists and the queue).
 */
export async function projectsFor(
  db: Executor,
  rows: repo.ProjectWithContext[],
  accessOf: (row: repo.ProjectWithContext) => ProjectAccess,
) {
  const ids = rows.map((r) => r.id);
  const submittedViews = rows.filter((r) => accessOf(r).view === 'submitted' && r.submitted_version);
  const [working, orgs, versions] = await Promise.all([
    repo.listCurrentMaterialsOf(db, ids),
    repo.teamOrgsOf(db, [...new Set(rows.map((r) => r.team_id))]),
    repo.findVersions(
      db,
      submittedViews.map((r) => ({ projectId: r.id, version: r.submitted_version! })),
    ),
  ]);
  const versionMaterials = await repo.listMaterialsByIds(
    db,
    versions.flatMap((v) => v.material_ids),
  );
  return rows.map((p) => {
    const access = accessOf(p);
    const workingMaterials = working.filter((m) => m.project_id === p.id);
    const version = access.view === 'submitted' ? versions.find((v) => v.project_id === p.id) : undefined;
    return projectDto(p, {
      access,
      name: version?.name ?? p.name,
      sections: version?.sections ?? p.sections,
      materials: version ? versionMaterials.filter((m) => version.material_ids.includes(m.id)) : workingMaterials,
      workingMaterials,
      orgs: orgs.filter((o) => o.team_id === p.team_id).map((o) => ({ id: o.id, name: o.name, kind: o.kind, role: o.role })),
    });
  });
}

export async function projectFor(db: Executor, p: repo.ProjectWithContext, access: ProjectAccess) {
  const [dto] = await projectsFor(db, [p], () => access);
  return dto!;
}

export async function getProject(db: DB, user: UserRow | null, id: string, now: Date) {
  const { project, access } = await loadProject(db, user, id, now);
  return projectFor(db, project, access);
}

export async function listProjects(
  db: DB,
  user: UserRow,
  query: { mine?: string; editionId?: string; status?: string; compliance?: string; page: number; pageSize: number },
) {
  const overseer = user.roles.includes('committee') || user.roles.includes('supervisor');
  const filter: repo.ProjectFilter = { editionId: query.editionId, status: query.status, compliance: query.compliance };
  if (query.mine || !overseer) filter.teamIds = await listTeamIdsForUser(db, user.id);
  const [rows, total] = await Promise.all([
    repo.listProjects(db, filter, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    repo.countProjects(db, filter),
  ]);
  return { items: rows.map(summaryDto), total, page: query.page, pageSize: query.pageSize };
}

/** The submission history is for the team and the overseers; the enterprise reads only the current bid. */
async function loadHistoryReader(db: DB, user: UserRow, id: string, now: Date) {
  const { access } = await loadProject(db, user, id, now);
  if (access.view !== 'working' && !access.committee && !user.roles.includes('supervisor')) throw forbidden('无权查看提交记录');
}

const versionDto = (v: Awaited<ReturnType<typeof repo.listVersions>>[number]) => ({
  version: v.version,
  name: v.name,
  submittedAt: new Date(v.submitted_at).toISOString(),
  submittedBy: { id: v.submitted_by, displayName: v.display_name },
  materialCount: Number(v.material_count),
});

export async function listVersions(db: DB, user: UserRow, id: string, now: Date) {
  await loadHistoryReader(db, user, id, now);
  return { items: (await repo.listVersions(db, id)).map(versionDto) };
}

/** One submitted version as it was submitted: name, sections and the materials it listed. */
export async function getVersion(db: DB, user: UserRow, id: string, version: number, now: Date) {
  await loadHistoryReader(db, user, id, now);
  const summary = (await repo.listVersions(db, id)).find((v) => v.version === version);
  const row = summary ? await repo.findVersion(db, id, version) : undefined;
  if (!summary || !row) throw notFound(`第 ${version} 版`);
  return {
    ...versionDto(summary),
    sections: row.sections,
    materials: (await repo.listMaterialsByIds(db, row.material_ids)).map(materialDto),
  };
}

/** A demand can be bid for while its approved version is live and its bid deadline has not passed. */
export function assertDemandOpen(
  demand: { status: Parameters<typeof publicStatus>[0]; published_content: unknown; bid_deadline: Date | null; title?: string | null },
  now: Date,
) {
  const status = publicStatus(demand.status, demand.published_content !== null);
  if (status !== 'published') {
    throw new AppError(
      'DEMAND_NOT_OPEN',
      `该需求子赛题${status === 'disqualified' ? '已被取消资格' : status === 'closed' ? '已截止揭榜' : '尚未发布'}，不能揭榜`,
      { status },
    );
  }
  if (!demand.bid_deadline || demand.bid_deadline.getTime() <= now.getTime()) {
    throw new AppError(
      'DEMAND_NOT_OPEN',
      `该需求子赛题的揭榜截止时间（${demand.bid_deadline ? beijingDateTime(demand.bid_deadline.toISOString()) : '未设置'}）已过，不能揭榜`,
      {
        bidDeadline: demand.bid_deadline?.toISOString() ?? null,
      },
    );
  }
}

/** 参赛项目: one per team, aimed at one topic or one open sub-topic of the team's edition. */
export async function createProject(
  db: DB,
  user: UserRow,
  input: { teamId: string; topicId?: string; demandId?: string; name: string; sections?: SectionsPatch },
  now: Date,
) {
  const id = await db.transaction().execute(async (trx) => {
    const team = await findTeam(trx, input.teamId);
    if (!team) throw notFound('团队');
    if (!(await repo.isTeamMember(trx, team.id, user.id))) throw forbidden('只有本团队的参赛代表可以创建参赛项目');
    const edition = (await findEdition(trx, team.edition_id))!;
    assertPhaseOpen(edition.phases, 'submission', now, '创建参赛项目');
    const existing = await repo.findProjectOfTeam(trx, team.id);
    if (existing) throw oneProjectPerTeam(existing);

    let topicId: string;
    let demandId: string | null = null;
    if (input.demandId) {
      const demand = await findDemand(trx, input.demandId);
      if (!demand || demand.edition_id !== team.edition_id || publicStatus(demand.status, demand.published_content !== null) === null) {
        throw notFound('需求子赛题');
      }
      assertDemandOpen(demand, now);
      topicId = demand.topic_id;
      demandId = demand.id;
    } else {
      const topic = await findTopic(trx, input.topicId!);
      const track = topic ? await findTrack(trx, topic.track_id) : undefined;
      if (!topic || !track || track.edition_id !== team.edition_id) throw notFound('赛题');
      topicId = topic.id;
    }
    const topic = (await findTopic(trx, topicId))!;
    const track = (await findTrack(trx, topic.track_id))!;
    assertEligible(await repo.teamOrgsForEligibility(trx, team.id), { track });

    try {
      const project = await repo.insertProject(trx, {
        team_id: team.id,
        edition_id: team.edition_id,
        topic_id: topicId,
        demand_id: demandId,
        name: input.name,
        sections: JSON.stringify(mergeSections(emptySections(), input.sections)),
        created_by: user.id,
      });
      await repo.insertProjectEvent(trx, { project_id: project.id, actor_id: user.id, action: 'created', to_status: 'draft' });
      return project.id;
    } catch (error) {
      if (uniqueViolation(error) === 'projects_one_per_team') throw oneProjectPerTeam();
      throw error;
    }
  });
  return getProject(db, user, id, now);
}

function oneProjectPerTeam(existing?: { id: string; name: string }) {
  return new AppError(
    'ONE_PROJECT_PER_TEAM',
    existing ? `每个团队只能提交 1 个参赛项目，本团队已有项目「${existing.name}」` : '每个团队只能提交 1 个参赛项目，本团队已有项目',
    existing ? { projectId: existing.id } : undefined,
  );
}

/**
 * Autosave and edits. The target never changes (赛题一经选定不得更改); after the first
 * submission the name is fixed too, while the content may keep improving until the
 * submission deadline (each re-submission is a new version).
 */
export async function updateProject(
  db: DB,
  user: UserRow,
  id: string,
  body: { name?: string; topicId?: string; demandId?: string; sections?: SectionsPatch; version?: number },
  now: Date,
) {
  await db.transaction().execute(async (trx) => {
    const project = await loadEditableProject(trx, user, id, now);
    const locked = (await repo.lockProject(trx, id))!;
    if ((body.topicId && body.topicId !== locked.topic_id) || (body.demandId && body.demandId !== locked.demand_id)) {
      throw new AppError('TARGET_IMMUTABLE', '赛题一经选定不得更改；如需换题，请撤回本项目（每个团队仅限 1 个项目）', {
        topicId: locked.topic_id,
        demandId: locked.demand_id,
      });
    }
    if (locked.status === 'withdrawn') throw new AppError('INVALID_TRANSITION', '项目已撤回，不能再修改', { status: locked.status });
    assertPhaseOpen(project.phases as EditionPhases, 'submission', now, '修改申报书');
    if (body.name !== undefined && body.name !== locked.name && locked.submitted_version !== null) {
      throw new AppError('NAME_IMMUTABLE', '项目提交后不能更改名称（可在不改变名称和主要内容的基础上继续完善）', { name: locked.name });
    }
    if (body.version !== undefined && body.version !== locked.version) {
      throw new AppError('VERSION_CONFLICT', '申报书已在别处被修改，请刷新后再编辑', { currentVersion: locked.version });
    }
    const sections: ProjectSections = mergeSections(locked.sections, body.sections);
    await repo.updateProject(trx, id, {
      name: body.name ?? locked.name,
      sections: JSON.stringify(sections),
      version: locked.version + 1,
      changed_since_submit: locked.submitted_version !== null,
    });
  });
  return getProject(db, user, id, now);
}

/**
 * The bids on a sub-topic, for its enterprise (once the preliminary review has begun,
 * eligible ones only) and for the overseers (every submitted one).
 */
export async function bidsOfDemand(db: DB, user: UserRow, demandId: string, now: Date) {
  const demand = await findDemand(db, demandId);
  const viewer = await viewerOf(db, user);
  const owner = !!demand && viewer.memberOrgIds.includes(demand.org_id);
  if (!demand || (!owner && !viewer.overseer && publicStatus(demand.status, demand.published_content !== null) === null))
    throw notFound('需求');
  if (!owner && !viewer.overseer) throw forbidden('只有发布该需求的企业和组委会可以查看揭榜方案');
  const submitted = await repo.listProjects(db, { demandId, status: 'submitted' });
  if (viewer.overseer) return { count: submitted.length, items: submitted.map(summaryDto) };
  const edition = (await findEdition(db, demand.edition_id))!;
  if (!hasPhaseStarted(edition.phases, 'preliminaryReview', now)) {
    throw phaseClosed(edition.phases, 'preliminaryReview', now, '查看揭榜方案（评审开始前只显示揭榜数量）');
  }
  return { count: submitted.length, items: submitted.filter((p) => p.compliance_status === 'eligible').map(summaryDto) };
}
