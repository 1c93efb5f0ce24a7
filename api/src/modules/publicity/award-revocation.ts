import type { Executor } from '../../db/database.ts';

/** Placeholder until results' revokeAward lands (merged next). */
export async function revokeForReport(_trx: Executor, _v: { awardId: string; actorId: string; reason: string; reportId: string }) {}
export async function decideFreedPlace(
  _trx: Executor,
  _v: { awardId: string; actorId: string; moveToNext: boolean; reason: string; reportId: string },
): Promise<{ awardId: string; projectId: string } | null> {
  return null;
}
