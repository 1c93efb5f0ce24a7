import type { DataScopeItem, DemandContent, DemandDraft } from '../../db/schema.ts';
import { stableStringify } from '../../lib/stable-json.ts';
import type { DemandWithContext } from './demands.repository.ts';
import { seesWorkingCopy, type Viewer } from './demand-access.ts';
import { isDataItemOverdue, publicStatus } from './demand-lifecycle.ts';

const comparedFields: (keyof DemandContent)[] = [
  'title',
  'businessNeed',
  'techGoals',
  'acceptanceCriteria',
  'budgetCny',
  'region',
  'contact',
  'bidDeadline',
  'dataScope',
];

/** A field's value as the enterprise wrote it: data items without their opening record. */
export function comparable(field: string, value: unknown): unknown {
  if (field !== 'dataScope' || !Array.isArray(value)) return value ?? null;
  return (value as DataScopeItem[]).map(({ openedAt: _o, evidence: _e, ...rest }) => rest);
}

/** What changed in the working copy since the approved version (for the committee's side-by-side review). */
export function diffContent(live: DemandContent, working: DemandDraft) {
  return comparedFields.flatMap((field) => {
    const before = comparable(field, live[field]);
    const after = comparable(field, working[field]);
    return stableStringify(before) === stableStringify(after) ? [] : [{ field, before, after }];
  });
}

export function toDemandDto(demand: DemandWithContext, viewer: Viewer, extra: { bidCount: number; following?: boolean; now?: Date }) {
  const now = extra.now ?? new Date();
  const privileged = seesWorkingCopy(viewer, demand);
  const live = demand.published_content;
  const content: DemandDraft = privileged ? demand.content : (live as DemandContent);
  const dataScope = (content.dataScope ?? []).map((item) => ({ ...item, overdue: isDataItemOverdue(item, now) }));
  const pub = publicStatus(demand.status, live !== null);
  return {
    id: demand.id,
    status: privileged ? demand.status : pub!,
    publicStatus: pub,
    version: privileged ? demand.version : (demand.published_version ?? demand.version),
    org: { id: demand.org_id, name: demand.org_name },
    edition: { id: demand.edition_id, name: demand.edition_name },
    track: { id: demand.track_id, name: demand.track_name, fullName: demand.track_full_name },
    topic: { id: demand.topic_id, title: demand.topic_title },
    title: content.title,
    businessNeed: content.businessNeed ?? null,
    techGoals: content.techGoals ?? null,
    acceptanceCriteria: content.acceptanceCriteria ?? [],
    budgetCny: content.budgetCny ?? null,
    region: content.region ?? null,
    ...(viewer.user ? { contact: content.contact ?? null } : {}),
    bidDeadline: content.bidDeadline ?? null,
    dataScope,
    // Judged on what teams were promised: the live version when there is one.
    dataOverdue: (live ?? content).dataScope?.some((item) => isDataItemOverdue(item, now)) ?? false,
    publishedAt: demand.published_at?.toISOString() ?? null,
    submittedAt: privileged ? (demand.submitted_at?.toISOString() ?? null) : undefined,
    publishedVersion: demand.published_version,
    ...(privileged ? { reviewReason: demand.review_reason } : {}),
    disqualifiedReason: demand.disqualified_reason,
    bidCount: extra.bidCount,
    ...(privileged ? { followerCount: Number(demand.follower_count) } : {}),
    ...(extra.following !== undefined ? { following: extra.following } : {}),
    ...(privileged && live && demand.version !== demand.published_version ? { changes: diffContent(live, demand.content) } : {}),
    createdAt: demand.created_at.toISOString(),
    updatedAt: demand.updated_at.toISOString(),
  };
}
