import type { z } from 'zod';
import type { Executor } from '../../db/database.ts';
import type { ChangeRequestRow, DemandContent, MilestoneRow, PlannedMilestone } from '../../db/schema.ts';
import type { ImplementationViewer } from './implementations.access.ts';
import type { ImplementationWithNames } from './implementations.repository.ts';
import * as repo from './implementations.repository.ts';
import { planDigest, releasedWan, wanOfCny } from './implementations.rules.ts';
import type {
  changeRequestSchema,
  expertOpinionSchema,
  implementationDetailSchema,
  implementationSummarySchema,
  milestoneSchema,
  planVersionSchema,
} from './implementations.schemas.ts';
import * as mrepo from './milestones.repository.ts';

type Summary = z.infer<typeof implementationSummarySchema>;
type PlanRow = Awaited<ReturnType<typeof repo.listPlans>>[number];

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const num = (s: string | number) => Number(s);

/** A plan version; the budget note is the implementation's current one (versions keep budget and milestones). */
export function planDto(row: PlanRow, agreedVersion: number, budgetNote: string): z.infer<typeof planVersionSchema> {
  const budgetWan = num(row.budget_wan);
  return {
    version: row.version,
    state: row.version <= agreedVersion ? 'agreed' : 'draft',
    digest: planDigest({ budgetWan, budgetNote, milestones: row.milestones }),
    budgetWan,
    budgetNote,
    milestones: row.milestones,
    changeRequestId: row.change_request_id,
    createdAt: row.created_at.toISOString(),
    agreedByEnterpriseAt: iso(row.agreed_by_enterprise_at),
    agreedByTeamAt: iso(row.agreed_by_team_at),
  };
}

export function plannedOf(m: MilestoneRow): PlannedMilestone {
  return {
    seq: m.seq,
    title: m.title,
    deliverables: m.deliverables,
    dueDate: m.due_date,
    budgetShare: num(m.budget_share),
    criteria: m.criteria,
  };
}

export function summaryDto(
  i: ImplementationWithNames,
  counts: { milestoneCount: number; acceptedCount: number; releasedWan: number },
): Summary {
  return {
    id: i.id,
    editionId: i.edition_id,
    title: i.title,
    source: i.source,
    sourceId: i.source_id,
    status: i.status,
    demand: { id: i.demand_id, name: i.demand_title },
    team: { id: i.team_id, name: i.team_name },
    enterprise: { id: i.enterprise_org_id, name: i.org_name },
    budgetWan: num(i.budget_wan),
    releasedWan: counts.releasedWan,
    planVersion: i.plan_version,
    milestoneCount: counts.milestoneCount,
    acceptedCount: counts.acceptedCount,
    createdAt: i.created_at.toISOString(),
    agreedAt: iso(i.agreed_at),
    acceptedAt: iso(i.accepted_at),
  };
}

export function changeRequestDto(c: ChangeRequestRow, names: Map<string, string>): z.infer<typeof changeRequestSchema> {
  return {
    id: c.id,
    implementationId: c.implementation_id,
    baseVersion: c.base_version,
    proposed: c.proposed,
    reason: c.reason,
    status: c.status,
    proposedSide: c.proposed_side,
    proposedBy: names.get(c.proposed_by) ?? '',
    enterpriseAcceptedAt: iso(c.enterprise_accepted_at),
    teamAcceptedAt: iso(c.team_accepted_at),
    declineReason: c.decline_reason,
    resultVersion: c.result_version,
    createdAt: c.created_at.toISOString(),
    decidedAt: iso(c.decided_at),
  };
}

export function opinionDto(o: mrepo.OpinionRow): z.infer<typeof expertOpinionSchema> {
  return {
    id: o.id,
    implementationId: o.implementation_id,
    implementationTitle: o.implementation_title,
    milestoneId: o.milestone_id,
    expert: { id: o.expert_id, name: o.expert_name },
    question: o.question,
    requestedBy: o.requester_name,
    requestedAt: o.requested_at.toISOString(),
    opinion: o.opinion,
    recommendation: o.recommendation,
    answeredAt: iso(o.answered_at),
  };
}

