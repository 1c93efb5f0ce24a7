/** 联合申报: inviting co-applicant organisations and answering invitations. */
import type { DB, Executor } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { uniqueViolation } from '../../lib/pg-errors.ts';
import { findEdition, findTrackOfTeamProject } from '../catalog/catalog.repository.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import { findMembership, findOrganization } from '../orgs/orgs.repository.ts';
import { assertEligible } from './eligibility.ts';
import { canManage } from './team-access.ts';
import { invitationDto } from './team-dto.ts';
import * as repo from './teams.repository.ts';
import { assertRosterOpen, withLockedTeam } from './team-support.ts';
import { getTeam } from './teams.service.ts';

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
      if (uniqueViolation(error) === 'team_invitations_pending_key')
        throw new AppError('INVITATION_PENDING', `已向「${org.name}」发出邀请，正在等待对方确认`);
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
