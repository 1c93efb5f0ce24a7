import type { Executor } from '../../db/database.ts';
import type { ImplementationSide, UserRow } from '../../db/schema.ts';
import { forbidden, notFound, unauthenticated } from '../../errors.ts';
import * as repo from './implementations.repository.ts';

/**
 * Who sees an implementation: the two sides (members of the enterprise organisation,
 * representatives of the team), the committee and the supervisor (read), and an
 * expert asked for an opinion on it (read). Everyone else gets 404, so its existence
 * does not leak. Who acts: the sides on their own steps, the committee on the final
 * acceptance and expert requests; the supervisor only reads.
 */
export interface ImplementationViewer {
  sides: ImplementationSide[];
  committee: boolean;
  supervisor: boolean;
  expert: boolean;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function viewerOf(db: Executor, user: UserRow, impl: { id: string; enterprise_org_id: string; team_id: string }) {
  const [enterprise, team, expert] = await Promise.all([
    repo.isOrgMember(db, impl.enterprise_org_id, user.id),
    repo.isTeamMember(db, impl.team_id, user.id),
    repo.isAskedExpert(db, impl.id, user.id),
  ]);
  const sides: ImplementationSide[] = [];
  if (enterprise) sides.push('enterprise');
  if (team) sides.push('team');
  return {
    sides,
    committee: user.roles.includes('committee'),
    supervisor: user.roles.includes('supervisor'),
    expert,
  } as ImplementationViewer;
}

export const canSee = (v: ImplementationViewer) => v.sides.length > 0 || v.committee || v.supervisor || v.expert;

/** Loads an implementation the user may see, or 401/404. */
export async function loadImplementation(db: Executor, user: UserRow | null, id: string) {
  if (!user) throw unauthenticated();
  const impl = uuid.test(id) ? await repo.findImplementation(db, id) : undefined;
  const viewer = impl ? await viewerOf(db, user, impl) : null;
  if (!impl || !viewer || !canSee(viewer)) throw notFound('落地实施项目');
  return { impl, viewer };
}

const sideNames: Record<ImplementationSide, string> = { enterprise: '需求企业', team: '参赛团队' };

/** The side the user acts for; 403 when they see the implementation but are not that side. */
export function assertSide(viewer: ImplementationViewer, side: ImplementationSide, action: string) {
  if (!viewer.sides.includes(side)) throw forbidden(`只有${sideNames[side]}可以${action}`);
}

/** The side the user acts for when either may (a user on both sides acts as the enterprise). */
export function actingSide(viewer: ImplementationViewer, action: string): ImplementationSide {
  const side = viewer.sides[0];
  if (!side) throw forbidden(`只有需求企业和参赛团队可以${action}`);
  return side;
}

export function assertCommittee(viewer: ImplementationViewer, action: string) {
  if (!viewer.committee) throw forbidden(`只有组委会可以${action}`);
}
