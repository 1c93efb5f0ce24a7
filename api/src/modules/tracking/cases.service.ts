import type { DB } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.repository.ts';
import * as repo from './cases.repository.ts';
import { findImplementation, isOrgMember, isTeamSide, listReports } from './effect-reports.repository.ts';
import { isAccepted, reportDto } from './effect-reports.service.ts';
import type { CaseConsentBody } from './cases.schemas.ts';

type Implementation = NonNullable<Awaited<ReturnType<typeof findImplementation>>>;

async function sidesOf(db: DB, user: UserRow, impl: Implementation) {
  const [enterprise, team] = await Promise.all([
    isOrgMember(db, impl.enterprise_org_id, user.id),
    isTeamSide(db, impl.team_id, impl.lead_org_id, user.id),
  ]);
  return { enterprise, team, overseer: user.roles.includes('committee') || user.roles.includes('supervisor') };
}

async function consentView(db: DB, impl: Implementation, mySide: 'enterprise' | 'team' | null) {
  const summary = await repo.findSummary(db, impl.id);
  const accepted = isAccepted(impl);
  return {
    implementationId: impl.id,
    accepted,
    enterpriseConsent: impl.publish_consent_enterprise,
    teamConsent: impl.publish_consent_team,
    summary: summary?.summary ?? null,
    published: accepted && impl.publish_consent_enterprise && impl.publish_consent_team && !!summary,
    mySide,
  };
}

/** Whether each side agreed to publish the implementation as a 典型案例 (both sides, overseers). */
export async function getCaseConsent(db: DB, user: UserRow, id: string) {
  const impl = await findImplementation(db, id);
  if (!impl) throw notFound('落地项目');
  const sides = await sidesOf(db, user, impl);
  if (!sides.enterprise && !sides.team && !sides.overseer) throw notFound('落地项目');
  return consentView(db, impl, sides.enterprise ? 'enterprise' : sides.team ? 'team' : null);
}

/**
 * One side agrees to publish (after 验收 only) or withdraws its agreement (any time; the
 * case leaves the bulletin at once). The team's agreement needs the public solution summary.
 */
export async function setCaseConsent(db: DB, user: UserRow, id: string, body: CaseConsentBody, now: Date) {
  const found = await findImplementation(db, id);
  if (!found) throw notFound('落地项目');
  const sides = await sidesOf(db, user, found);
  if (!sides.enterprise && !sides.team && !sides.overseer) throw notFound('落地项目');
  if (!sides[body.side]) {
    throw forbidden(body.side === 'enterprise' ? '只有需求企业的成员可以代表企业同意公开' : '只有参赛团队的代表可以代表团队同意公开');
  }
  if (body.side === 'enterprise' && body.summary !== undefined) {
    throw new AppError('VALIDATION_FAILED', '方案简介由参赛团队填写', { issues: [{ path: 'summary', message: '方案简介由参赛团队填写' }] });
  }
  await db.transaction().execute(async (trx) => {
    const impl = await findImplementation(trx, id, true);
    if (!impl) throw notFound('落地项目');
    if (body.consent && !isAccepted(impl)) throw new AppError('CASE_NOT_ACCEPTED', '落地项目通过最终验收后才能作为典型案例公开');
    if (body.side === 'team' && body.summary !== undefined) await repo.upsertSummary(trx, impl.id, body.summary, user.id, now);
    if (body.side === 'team' && body.consent && !(await repo.findSummary(trx, impl.id))) {
      throw new AppError('CASE_SUMMARY_REQUIRED', '同意公开前请填写面向公众的方案简介（至少 30 个字）');
    }
    await repo.setConsent(trx, impl.id, body.side, body.consent);
    await recordAudit(trx, {
      actorId: user.id,
      action: body.consent ? 'case.consent' : 'case.withdraw',
      entityType: 'implementation',
      entityId: impl.id,
      data: { side: body.side, summaryChanged: body.summary !== undefined },
    });
  });
  const impl = (await findImplementation(db, id))!;
  return consentView(db, impl, body.side);
}

/** 典型案例 (public): accepted implementations both sides agreed to publish, with their effect figures. */
export async function listPublicCases(db: DB, filter: { editionId?: string; id?: string }) {
  const rows = await repo.listPublishedCases(db, filter);
  const reports = await listReports(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    editionId: r.edition_id,
    editionName: r.edition_name,
    trackName: r.track_name,
    demand: { id: r.demand_id, title: r.demand_title, businessNeed: r.business_need, enterpriseName: r.enterprise_name, region: r.region },
    teamName: r.team_name,
    summary: r.summary,
    budgetWan: Number(r.budget_wan),
    acceptedAt: r.accepted_at!.toISOString(),
    effects: reports
      .filter((e) => e.implementation_id === r.id)
      .map((e) => {
        const d = reportDto(e);
        return {
          period: d.period,
          costSavedWan: d.costSavedWan,
          revenueWan: d.revenueWan,
          efficiencyPct: d.efficiencyPct,
          economicNote: d.economicNote,
          socialFigures: d.socialFigures,
          socialNote: d.socialNote,
          submittedAt: d.submittedAt,
        };
      }),
  }));
}

export async function getPublicCase(db: DB, id: string) {
  const [item] = await listPublicCases(db, { id });
  if (!item) throw notFound('典型案例');
  return item;
}
