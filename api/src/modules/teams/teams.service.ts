import type { DB, Executor, Trx } from '../../db/database.ts';
import type { EditionPhases, EditionRules, UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { uniqueViolation } from '../../lib/pg-errors.ts';
import { findUserByEmail } from '../auth/users.repository.ts';
import { findEdition, findTrackOfTeamProject } from '../catalog/catalog.repository.ts';
import { assertPhaseOpen, beijingDateTime, hasPhaseEnded } from '../catalog/phases.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import { findMembership, findOrganization, listOrgIdsOfMember } from '../orgs/orgs.repository.ts';
import { assertEligible } from './eligibility.ts';
import { canManage, canView, relationsTo, relationTo, type TeamRelation } from './team-access.ts';
import { invitationDto, teamDto } from './team-dto.ts';
import * as repo from './teams.repository.ts';

/** After the registration deadline the roster is fixed (报名截止之后，参赛代表不可更改). */
function assertRosterOpen(phases: EditionPhases, now: Date) {
  if (hasPhaseEnded(phases, 'registration', now)) {
    throw new AppError('ROSTER_FROZEN', `报名已于 ${beijingDateTime(phases.registration.end)}（北京时间）截止，团队名单已锁定，不能再更改`, {
      registrationEnd: phases.registration.end,
    });
  }
  assertPhaseOpen(phases, 'registration', now, '更改团队名单');
}

function alreadyInTeam(teamName?: string) {
  return new AppError(
    'ALREADY_IN_TEAM',
    teamName ? `该用户已是本届赛事团队「${teamName}」的参赛代表，每人只能代表一个团队` : '该用户已是本届赛事另一个团队的参赛代表，每人只能代表一个团队',
  );
}

/** Loads a team with what its DTO needs, checking the viewer may see it (404 otherwise, so existence does not leak). */
async function loadVisibleTeam(db: Executor, user: UserRow | null, id: string) {
  const [team] = await repo.findTeamsByIds(db, [id]);
  if (!team) throw notFound('团队');
  const orgs = await repo.listTeamOrgs(db, [id]);
  const relation = await relationTo(db, user, team, orgs.map((o) => o.id));
  if (!canView(relation)) throw notFound('团队');
  return { team, orgs, relation };
}

async function buildTeams(db: Executor, user: UserRow | null, teamIds: string[], now: Date) {
  const [teams, orgs, members, invitations, projects] = await Promise.all([
    repo.findTeamsByIds(db, teamIds),
    repo.listTeamOrgs(db, teamIds),
    repo.listTeamMembers(db, teamIds),
    repo.listInvitationsOfTeams(db, teamIds),
    repo.listProjectsOfTeams(db, teamIds),
  ]);
  const orgsOf = (teamId: string) => orgs.filter((o) => o.team_id === teamId);
  const relations = await relationsTo(db, user, teams.map((t) => ({ ...t, orgIds: orgsOf(t.id).map((o) => o.id) })));
  return teams.flatMap((team, i) =>
    // Listings only ever hold teams the viewer may see; a single team not visible is a 404 below.
    canView(relations[i]!)
      ? [
          teamDto(team, {
            orgs: orgsOf(team.id),
            members: members.filter((m) => m.team_id === team.id),
            invitations: invitations.filter((inv) => inv.team_id === team.id),
            project: projects.find((p) => p.team_id === team.id) ?? null,
            relation: relations[i]!,
            now,
          }),
        ]
      : [],
  );
}

export async function getTeam(db: DB, user: UserRow | null, id: string, now: Date) {
  const [team] = await buildTeams(db, user, [id], now);
  if (!team) throw notFound('团队');
  return team;
}

export async function listTeams(db: DB, user: UserRow, query: { mine?: string; editionId?: string }, now: Date) {
  const overseer = user.roles.includes('committee') || user.roles.includes('supervisor');
  let ids: string[];
  if (!query.mine && overseer) {
    if (!query.editionId) throw new AppError('VALIDATION_FAILED', '请指定赛事（editionId）', { issues: [{ path: 'editionId', message: '必填' }] });
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
      await repo.insertTeamMember(trx, { team_id: team.id, edition_id: edition.id, user_id: user.id, org_id: org.id, role: 'leader', added_by: user.id });
      await recordAudit(trx, { actorId: user.id, action: 'team.created', entityType: 'team', entityId: team.id, data: { leadOrgId: org.id } });
      return team.id;
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === 'teams_edition_name_key') throw new AppError('TEAM_NAME_TAKEN', `本届赛事已有名为「${input.name}」的团队，请换一个名称`, { field: 'name' });
      if (constraint === 'team_members_edition_user_key') throw alreadyInTeam();
      throw error;
    }
  });
  return getTeam(db, user, teamId, now);
}

/**
 * Runs a roster change with the team row locked, so two requests for the last seat
 * (or any two roster changes of one team) are serialised.
 */
