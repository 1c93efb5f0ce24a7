import type { Executor } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { forbidden, notFound, unauthenticated } from '../../errors.ts';
import { listMembershipsOfUser } from '../orgs/orgs.repository.ts';
import { publicStatus } from './demand-lifecycle.ts';

export interface Viewer {
  user: UserRow | null;
  committee: boolean;
  /** Committee or supervisor: may read everything. */
  overseer: boolean;
  memberOrgIds: string[];
}

export async function viewerOf(db: Executor, user: UserRow | null): Promise<Viewer> {
  const memberships = user ? await listMembershipsOfUser(db, user.id) : [];
  const committee = !!user?.roles.includes('committee');
  return {
    user,
    committee,
    overseer: committee || !!user?.roles.includes('supervisor'),
    memberOrgIds: memberships.map((m) => m.org_id),
  };
}

type DemandLike = { org_id: string; status: Parameters<typeof publicStatus>[0]; published_content: unknown };

export const isOwner = (viewer: Viewer, demand: DemandLike) => viewer.memberOrgIds.includes(demand.org_id);

/** The owner organisation, the committee and the supervisor see the working copy and the workflow status. */
export const seesWorkingCopy = (viewer: Viewer, demand: DemandLike) => viewer.overseer || isOwner(viewer, demand);

export const isPublic = (demand: DemandLike) => publicStatus(demand.status, demand.published_content !== null) !== null;

/** 404 for demands the viewer may not know about (drafts of other organisations), so existence does not leak. */
export function assertVisible(viewer: Viewer, demand: DemandLike | undefined): asserts demand is NonNullable<typeof demand> {
  if (!demand || !(seesWorkingCopy(viewer, demand) || isPublic(demand))) throw notFound('需求');
}

/** Enterprise actions: a member of the owning organisation. Others who can see the demand get 403, the public 401. */
export function assertOwner(viewer: Viewer, demand: DemandLike | undefined): asserts demand is NonNullable<typeof demand> {
  assertVisible(viewer, demand);
  if (!viewer.user) throw unauthenticated();
  if (!isOwner(viewer, demand)) throw forbidden('只有发布该需求的企业成员可以执行此操作');
}
