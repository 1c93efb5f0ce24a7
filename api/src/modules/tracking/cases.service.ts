import type { DB } from '../../db/database.ts';
import type { ImplementationSide, UserRow } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.repository.ts';
import * as repo from './cases.repository.ts';
import { findImplementation, listReports } from './effect-reports.repository.ts';
import { assertSide, loadImplementation } from './implementations.access.ts';
import { isAccepted, reportDto } from './effect-reports.service.ts';

/** Whether the implementation is on the public bulletin, and what keeps it off. */
async function caseView(db: DB, id: string, sides: ImplementationSide[]) {
  const impl = (await findImplementation(db, id))!;
  const summary = await repo.findSummary(db, impl.id);
  const accepted = isAccepted(impl);
  const missing = [
    ...(accepted ? [] : (['acceptance'] as const)),
    ...(impl.publish_consent_enterprise ? [] : (['enterpriseConsent'] as const)),
    ...(impl.publish_consent_team ? [] : (['teamConsent'] as const)),
    ...(summary ? [] : (['summary'] as const)),
  ];
  return {
    implementationId: impl.id,
    accepted,
    enterpriseConsent: impl.publish_consent_enterprise,
    teamConsent: impl.publish_consent_team,
    summary: summary?.summary ?? null,
    published: missing.length === 0,
    missing,
    sides,
    canEditSummary: sides.includes('team'),
  };
}

/**
 * 典型案例 of one implementation (both sides, overseers): each side's consent (given through
 * PUT /implementations/:id/publish-consent), the team's public summary, and whether it is published.
 */
export async function getCase(db: DB, user: UserRow, id: string) {
  const { viewer } = await loadImplementation(db, user, id);
  return caseView(db, id, viewer.sides);
}

/** The team writes the public solution summary (any time; it shows once both sides agreed after 验收). */
export async function setCaseSummary(db: DB, user: UserRow, id: string, summary: string, now: Date) {
  const { viewer } = await loadImplementation(db, user, id);
  assertSide(viewer, 'team', '填写典型案例的方案简介');
  await db.transaction().execute(async (trx) => {
    await repo.upsertSummary(trx, id, summary, user.id, now);
    await recordAudit(trx, { actorId: user.id, action: 'case.summary', entityType: 'implementation', entityId: id, data: {} });
  });
  return caseView(db, id, viewer.sides);
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
