/** 参赛代表: adding and removing a team's representatives (at most rules.maxTeamSize, until registration ends). */
import type { DB } from '../../db/database.ts';
import type { EditionRules, UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { uniqueViolation } from '../../lib/pg-errors.ts';
import { findUserByEmail } from '../auth/users.repository.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import { listOrgIdsOfMember } from '../orgs/orgs.repository.ts';
import { canManage } from './team-access.ts';
import * as repo from './teams.repository.ts';
import { alreadyInTeam, assertRosterOpen, withLockedTeam } from './team-support.ts';
import { getTeam } from './teams.service.ts';

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
      await repo.insertTeamMember(trx, {
        team_id: teamId,
        edition_id: team.edition_id,
        user_id: person.id,
        org_id: orgId,
        role: 'member',
        added_by: user.id,
      });
    } catch (error) {
      if (uniqueViolation(error) === 'team_members_edition_user_key' || uniqueViolation(error) === 'team_members_pkey')
        throw alreadyInTeam();
      throw error;
    }
    await repo.touchTeam(trx, teamId);
    await recordAudit(trx, {
      actorId: user.id,
      action: 'team.member_added',
      entityType: 'team',
      entityId: teamId,
      data: { userId: person.id },
    });
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
