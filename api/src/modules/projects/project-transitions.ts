import type { DB } from '../../db/database.ts';
import type { EditionPhases, UserRow } from '../../db/schema.ts';
import { AppError, forbidden } from '../../errors.ts';
import { phaseClosed, assertPhaseOpen, phaseState } from '../catalog/phases.ts';
import { findDemand } from '../demands/demands.repository.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import { assertEligible, eligibilityChecks } from '../teams/eligibility.ts';
import { memberIdsOfTeam } from '../teams/teams.repository.ts';
import { loadEditableProject, loadProject } from './project-access.ts';
import { missingItems } from './projects.schemas.ts';
import * as repo from './projects.repository.ts';
import { assertDemandOpen, getProject, projectsFor } from './projects.service.ts';

const statusLabels = { draft: '草稿', submitted: '已提交', withdrawn: '已撤回' } as const;

/**
 * draft → submitted (or a new version of a submitted project) before the submission
 * deadline: every section filled, the required materials present, every team
 * organisation still eligible, and a targeted sub-topic still open. Each submission
 * is kept as a version; the committee checks the latest one.
 */
export async function submitProject(db: DB, user: UserRow, id: string, now: Date) {
  await db.transaction().execute(async (trx) => {
    const project = await loadEditableProject(trx, user, id, now);
    const locked = (await repo.lockProject(trx, id))!;
    if (locked.status === 'withdrawn') throw new AppError('INVALID_TRANSITION', '项目已撤回，不能提交', { status: locked.status });
    if (locked.status === 'submitted' && !locked.changed_since_submit) {
      throw new AppError('INVALID_TRANSITION', '申报书自上次提交后没有修改，无需重复提交', { status: locked.status });
    }
    assertPhaseOpen(project.phases as EditionPhases, 'submission', now, '提交申报书');
    if (locked.demand_id) assertDemandOpen((await findDemand(trx, locked.demand_id))!, now);
    assertEligible(await repo.teamOrgsForEligibility(trx, locked.team_id), {
      track: { name: project.track_name, government_allowed: project.government_allowed },
    });
    const materials = await repo.listCurrentMaterials(trx, id);
    const missing = missingItems(locked.sections, new Set(materials.map((m) => m.category)));
    if (missing.length) {
      throw new AppError('INCOMPLETE_APPLICATION', `申报材料不完整，请补充：${missing.map((m) => m.label).join('、')}`, { missing });
    }
    const version = (locked.submitted_version ?? 0) + 1;
    await repo.insertVersion(trx, {
      project_id: id,
      version,
      name: locked.name,
      sections: JSON.stringify(locked.sections),
      material_ids: materials.map((m) => m.id),
      submitted_by: user.id,
    });
    await repo.updateProject(trx, id, {
      status: 'submitted',
      submitted_version: version,
      submitted_at: now,
      changed_since_submit: false,
      // A new version is checked again.
      compliance_status: 'pending',
      compliance_reason: null,
      compliance_by: null,
      compliance_at: null,
    });
    await repo.insertProjectEvent(trx, {
      project_id: id,
      actor_id: user.id,
      action: version === 1 ? 'submitted' : 'resubmitted',
      from_status: locked.status,
      to_status: 'submitted',
      data: JSON.stringify({ version }),
    });
  });
  return getProject(db, user, id, now);
}

/** 退赛: the team withdraws its project (draft or submitted). The project keeps the team's one slot. */
export async function withdrawProject(db: DB, user: UserRow, id: string, reason: string | undefined, now: Date) {
  await db.transaction().execute(async (trx) => {
    const project = await loadEditableProject(trx, user, id, now);
    const locked = (await repo.lockProject(trx, id))!;
    if (locked.status === 'withdrawn') throw new AppError('INVALID_TRANSITION', '项目已撤回', { status: locked.status });
    await repo.updateProject(trx, id, { status: 'withdrawn', withdrawn_at: now, withdraw_reason: reason ?? null });
    await repo.insertProjectEvent(trx, {
      project_id: id,
      actor_id: user.id,
      action: 'withdrawn',
      from_status: locked.status,
      to_status: 'withdrawn',
      reason: reason ?? null,
    });
    const others = (await memberIdsOfTeam(trx, locked.team_id)).filter((u) => u !== user.id);
    await insertNotifications(trx, others, {
      kind: 'project.withdrawn',
      title: `项目「${project.name}」已撤回`,
      body: `${user.display_name} 撤回了团队「${project.team_name}」的参赛项目${reason ? `：${reason}` : ''}。`,
      link: `/workspace/projects/${id}`,
    });
  });
  return getProject(db, user, id, now);
}

