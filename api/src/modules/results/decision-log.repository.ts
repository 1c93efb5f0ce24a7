import type { Executor } from '../../db/database.ts';

/**
 * The decision log of an edition's results (晋级、核验、递补、奖项、公示): who decided what,
 * when and why. Append-only: the table's trigger refuses UPDATE, DELETE and TRUNCATE, and
 * nothing here offers either. Call `appendDecision` inside the transaction that makes the
 * change, so the change and its record commit together.
 */
export interface DecisionInput {
  editionId: string;
  actorId: string | null;
  /** e.g. 'advancement.computed', 'finalist.verified', 'finalist.backfilled', 'award.revoked'. */
  action: string;
  /** e.g. 'advancement', 'finalist', 'award', 'report'. */
  subjectType: string;
  subjectId: string | null;
  data?: unknown;
  reason?: string | null;
}

export async function appendDecision(trx: Executor, entry: DecisionInput): Promise<number> {
  const row = await trx
    .insertInto('decision_log')
    .values({
      edition_id: entry.editionId,
      actor_id: entry.actorId,
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId,
      data: JSON.stringify(entry.data ?? {}),
      reason: entry.reason ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface DecisionLogFilter {
  subjectType?: string;
  subjectId?: string;
  /** Entries with an id above this (for paging forward). */
  afterId?: number;
  limit?: number;
}

export async function listDecisions(db: Executor, editionId: string, filter: DecisionLogFilter = {}) {
  let q = db
    .selectFrom('decision_log')
    .leftJoin('users', 'users.id', 'decision_log.actor_id')
    .select([
      'decision_log.id',
      'decision_log.edition_id as editionId',
      'decision_log.actor_id as actorId',
      'users.display_name as actorName',
      'decision_log.at',
      'decision_log.action',
      'decision_log.subject_type as subjectType',
      'decision_log.subject_id as subjectId',
      'decision_log.data',
      'decision_log.reason',
    ])
    .where('decision_log.edition_id', '=', editionId);
  if (filter.subjectType) q = q.where('decision_log.subject_type', '=', filter.subjectType);
  if (filter.subjectId) q = q.where('decision_log.subject_id', '=', filter.subjectId);
  if (filter.afterId !== undefined) q = q.where('decision_log.id', '>', filter.afterId);
  return q
    .orderBy('decision_log.id')
    .limit(filter.limit ?? 1000)
    .execute();
}
