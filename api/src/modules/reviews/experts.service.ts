import type { DB } from '../../db/database.ts';
import type { OrgLinkRelation, UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import { findMembership } from '../orgs/orgs.repository.ts';
import * as repo from './experts.repository.ts';
import * as reviews from './reviews.repository.ts';
import { syncOpenRounds, syncRound } from './sync-round.ts';

/** 专家库 (committee), organisation links (committee), and the reviewers an enterprise names for a sub-topic. */

export interface AffiliationInput {
  orgId?: string | undefined;
  orgName?: string | undefined;
  relation: string;
  from: string;
  to: string | null;
}

async function resolveAffiliations(db: DB | Parameters<typeof repo.orgsByIds>[0], affiliations: AffiliationInput[]) {
  const ids = [...new Set(affiliations.map((a) => a.orgId).filter((x): x is string => !!x))];
  const orgs = new Map((await repo.orgsByIds(db, ids)).map((o) => [o.id, o.name]));
  return affiliations.map((a, i) => {
    if (a.orgId && !orgs.has(a.orgId)) throw new AppError('VALIDATION_FAILED', `第 ${i + 1} 条任职/关联记录的单位不存在`, { index: i });
    if (a.to && a.to < a.from) throw new AppError('VALIDATION_FAILED', `第 ${i + 1} 条任职/关联记录的结束日期早于开始日期`, { index: i });
    return {
      orgId: a.orgId ?? null,
      orgName: a.orgId ? orgs.get(a.orgId)! : a.orgName!.trim(),
      relation: a.relation,
      from: a.from,
      to: a.to,
    };
  });
}

export async function getExpert(db: DB, userId: string) {
  const row = await repo.findExpert(db, userId);
  if (!row) throw notFound('专家');
  return expertDto(row, await repo.listAffiliations(db, [userId]));
}

function expertDto(row: Awaited<ReturnType<typeof repo.listExperts>>[number], affs: Awaited<ReturnType<typeof repo.listAffiliations>>) {
  return {
    userId: row.user_id,
    displayName: row.display_name,
    email: row.email,
    fields: row.fields,
    trackIds: row.track_ids,
    affiliations: affs
      .filter((a) => a.user_id === row.user_id)
      .map((a) => ({ id: a.id, orgId: a.org_id, orgName: a.org_name, relation: a.relation, from: a.from_date, to: a.to_date })),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function listExperts(db: DB) {
  const rows = await repo.listExperts(db);
  const affs = await repo.listAffiliations(
    db,
    rows.map((r) => r.user_id),
  );
  return { items: rows.map((r) => expertDto(r, affs)) };
}

/** Adds (or replaces) an expert in the pool; the user gets the expert role. */
export async function saveExpert(
  db: DB,
  user: UserRow,
  userId: string,
  body: { fields?: string[] | undefined; trackIds?: string[] | undefined; affiliations?: AffiliationInput[] | undefined },
  mode: 'create' | 'update',
  now: Date,
) {
  await db.transaction().execute(async (trx) => {
    const target = await repo.findUser(trx, userId);
    if (!target) throw notFound('用户');
    const existing = await repo.findExpert(trx, userId);
    if (mode === 'update' && !existing) throw notFound('专家');
    if (mode === 'create' && existing) throw new AppError('CONFLICT', '该用户已在专家库中');
    await repo.upsertExpert(trx, userId, {
      fields: body.fields ?? existing?.fields ?? [],
      trackIds: body.trackIds ?? existing?.track_ids ?? [],
      by: user.id,
    });
    if (body.affiliations) await repo.replaceAffiliations(trx, userId, await resolveAffiliations(trx, body.affiliations));
    await repo.addPlatformRole(trx, userId, 'expert');
    await recordAudit(trx, {
      actorId: user.id,
      action: mode === 'create' ? 'expert.create' : 'expert.update',
      entityType: 'user',
      entityId: userId,
      data: body,
    });
    await syncOpenRounds(trx, now);
  });
  return getExpert(db, userId);
}

// ---- organisation links ----

const relationLabels: Record<OrgLinkRelation, string> = { parent: '母公司', subsidiary: '子公司', holding: '控股' };

const linkDto = (l: Awaited<ReturnType<typeof repo.listOrgLinks>>[number]) => ({
  id: l.id,
  orgId: l.org_id,
  orgName: l.org_name,
  linkedOrgId: l.linked_org_id,
  linkedOrgName: l.linked_org_name,
  relation: l.relation,
  relationLabel: relationLabels[l.relation],
  note: l.note,
  createdAt: new Date(l.created_at).toISOString(),
});

export async function listOrgLinks(db: DB, orgId?: string) {
  return { items: (await repo.listOrgLinks(db, orgId ? [orgId] : undefined)).map(linkDto) };
}

export async function addOrgLink(
  db: DB,
  user: UserRow,
  body: { orgId: string; linkedOrgId: string; relation: OrgLinkRelation; note?: string | undefined },
  now: Date,
) {
  if (body.orgId === body.linkedOrgId) throw new AppError('VALIDATION_FAILED', '不能关联单位自身');
  const id = await db.transaction().execute(async (trx) => {
    const orgs = await repo.orgsByIds(trx, [body.orgId, body.linkedOrgId]);
    if (orgs.length !== 2) throw notFound('单位');
    const row = await repo.insertOrgLink(trx, { ...body, note: body.note ?? null, by: user.id });
    if (!row) throw new AppError('CONFLICT', '这两个单位之间已有关联记录');
    await recordAudit(trx, { actorId: user.id, action: 'org_link.create', entityType: 'org_link', entityId: row.id, data: body });
    await syncOpenRounds(trx, now);
    return row.id;
  });
  return linkDto((await repo.listOrgLinks(db)).find((l) => l.id === id)!);
}

export async function removeOrgLink(db: DB, user: UserRow, id: string, now: Date) {
  await db.transaction().execute(async (trx) => {
    const row = await repo.deleteOrgLink(trx, id);
    if (!row) throw notFound('单位关联');
    await recordAudit(trx, {
      actorId: user.id,
      action: 'org_link.delete',
      entityType: 'org_link',
      entityId: id,
      data: { orgId: row.org_id, linkedOrgId: row.linked_org_id, relation: row.relation },
    });
    await syncOpenRounds(trx, now);
  });
}

// ---- the enterprise's reviewers of a sub-topic ----

async function loadDemandForReviewers(db: Parameters<typeof repo.orgsByIds>[0], user: UserRow, demandId: string, write: boolean) {
  const demand = await repo.findDemandOwner(db, demandId);
  if (!demand) throw notFound('需求子赛题');
  const overseer = user.roles.includes('committee') || user.roles.includes('supervisor');
  const membership = await findMembership(db, demand.org_id, user.id);
  if (!membership && !overseer) throw notFound('需求子赛题');
  if (write && membership?.role !== 'admin' && !user.roles.includes('committee')) throw forbidden('只有企业管理员可以指定评审人');
  return demand;
}

export async function getDemandReviewers(db: DB, user: UserRow, demandId: string) {
  await loadDemandForReviewers(db, user, demandId, false);
  const demand = (await repo.findDemandOwner(db, demandId))!;
  const ids = (await repo.demandReviewerIds(db, [demandId])).get(demandId) ?? [];
  const users = new Map((await repo.usersByIds(db, ids)).map((u) => [u.id, u]));
  const members = await repo.orgMembersWithNames(db, demand.org_id);
  return {
    demandId,
    isDefault: !(await repo.hasNamedReviewers(db, demandId)),
    reviewers: ids.map((id) => ({ id, displayName: users.get(id)?.display_name ?? '', email: users.get(id)?.email ?? '' })),
    candidates: members.map((m) => ({ id: m.user_id, displayName: m.display_name, email: m.email, role: m.role })),
  };
}

/** Reviewers are members of the demand's organisation; an open round's tasks follow at once. */
export async function setDemandReviewers(db: DB, user: UserRow, demandId: string, userIds: string[], now: Date) {
  const unique = [...new Set(userIds)];
  await db.transaction().execute(async (trx) => {
    const demand = await loadDemandForReviewers(trx, user, demandId, true);
    const members = new Set((await repo.orgMembersAmong(trx, demand.org_id, unique)).map((m) => m.user_id));
    const outsiders = unique.filter((id) => !members.has(id));
    if (outsiders.length) throw new AppError('NOT_ORG_MEMBER', '评审人须为本企业成员', { userIds: outsiders });
    await repo.replaceDemandReviewers(trx, demandId, unique, user.id);
    for (const round of await reviews.listRounds(trx, demand.edition_id)) {
      if (round.status === 'open') await syncRound(trx, round.id, demand.edition_id, now);
    }
    await recordAudit(trx, {
      actorId: user.id,
      action: 'demand.reviewers',
      entityType: 'demand',
      entityId: demandId,
      data: { userIds: unique },
    });
  });
  return getDemandReviewers(db, user, demandId);
}
