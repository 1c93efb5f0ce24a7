import type { UserRow } from '../../db/schema.ts';
import { forbidden } from '../../errors.ts';
import { beijingLocal } from './slots.ts';

export const isCommittee = (user: UserRow | null) => !!user?.roles.includes('committee');
export const isOverseer = (user: UserRow | null) => !!user && (user.roles.includes('committee') || user.roles.includes('supervisor'));

export function assertOverseer(user: UserRow) {
  if (!isOverseer(user)) throw forbidden('只有组委会和监督委员会可以查看');
}

/** "2026-03-01 09:30" (Beijing) for messages. */
export const beijingDateTimeLabel = (at: Date | string) => beijingLocal(at).replace('T', ' ');
