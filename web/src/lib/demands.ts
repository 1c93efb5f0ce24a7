/** Helpers shared by the demand pages. */
import type { DataItem, DataItemInput, Demand, DemandStatus } from './api/types';

/** Statuses in which the enterprise may still edit the working copy (api demand-lifecycle.ts). */
export const editableStatuses: readonly DemandStatus[] = ['draft', 'rejected', 'pending_review', 'published'];
export const submittableStatuses: readonly DemandStatus[] = ['draft', 'rejected'];
export const withdrawableStatuses: readonly DemandStatus[] = ['draft', 'pending_review', 'published'];

/** A published demand whose revision is under review (or was sent back): the public still sees the approved version. */
export function hasLiveVersion(demand: Pick<Demand, 'publicStatus' | 'status'>): boolean {
  return demand.publicStatus === 'published' && demand.status !== 'published';
}

/** The bid deadline has passed (the owner may close the demand). */
export function deadlinePassed(demand: Pick<Demand, 'bidDeadline'>, now = Date.now()): boolean {
  return !!demand.bidDeadline && Date.parse(demand.bidDeadline) <= now;
}

/**
 * The approved version, rebuilt from the working copy and `changes` (owner/committee
 * receive the working copy; `changes[].before` holds the published values).
 */
export function publishedView(demand: Demand): Demand {
  if (!demand.changes?.length) return demand;
  const view: Record<string, unknown> = { ...demand };
  for (const change of demand.changes) {
    if (change.field === 'dataScope' && Array.isArray(change.before)) {
      view.dataScope = (change.before as DataItemInput[]).map((item): DataItem => {
        const working = demand.dataScope.find((d) => d.name === item.name);
        return { ...item, openedAt: working?.openedAt ?? null, evidence: working?.evidence ?? null, overdue: working?.overdue ?? false };
      });
    } else view[change.field] = change.before;
  }
  return view as unknown as Demand;
}
