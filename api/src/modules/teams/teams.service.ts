/** 参赛团队: create, read, list, rename and dissolve teams. Roster and invitations have their own files. */
import type { DB } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { uniqueViolation } from '../../lib/pg-errors.ts';
import { findEdition } from '../catalog/catalog.repository.ts';
import { assertPhaseOpen } from '../catalog/phases.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import { findMembership, findOrganization } from '../orgs/orgs.repository.ts';
import { assertEligible } from './eligibility.ts';
import { canManage } from './team-access.ts';
import * as repo from './teams.repository.ts';
import { alreadyInTeam, assertRosterOpen, buildTeams, withLockedTeam } from './team-support.ts';

export async function getTeam(db: DB, user: UserRow | null, id: string, now: Date) {
  const [team] = await buildTeams(db, user, [id], now);
  if (!team) throw notFound('团队');
  return team;
}

export async function listTeams(db: DB, user: UserRow, query: { mine?: string; editionId?: string }, now: Date) {
  const overseer = user.roles.includes('committee') || user.roles.includes('supervisor');
  let ids: string[];
  if (!query.mine && overseer) {
    if (!query.editionId)
      throw new AppError('VALIDATION_FAILED', '请指定赛事（editionId）', { issues: [{ path: 'editionId', message: '必填' }] });
    ids = await repo.listTeamIdsOfEdition(db, query.editionId);
  } else {
    ids = await repo.listTeamIdsForUser(db, user.id);
  }
  const teams = await buildTeams(db, user, ids, now);
  return { items: query.editionId ? teams.filter((t) => t.editionId === query.editionId) : teams };
}

/** 组队报名: a member of the lead organisation creates the team and becomes its leader (first representative). */
export async function createTeam(db: DB, user: UserRow, input: { editionId: string; name: string; leadOrgId: string }, now: Date) {
  const teamId = await db.transaction().execute(async (trx) => {
    const edition = await findEdition(trx, input.editionId);
    if (!edition) throw notFound('赛事');
    const org = await findOrganization(trx, input.leadOrgId);
    if (!org) throw notFound('单位');
    if (!(await findMembership(trx, org.id, user.id))) throw forbidden('只能以本人所属单位作为牵头单位创建团队');
    assertPhaseOpen(edition.phases, 'registration', now, '创建团队');
    assertEligible([org], { anyGovernmentTrack: await repo.editionHasGovernmentTrack(trx, edition.id) });
    const existing = await repo.findTeamOfUserInEdition(trx, edition.id, user.id);
    if (existing) throw alreadyInTeam(existing.name);
    try {
      const team = await repo.insertTeam(trx, { edition_id: edition.id, name: input.name, lead_org_id: org.id, created_by: user.id });
      await repo.insertTeamOrg(trx, { team_id: team.id, org_id: org.id, role: 'lead' });
      await repo.insertTeamMember(trx, {
        team_id: team.id,
        edition_id: edition.id,
        user_id: user.id,
        org_id: org.id,
        role: 'leader',
        added_by: user.id,
      });
      await recordAudit(trx, {
        actorId: user.id,
        action: 'team.created',
        entityType: 'team',
        entityId: team.id,
        data: { leadOrgId: org.id },
      });
      return team.id;
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === 'teams_edition_name_key')
        throw new AppError('TEAM_NAME_TAKEN', `本届赛事已有名为「${input.name}」的团队，请换一个名称`, { field: 'name' });
      if (constraint === 'team_members_edition_user_key') throw alreadyInTeam();
      throw error;
    }
  });
  return getTeam(db, user, teamId, now);
}

/** Renames a team (leader or lead-org admins, until the registration deadline). */
export async function renameTeam(db: DB, user: UserRow, teamId: string, name: string, now: Date) {
  await withLockedTeam(db, user, teamId, now, async ({ trx, team, relation }) => {
    if (!canManage(relation)) throw forbidden('只有队长或牵头单位管理员可以修改团队名称');
    assertRosterOpen(team.phases, now);
    try {
      await repo.renameTeam(trx, teamId, name);
    } catch (error) {
      if (uniqueViolation(error) === 'teams_edition_name_key')
        throw new AppError('TEAM_NAME_TAKEN', `本届赛事已有名为「${name}」的团队，请换一个名称`, { field: 'name' });
      throw error;
    }
    await recordAudit(trx, {
      actorId: user.id,
      action: 'team.renamed',
      entityType: 'team',
      entityId: teamId,
      data: { from: team.name, to: name },
    });
  });
  return getTeam(db, user, teamId, now);
}

/**
 * Dissolves a team that has no project yet (leader or lead-org admins, until the
 * registration deadline), freeing its representatives for another team. A team with
 * a project withdraws the project instead: the project keeps the team's one slot.
 */
export async function dissolveTeam(db: DB, user: UserRow, teamId: string, now: Date) {
  await withLockedTeam(db, user, teamId, now, async ({ trx, team, relation }) => {
    if (!canManage(relation)) throw forbidden('只有队长或牵头单位管理员可以解散团队');
    assertRosterOpen(team.phases, now);
    const [project] = await repo.listProjectsOfTeams(trx, [teamId]);
    if (project)
      throw new AppError('CONFLICT', `团队已有参赛项目「${project.name}」，不能解散；如需退赛，请在申报书页面撤回项目`, {
        projectId: project.id,
      });
    const others = (await repo.memberIdsOfTeam(trx, teamId)).filter((id) => id !== user.id);
    await repo.deleteTeam(trx, teamId);
    await recordAudit(trx, { actorId: user.id, action: 'team.dissolved', entityType: 'team', entityId: teamId, data: { name: team.name } });
    await insertNotifications(trx, others, {
      kind: 'team.dissolved',
      title: `团队「${team.name}」已解散`,
      body: `${user.display_name} 解散了团队「${team.name}」，您可以加入或创建其他团队。`,
      link: '/workspace/teams',
    });
  });
}
