import type { DB, Executor } from '../../db/database.ts';
import type { OrgInvitationRow, OrgMemberRole, UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { insertNotifications } from '../notifications/notifications.repository.ts';
import { findUserByEmail } from '../auth/users.repository.ts';
import * as repo from './orgs.repository.ts';
import * as inv from './org-invitations.repository.ts';

/**
 * Organisation membership needs consent: an admin invites an email, the person
 * with that email accepts or declines. The admin's answer is the same whether or
 * not the email has an account; the person sees the invitation on their account
 * (and, when they already have an account, gets a notification).
 */

export const INVITED_MESSAGE = '邀请已发出。对方登录（或用该邮箱注册）后，在“我的账号”中接受邀请即成为本单位成员。';

async function requireAdmin(db: Executor, orgId: string, actor: UserRow, what = '管理成员') {
  const org = await repo.findOrganization(db, orgId);
  if (!org) throw notFound('单位');
  const membership = await repo.findMembership(db, orgId, actor.id);
  if (membership?.role !== 'admin') throw forbidden(`只有本单位管理员可以${what}`);
  return org;
}

export async function inviteMember(db: DB, actor: UserRow, orgId: string, input: { email: string; role: OrgMemberRole }) {
  const org = await requireAdmin(db, orgId, actor, '邀请成员');
  return db.transaction().execute(async (trx) => {
    // Members are listed to admins already, so saying so reveals nothing new.
    if (await inv.isMemberByEmail(trx, orgId, input.email))
      throw new AppError('ALREADY_MEMBER', '该邮箱的用户已是本单位成员', { field: 'email' });
    const invitation = await inv.insertInvitation(trx, { org_id: orgId, email: input.email, role: input.role, invited_by: actor.id });
    if (!invitation) throw new AppError('INVITATION_PENDING', '已向该邮箱发出邀请，等待对方答复', { field: 'email' });
    const invitee = await findUserByEmail(trx, input.email);
    if (invitee) {
      await insertNotifications(trx, [invitee.id], {
        kind: 'org.invitation',
        title: `「${org.name}」邀请您成为${input.role === 'admin' ? '管理员' : '成员'}`,
        body: `${actor.display_name} 邀请您加入「${org.name}」。请在“我的账号”中接受或拒绝。`,
        link: '/account',
        data: { invitationId: invitation.id, orgId },
      });
    }
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'org.member_invited',
      entityType: 'organization',
      entityId: orgId,
      data: { invitationId: invitation.id, email: input.email, role: input.role },
    });
    return toInvitationDto(invitation);
  });
}

export async function listOrgInvitations(db: DB, actor: UserRow, orgId: string) {
  await requireAdmin(db, orgId, actor);
  const rows = await inv.listPendingOfOrg(db, orgId);
  return { items: rows.map((r) => ({ ...toInvitationDto(r), inviterName: r.inviter_name })) };
}

export async function cancelInvitation(db: DB, actor: UserRow, orgId: string, invitationId: string) {
  await requireAdmin(db, orgId, actor);
  await db.transaction().execute(async (trx) => {
    const invitation = await inv.findInvitation(trx, invitationId, true);
    if (!invitation || invitation.org_id !== orgId || invitation.status !== 'pending') throw notFound('邀请');
    await inv.decideInvitation(trx, invitationId, 'cancelled', actor.id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'org.invitation_cancelled',
      entityType: 'organization',
      entityId: orgId,
      data: { invitationId },
    });
  });
}

export async function myInvitations(db: DB, user: UserRow) {
  const rows = await inv.listPendingForEmail(db, user.email);
  return {
    items: rows.map((r) => ({ ...toInvitationDto(r), orgName: r.org_name, orgKind: r.org_kind, inviterName: r.inviter_name })),
  };
}

