import type { DataScopeItem, DemandStatus } from '../../db/schema.ts';

/**
 * The demand lifecycle (企业需求子赛题), as a pure table so it can be read and tested alone.
 *
 *   draft → pending_review → published | rejected
 *   rejected → (edit) → pending_review
 *   published → pending_review        (an edit that needs a new review round; the approved version stays public)
 *   published → closed                (bid deadline passed: automatically, or the enterprise closes it)
 *   published → disqualified          (committee: promised data not opened in time)
 *   draft | pending_review | published-without-bids → withdrawn   (enterprise)
 */
export type DemandAction = 'submit' | 'approve' | 'reject' | 'revise' | 'close' | 'disqualify' | 'withdraw';

export const transitions: Record<DemandAction, { from: readonly DemandStatus[]; to: DemandStatus }> = {
  submit: { from: ['draft', 'rejected'], to: 'pending_review' },
  approve: { from: ['pending_review'], to: 'published' },
  reject: { from: ['pending_review'], to: 'rejected' },
  revise: { from: ['published'], to: 'pending_review' },
  close: { from: ['published'], to: 'closed' },
  disqualify: { from: ['published'], to: 'disqualified' },
  withdraw: { from: ['draft', 'pending_review', 'published'], to: 'withdrawn' },
};

/** Statuses in which the enterprise may still edit the working copy. */
export const editableStatuses: readonly DemandStatus[] = ['draft', 'rejected', 'pending_review', 'published'];

export const statusLabels: Record<DemandStatus, string> = {
  draft: '草稿',
  pending_review: '待审核',
  published: '已发布',
  rejected: '已退回',
  closed: '已截止',
  disqualified: '已取消资格',
  withdrawn: '已撤回',
};

export const actionLabels: Record<DemandAction, string> = {
  submit: '提交审核',
  approve: '审核通过',
  reject: '退回',
  revise: '修改后重新审核',
  close: '截止',
  disqualify: '取消资格',
  withdraw: '撤回',
};

export function canTransition(action: DemandAction, from: DemandStatus): boolean {
  return transitions[action].from.includes(from);
}

/**
 * What the public sees. A demand whose approved version is live stays "published"
 * while a revision is under review or was sent back.
 */
export function publicStatus(status: DemandStatus, hasLiveVersion: boolean): DemandStatus | null {
  if (status === 'closed' || status === 'disqualified') return status;
  if (status === 'published') return 'published';
  if (hasLiveVersion && (status === 'pending_review' || status === 'rejected')) return 'published';
  return null;
}

const DAY = 24 * 3600 * 1000;
const BEIJING_OFFSET = 8 * 3600 * 1000;

/** A data item is overdue once the whole Beijing day of `availableFrom` has passed and it is still not opened. */
export function isDataItemOverdue(item: Pick<DataScopeItem, 'availableFrom' | 'openedAt'>, now: Date): boolean {
  if (item.openedAt) return false;
  const start = Date.parse(`${item.availableFrom}T00:00:00+08:00`);
  return Number.isFinite(start) && now.getTime() >= start + DAY;
}

export function overdueItems(items: DataScopeItem[] | undefined, now: Date): number[] {
  return (items ?? []).flatMap((item, index) => (isDataItemOverdue(item, now) ? [index] : []));
}

/** Today's date in Beijing as YYYY-MM-DD. */
export function beijingDate(now: Date): string {
  return new Date(now.getTime() + BEIJING_OFFSET).toISOString().slice(0, 10);
}