/**
 * 资格审查 runs from the opening of submissions (the committee checks projects as
 * they arrive) to the end of the compliance phase.
 */
function complianceWindow(phases: EditionPhases) {
  return { start: phases.submission.start, end: phases.compliance.end };
}

export async function decideCompliance(
  db: DB,
  user: UserRow,
  id: string,
  input: { decision: 'eligible' | 'ineligible'; reason?: string },
  now: Date,
) {
  if (!user.roles.includes('committee')) throw forbidden('资格审查仅限组委会秘书处');
  await db.transaction().execute(async (trx) => {
    const { project } = await loadProject(trx, user, id, now);
    const locked = (await repo.lockProject(trx, id))!;
    if (locked.status !== 'submitted') {
      throw new AppError('INVALID_TRANSITION', `项目当前状态为「${statusLabels[locked.status]}」，只有已提交的项目可以进行资格审查`, {
        status: locked.status,
      });
    }
    const phases = project.phases as EditionPhases;
    const window = complianceWindow(phases);
    if (now.getTime() < Date.parse(window.start) || now.getTime() > Date.parse(window.end)) {
      throw phaseClosed(phases, 'compliance', now, '作出资格审查结论', window);
    }
    await repo.updateProject(trx, id, {
      compliance_status: input.decision,
      compliance_reason: input.reason ?? null,
      compliance_by: user.id,
      compliance_at: now,
    });
    await repo.insertProjectEvent(trx, {
      project_id: id,
      actor_id: user.id,
      action: `compliance.${input.decision}`,
      reason: input.reason ?? null,
      data: JSON.stringify({ version: locked.submitted_version }),
    });
    const eligible = input.decision === 'eligible';
    await insertNotifications(trx, await memberIdsOfTeam(trx, locked.team_id), {
      kind: 'project.compliance',
      title: `资格审查结果：项目「${locked.name}」${eligible ? '通过' : '未通过'}`,
      body: eligible ? '项目已通过资格审查，将进入初赛评审。' : `未通过原因：${input.reason}`,
      link: `/workspace/projects/${id}`,
      data: { projectId: id, decision: input.decision },
    });
  });
  return getProject(db, user, id, now);
}

/** The committee's queue, one page: each submitted project with its organisations' checks already run. */
export async function complianceQueue(
  db: DB,
  user: UserRow,
  query: { editionId?: string; compliance?: 'pending' | 'eligible' | 'ineligible'; page: number; pageSize: number },
  now: Date,
) {
  const [rows, counts] = await Promise.all([
    repo.listComplianceQueue(db, query, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }),
    repo.complianceCounts(db, query.editionId),
  ]);
  const access = { view: 'submitted' as const, canEdit: false, isRepresentative: false, committee: user.roles.includes('committee') };
  const [projects, orgs] = await Promise.all([
    projectsFor(db, rows, () => access),
    repo.teamOrgsOf(db, [...new Set(rows.map((r) => r.team_id))]),
  ]);
  return {
    items: rows.map((row, i) => {
      const teamOrgs = orgs.filter((o) => o.team_id === row.team_id);
      const track = { name: row.track_name, government_allowed: row.government_allowed };
      const phases = row.phases as EditionPhases;
      return {
        project: projects[i]!,
        orgs: teamOrgs.map((o) => ({
          id: o.id,
          name: o.name,
          kind: o.kind,
          role: o.role,
          blacklisted: o.blacklisted,
          blacklistReason: o.blacklist_reason,
          organizerAffiliated: o.organizer_affiliated,
        })),
        checks: teamOrgs.flatMap((org) => eligibilityChecks(org, { track }).map(({ code: _code, ...check }) => check)),
        decisionOpen: phaseState({ ...phases, compliance: complianceWindow(phases) }, 'compliance', now) === 'open',
      };
    }),
    counts,
    total: query.compliance ? counts[query.compliance] : counts.pending + counts.eligible + counts.ineligible,
    page: query.page,
    pageSize: query.pageSize,
  };
}