/** The invitee accepts (becomes a member with the invited role) or declines. Others get 404. */
export async function answerInvitation(db: DB, user: UserRow, invitationId: string, accept: boolean) {
  return db.transaction().execute(async (trx) => {
    const invitation = await inv.findInvitation(trx, invitationId, true);
    if (!invitation || invitation.email !== user.email || invitation.status !== 'pending') throw notFound('邀请');
    await inv.decideInvitation(trx, invitationId, accept ? 'accepted' : 'declined', user.id);
    if (accept) {
      await repo.insertMember(trx, { org_id: invitation.org_id, user_id: user.id, role: invitation.role, added_by: invitation.invited_by });
    }
    await insertNotifications(trx, [invitation.invited_by], {
      kind: accept ? 'org.invitation_accepted' : 'org.invitation_declined',
      title: `${user.display_name}${accept ? '接受' : '拒绝'}了单位邀请`,
      link: `/orgs/${invitation.org_id}`,
      data: { invitationId, orgId: invitation.org_id },
    });
    await recordAudit(trx, {
      actorId: user.id,
      action: accept ? 'org.invitation_accepted' : 'org.invitation_declined',
      entityType: 'organization',
      entityId: invitation.org_id,
      data: { invitationId, role: invitation.role },
    });
    return { orgId: invitation.org_id, status: accept ? ('accepted' as const) : ('declined' as const) };
  });
}

const lastAdmin = () => new AppError('LAST_ADMIN', '单位至少需要一名管理员：请先任命另一名管理员');

async function assertNotRepresenting(trx: Executor, orgId: string, userId: string) {
  if (await inv.representsTeamFor(trx, orgId, userId)) throw new AppError('CONFLICT', '该成员仍以本单位名义担任参赛团队代表，请先退出团队');
}

/** A member leaves (an admin only while another admin remains). */
export async function leaveOrganization(db: DB, user: UserRow, orgId: string) {
  await db.transaction().execute(async (trx) => {
    const admins = await inv.countAdminsForUpdate(trx, orgId);
    const membership = await inv.findMembershipForUpdate(trx, orgId, user.id);
    if (!membership) throw notFound('单位成员身份');
    if (membership.role === 'admin' && admins <= 1) throw lastAdmin();
    await assertNotRepresenting(trx, orgId, user.id);
    await inv.deleteMember(trx, orgId, user.id);
    await recordAudit(trx, {
      actorId: user.id,
      action: 'org.member_left',
      entityType: 'organization',
      entityId: orgId,
      data: { userId: user.id },
    });
  });
}

export async function removeMember(db: DB, actor: UserRow, orgId: string, userId: string) {
  await requireAdmin(db, orgId, actor);
  await db.transaction().execute(async (trx) => {
    const admins = await inv.countAdminsForUpdate(trx, orgId);
    const membership = await inv.findMembershipForUpdate(trx, orgId, userId);
    if (!membership) throw notFound('单位成员');
    if (membership.role === 'admin' && admins <= 1) throw lastAdmin();
    await assertNotRepresenting(trx, orgId, userId);
    await inv.deleteMember(trx, orgId, userId);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'org.member_removed',
      entityType: 'organization',
      entityId: orgId,
      data: { userId },
    });
  });
}

export async function changeMemberRole(db: DB, actor: UserRow, orgId: string, userId: string, role: OrgMemberRole) {
  await requireAdmin(db, orgId, actor);
  await db.transaction().execute(async (trx) => {
    const admins = await inv.countAdminsForUpdate(trx, orgId);
    const membership = await inv.findMembershipForUpdate(trx, orgId, userId);
    if (!membership) throw notFound('单位成员');
    if (membership.role === role) return;
    if (membership.role === 'admin' && admins <= 1) throw lastAdmin();
    await inv.updateMemberRole(trx, orgId, userId, role);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'org.member_role_changed',
      entityType: 'organization',
      entityId: orgId,
      data: { userId, from: membership.role, to: role },
    });
  });
}

/** At registration: tell the new account about invitations already waiting for its email. */
export async function claimOrgInvitations(trx: Executor, user: UserRow): Promise<void> {
  const pending = await inv.listPendingForEmail(trx, user.email);
  if (!pending.length) return;
  await insertNotifications(trx, [user.id], {
    kind: 'org.invitation',
    title: `您有 ${pending.length} 个单位邀请待答复`,
    body: pending.map((p) => `「${p.org_name}」`).join('、'),
    link: '/account',
  });
}

function toInvitationDto(row: OrgInvitationRow) {
  return {
    id: row.id,
    orgId: row.org_id,
    email: row.email,
    role: row.role,
    status: row.status,
    createdAt: row.created_at.toISOString(),
  };
}