async function withLockedTeam<T>(
  db: DB,
  user: UserRow,
  teamId: string,
  now: Date,
  change: (ctx: { trx: Trx; team: repo.TeamWithEdition; relation: TeamRelation; orgIds: string[] }) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const { team, orgs, relation } = await loadVisibleTeam(trx, user, teamId);
    await repo.lockTeam(trx, teamId);
    return change({ trx, team, relation, orgIds: orgs.map((o) => o.id) });
  });
}

/** Renames a team (leader or lead-org admins, until the registration deadline). */
export async function renameTeam(db: DB, user: UserRow, teamId: string, name: string, now: Date) {
  await withLockedTeam(db, user, teamId, now, async ({ trx, team, relation }) => {
    if (!canManage(relation)) throw forbidden('只有队长或牵头单位管理员可以修改团队名称');
    assertRosterOpen(team.phases, now);
    try {
      await repo.renameTeam(trx, teamId, name);
    } catch (error) {
      if (uniqueViolation(error) === 'teams_edition_name_key') throw new AppError('TEAM_NAME_TAKEN', `本届赛事已有名为「${name}」的团队，请换一个名称`, { field: 'name' });
      throw error;
    }
    await recordAudit(trx, { actorId: user.id, action: 'team.renamed', entityType: 'team', entityId: teamId, data: { from: team.name, to: name } });
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
    if (project) throw new AppError('CONFLICT', `团队已有参赛项目「${project.name}」，不能解散；如需退赛，请在申报书页面撤回项目`, { projectId: project.id });
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

/** Adds a representative (参赛代表): a member of one of the team's organisations, not in another team of the edition. */
export async function addMember(db: DB, user: UserRow, teamId: string, email: string, now: Date) {
  await withLockedTeam(db, user, teamId, now, async ({ trx, team, relation, orgIds }) => {
    if (!canManage(relation)) throw forbidden('只有队长或牵头单位管理员可以添加参赛代表');
    assertRosterOpen(team.phases, now);
    const person = await findUserByEmail(trx, email);
    if (!person) throw new AppError('NOT_FOUND', `没有邮箱为 ${email} 的用户，请先请对方注册账号`, { field: 'email' });
    const memberships = await listOrgIdsOfMember(trx, person.id, orgIds);
    if (!memberships.length) {
      throw new AppError('NOT_ORG_MEMBER', '参赛代表须是牵头单位或联合申报单位的成员，请先由单位管理员将其加入单位', { field: 'email' });
    }
    const existing = await repo.findTeamOfUserInEdition(trx, team.edition_id, person.id);
    if (existing) throw alreadyInTeam(existing.name);
    const rules = team.rules as EditionRules;
    const seats = await repo.countTeamMembers(trx, teamId);
    if (seats >= rules.maxTeamSize) {
      throw new AppError('TEAM_FULL', `每个团队最多 ${rules.maxTeamSize} 名参赛代表，本团队已满`, { maxTeamSize: rules.maxTeamSize });
    }
    // Prefer the lead organisation when the person belongs to several of the team's organisations.
    const orgId = memberships.some((m) => m.org_id === team.lead_org_id) ? team.lead_org_id : memberships[0]!.org_id;
    try {
      await repo.insertTeamMember(trx, { team_id: teamId, edition_id: team.edition_id, user_id: person.id, org_id: orgId, role: 'member', added_by: user.id });
    } catch (error) {
      if (uniqueViolation(error) === 'team_members_edition_user_key' || uniqueViolation(error) === 'team_members_pkey') throw alreadyInTeam();
      throw error;
    }
    await repo.touchTeam(trx, teamId);
    await recordAudit(trx, { actorId: user.id, action: 'team.member_added', entityType: 'team', entityId: teamId, data: { userId: person.id } });
    await insertNotifications(trx, [person.id], {
      kind: 'team.member_added',
      title: `您已成为团队「${team.name}」的参赛代表`,
      body: `${user.display_name} 将您加入团队「${team.name}」（${team.edition_name}）。`,
      link: `/workspace/teams/${teamId}`,
    });
  });
  return getTeam(db, user, teamId, now);
}

export async function removeMember(db: DB, user: UserRow, teamId: string, userId: string, now: Date) {
  await withLockedTeam(db, user, teamId, now, async ({ trx, team, relation }) => {
    const leaving = userId === user.id;
    if (!canManage(relation) && !(leaving && relation.isMember)) throw forbidden('只有队长或牵头单位管理员可以移除参赛代表');
    assertRosterOpen(team.phases, now);
    const member = await repo.findTeamMember(trx, teamId, userId);
    if (!member) throw notFound('该参赛代表');
    if (member.role === 'leader') throw new AppError('CONFLICT', '队长不能被移除；如需更换队长请联系组委会');
    await repo.deleteTeamMember(trx, teamId, userId);
    await repo.touchTeam(trx, teamId);
    await recordAudit(trx, { actorId: user.id, action: 'team.member_removed', entityType: 'team', entityId: teamId, data: { userId } });
    if (!leaving) {
      await insertNotifications(trx, [userId], {
        kind: 'team.member_removed',
        title: `您已被移出团队「${team.name}」`,
        body: `${user.display_name} 将您移出了团队「${team.name}」。`,
      });
    }
  });
  return relationAfterRemoval(db, user, teamId, now);
}

/** Someone who just left may no longer see the team: answer with what they can still see. */
async function relationAfterRemoval(db: DB, user: UserRow, teamId: string, now: Date) {
  try {
    return await getTeam(db, user, teamId, now);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** 联合申报: invites another organisation; one of its admins must accept. */
export async function inviteOrganization(db: DB, user: UserRow, teamId: string, orgId: string, now: Date) {
  const invitationId = await withLockedTeam(db, user, teamId, now, async ({ trx, team, relation, orgIds }) => {
    if (!canManage(relation)) throw forbidden('只有队长或牵头单位管理员可以邀请联合申报单位');
    assertRosterOpen(team.phases, now);
    const org = await findOrganization(trx, orgId);
    if (!org) throw notFound('单位');
    if (orgIds.includes(orgId)) throw new AppError('ALREADY_MEMBER', `「${org.name}」已是本团队的参赛单位`);
    assertEligible([org], await trackContextOfTeam(trx, teamId, team.edition_id));
    try {
      const invitation = await repo.insertInvitation(trx, { team_id: teamId, org_id: orgId, invited_by: user.id });
      await recordAudit(trx, { actorId: user.id, action: 'team.org_invited', entityType: 'team', entityId: teamId, data: { orgId } });
      await insertNotifications(trx, await repo.adminIdsOfOrg(trx, orgId), {
        kind: 'team.invitation',
        title: `团队「${team.name}」邀请贵单位联合申报`,
        body: `${user.display_name} 邀请「${org.name}」作为联合申报单位加入团队「${team.name}」（${team.edition_name}），请单位管理员确认。`,
        link: '/workspace/teams',
      });
      return invitation.id;
    } catch (error) {
      if (uniqueViolation(error) === 'team_invitations_pending_key') throw new AppError('INVITATION_PENDING', `已向「${org.name}」发出邀请，正在等待对方确认`);
      throw error;
    }
  });
  const invitation = await repo.findInvitationWithNames(db, invitationId);
  return invitationDto(invitation!);
}

/** Before a project picks its target any government-open track will do; after, it must be the project's track. */
export async function trackContextOfTeam(db: Executor, teamId: string, editionId: string) {
  const target = await findTrackOfTeamProject(db, teamId);
  return target ? { track: target } : { anyGovernmentTrack: await repo.editionHasGovernmentTrack(db, editionId) };
}

export async function listMyInvitations(db: DB, user: UserRow) {
  return { items: (await repo.listPendingInvitationsForAdmin(db, user.id)).map(invitationDto) };
}

async function respond(db: DB, user: UserRow, invitationId: string, now: Date, accept: boolean) {
  return db.transaction().execute(async (trx) => {
    const invitation = await repo.findInvitation(trx, invitationId);
    const membership = invitation ? await findMembership(trx, invitation.org_id, user.id) : undefined;
    // Only the invited organisation's people learn the invitation exists.
    if (!invitation || !membership) throw notFound('邀请');
    if (membership.role !== 'admin') throw forbidden('只有被邀请单位的管理员可以处理邀请');
    const team = (await repo.lockTeam(trx, invitation.team_id))!;
    const locked = (await repo.lockInvitation(trx, invitationId))!;
    if (locked.status !== 'pending') {
      throw new AppError('INVALID_TRANSITION', locked.status === 'accepted' ? '该邀请已接受' : '该邀请已拒绝', { status: locked.status });
    }
    const edition = (await findEdition(trx, team.edition_id))!;
    const org = (await findOrganization(trx, invitation.org_id))!;
    if (accept) {
      assertRosterOpen(edition.phases, now);
      assertEligible([org], await trackContextOfTeam(trx, team.id, team.edition_id));
      await repo.insertTeamOrg(trx, { team_id: team.id, org_id: org.id, role: 'co_applicant' });
    }
    await repo.respondToInvitation(trx, invitationId, accept ? 'accepted' : 'declined', user.id);
    await repo.touchTeam(trx, team.id);
    await recordAudit(trx, {
      actorId: user.id,
      action: accept ? 'team.invitation_accepted' : 'team.invitation_declined',
      entityType: 'team',
      entityId: team.id,
      data: { invitationId, orgId: invitation.org_id },
    });
    const orgName = org.name;
    await insertNotifications(trx, await repo.memberIdsOfTeam(trx, team.id), {
      kind: accept ? 'team.invitation_accepted' : 'team.invitation_declined',
      title: accept ? `「${orgName}」已加入团队「${team.name}」` : `「${orgName}」拒绝了团队「${team.name}」的邀请`,
      link: `/workspace/teams/${team.id}`,
    });
    return team.id;
  });
}

export async function acceptInvitation(db: DB, user: UserRow, invitationId: string, now: Date) {
  const teamId = await respond(db, user, invitationId, now, true);
  return getTeam(db, user, teamId, now);
}

export async function declineInvitation(db: DB, user: UserRow, invitationId: string, now: Date) {
  await respond(db, user, invitationId, now, false);
  return invitationDto((await repo.findInvitationWithNames(db, invitationId))!);
}
