import type { DB } from '../../db/database.ts';
import type { OrgKind, OrgMemberRole, OrganizationRow, UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { checkCreditCode, creditCodeMessages, normalizeCreditCode } from '../../lib/credit-code.ts';
import * as repo from './orgs.repository.ts';

const isOverseer = (user: UserRow | null) => !!user && (user.roles.includes('committee') || user.roles.includes('supervisor'));

export async function createOrganization(
  db: DB,
  actor: UserRow,
  input: { name: string; creditCode: string; kind: OrgKind; region: string },
): Promise<OrganizationRow> {
  const creditCode = normalizeCreditCode(input.creditCode);
  const problem = checkCreditCode(creditCode);
  if (problem) {
    throw new AppError('INVALID_CREDIT_CODE', creditCodeMessages[problem], { field: 'creditCode', problem });
  }
  return db.transaction().execute(async (trx) => {
    const org = await repo.insertOrganization(trx, {
      name: input.name,
      credit_code: creditCode,
      kind: input.kind,
      region: input.region,
      created_by: actor.id,
    });
    if (!org) throw new AppError('CREDIT_CODE_TAKEN', '该统一社会信用代码已被其他单位登记', { field: 'creditCode' });
    await repo.insertMember(trx, { org_id: org.id, user_id: actor.id, role: 'admin', added_by: actor.id });
    await recordAudit(trx, { actorId: actor.id, action: 'org.created', entityType: 'organization', entityId: org.id });
    return org;
  });
}

export async function getOrganization(db: DB, viewer: UserRow | null, id: string) {
  const org = await repo.findOrganization(db, id);
  if (!org) throw notFound('单位');
  const membership = viewer ? await repo.findMembership(db, id, viewer.id) : undefined;
  const seesMembers = !!membership || isOverseer(viewer);
  return toOrgDto(org, {
    members: seesMembers ? await repo.listMembers(db, id) : undefined,
    showFlags: isOverseer(viewer),
    myRole: membership?.role ?? null,
  });
}

export async function listOrganizations(
  db: DB,
  viewer: UserRow,
  query: { q?: string; kind?: OrgKind; flagged?: boolean; mine?: string; page: number; pageSize: number },
) {
  const overseer = isOverseer(viewer);
  // Everyone else only ever lists the organisations they belong to.
  const memberId = query.mine || !overseer ? viewer.id : undefined;
  const { rows, total } = await repo.listOrganizations(db, {
    q: query.q,
    kind: query.kind,
    flagged: overseer ? query.flagged : undefined,
    memberId,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const roles = new Map((await repo.listMembershipsOfUser(db, viewer.id)).map((m) => [m.org_id, m.role]));
  return { items: rows.map((org) => toOrgDto(org, { showFlags: overseer, myRole: roles.get(org.id) ?? null })), total };
}

export async function setOrganizationFlags(
  db: DB,
  actor: UserRow,
  orgId: string,
  input: { blacklisted: boolean; blacklistReason?: string | null; organizerAffiliated: boolean },
) {
  return db.transaction().execute(async (trx) => {
    const before = await repo.findOrganization(trx, orgId);
    if (!before) throw notFound('单位');
    const updated = await repo.updateOrganizationFlags(trx, orgId, {
      blacklisted: input.blacklisted,
      blacklist_reason: input.blacklisted ? (input.blacklistReason ?? null) : null,
      organizer_affiliated: input.organizerAffiliated,
      flags_updated_by: actor.id,
    });
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'org.flags_changed',
      entityType: 'organization',
      entityId: orgId,
      data: {
        from: { blacklisted: before.blacklisted, organizerAffiliated: before.organizer_affiliated },
        to: { blacklisted: input.blacklisted, organizerAffiliated: input.organizerAffiliated },
        reason: input.blacklistReason ?? null,
      },
    });
    return toOrgDto(updated!, { showFlags: true });
  });
}

type MemberRow = Awaited<ReturnType<typeof repo.listMembers>>[number];

export function toOrgDto(org: OrganizationRow, extra: { members?: MemberRow[]; showFlags?: boolean; myRole?: OrgMemberRole | null } = {}) {
  return {
    id: org.id,
    name: org.name,
    creditCode: org.credit_code,
    kind: org.kind,
    region: org.region,
    createdAt: org.created_at.toISOString(),
    ...(extra.members && {
      members: extra.members.map((m) => ({
        userId: m.id,
        email: m.email,
        displayName: m.display_name,
        role: m.role,
        joinedAt: m.created_at.toISOString(),
      })),
    }),
    ...(extra.showFlags && {
      flags: {
        blacklisted: org.blacklisted,
        blacklistReason: org.blacklist_reason,
        organizerAffiliated: org.organizer_affiliated,
        updatedAt: org.flags_updated_at?.toISOString() ?? null,
      },
    }),
    ...(extra.myRole !== undefined && { myRole: extra.myRole }),
  };
}