/** Everything the implementation page shows, for one viewer. */
export async function detailDto(
  db: Executor,
  i: ImplementationWithNames,
  viewer: ImplementationViewer,
  now: Date,
): Promise<z.infer<typeof implementationDetailSchema>> {
  const [milestones, plans, changeRequests, opinions, days, channel] = await Promise.all([
    mrepo.listMilestones(db, i.id),
    repo.listPlans(db, i.id),
    mrepo.listChangeRequests(db, i.id),
    mrepo.listOpinions(db, { implementationId: i.id }),
    repo.reviewDays(db, i.edition_id),
    repo.findPrivateChannel(db, i.demand_id, i.team_id),
  ]);
  const ids = milestones.map((m) => m.id);
  const [evidence, submissions] = await Promise.all([mrepo.listEvidence(db, ids), mrepo.listSubmissions(db, ids)]);
  const names = await repo.userNames(db, [
    ...submissions.flatMap((s) => [s.submitted_by, s.reviewed_by]),
    ...changeRequests.map((c) => c.proposed_by),
  ]);
  const budgetWan = num(i.budget_wan);
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const milestoneDtos: z.infer<typeof milestoneSchema>[] = milestones.map((m) => ({
    ...plannedOf(m),
    id: m.id,
    status: m.status,
    amountWan: Math.round(budgetWan * num(m.budget_share)) / 100,
    submittedAt: iso(m.submitted_at),
    reviewDueAt: iso(m.review_due_at),
    acceptedAt: iso(m.accepted_at),
    overdue: i.plan_version > 0 && (m.status === 'pending' || m.status === 'returned') && m.due_date < today,
    reviewOverdue: m.status === 'submitted' && !!m.review_due_at && m.review_due_at.getTime() < now.getTime(),
    evidence: evidence
      .filter((e) => e.milestone_id === m.id)
      .map((e) => ({
        id: e.id,
        fileName: e.file_name,
        mimeType: e.mime_type,
        size: e.size,
        uploadedAt: e.uploaded_at.toISOString(),
        removed: !!e.removed_at,
      })),
    submissions: submissions
      .filter((s) => s.milestone_id === m.id)
      .map((s) => ({
        id: s.id,
        round: s.round,
        note: s.note,
        figures: s.figures,
        evidenceIds: s.evidence_ids,
        submittedAt: s.submitted_at.toISOString(),
        submittedBy: names.get(s.submitted_by) ?? '',
        review:
          s.decision && s.reviewed_at
            ? {
                decision: s.decision,
                reason: s.reason ?? '',
                reviewedAt: s.reviewed_at.toISOString(),
                reviewer: names.get(s.reviewed_by ?? '') ?? '',
                overdue: !!s.overdue,
              }
            : null,
      })),
  }));
  const content = i.demand_content as DemandContent | null;
  const released = releasedWan(budgetWan, milestoneDtos);
  return {
    ...summaryDto(i, {
      milestoneCount: milestones.length,
      acceptedCount: milestones.filter((m) => m.status === 'accepted').length,
      releasedWan: released,
    }),
    projectId: i.project_id,
    budgetNote: i.budget_note,
    demandCriteria: content?.acceptanceCriteria ?? [],
    demandBudgetWan: wanOfCny(content?.budgetCny ?? 0),
    reviewDays: days,
    plan: planDto(plans.at(-1)!, i.plan_version, i.budget_note),
    milestones: milestoneDtos,
    changeRequests: changeRequests.map((c) => changeRequestDto(c, names)),
    expertOpinions: opinions.map(opinionDto),
    channelId: channel?.id ?? null,
    publishConsent: { enterprise: i.publish_consent_enterprise, team: i.publish_consent_team },
    acceptanceNote: i.acceptance_note,
    viewer,
  };
}
