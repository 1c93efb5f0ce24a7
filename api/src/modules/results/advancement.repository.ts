import type { Executor } from '../../db/database.ts';

/** SQL of advancement computations (one per preliminary round). */

export async function findByRound(db: Executor, roundId: string, lock = false) {
  let q = db.selectFrom('advancements').selectAll().where('round_id', '=', roundId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function findById(db: Executor, id: string) {
  return db.selectFrom('advancements').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function confirmedOfEdition(db: Executor, editionId: string) {
  return db.selectFrom('advancements').selectAll().where('edition_id', '=', editionId).where('status', '=', 'confirmed').executeTakeFirst();
}

export async function upsertProposal(
  db: Executor,
  v: { editionId: string; roundId: string; settings: string; computation: string; hash: string; by: string; now: Date },
) {
  const values = { settings: v.settings, computation: v.computation, computation_hash: v.hash, computed_by: v.by, computed_at: v.now };
  return db
    .insertInto('advancements')
    .values({ edition_id: v.editionId, round_id: v.roundId, ...values })
    .onConflict((oc) => oc.column('round_id').doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function markConfirmed(db: Executor, id: string, by: string, now: Date) {
  await db.updateTable('advancements').set({ status: 'confirmed', confirmed_by: by, confirmed_at: now }).where('id', '=', id).execute();
}

/** Tracks of an edition in listing order. */
export async function tracksOf(db: Executor, editionId: string) {
  return db.selectFrom('tracks').select(['id', 'name', 'position']).where('edition_id', '=', editionId).orderBy('position').execute();
}

/** When each project was (last) submitted, for the 'tie_break' rule. */
export async function submittedAt(db: Executor, projectIds: string[]) {
  if (!projectIds.length) return new Map<string, string>();
  const rows = await db.selectFrom('projects').select(['id', 'submitted_at', 'created_at']).where('id', 'in', projectIds).execute();
  return new Map(rows.map((r) => [r.id, (r.submitted_at ?? r.created_at).toISOString()]));
}
