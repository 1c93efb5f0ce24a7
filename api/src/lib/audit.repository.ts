import type { Executor } from '../db/database.ts';

/** 留档备查: appends an audit event; call it inside the transaction that makes the change. */
export async function recordAudit(
  db: Executor,
  event: { actorId: string | null; action: string; entityType: string; entityId: string; data?: unknown },
): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      actor_id: event.actorId,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId,
      data: JSON.stringify(event.data ?? {}),
    })
    .execute();
}

export async function listAudit(db: Executor, entityType: string, entityId: string) {
  return db
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.actor_id')
    .select([
      'audit_events.id',
      'audit_events.action',
      'audit_events.data',
      'audit_events.at',
      'users.id as actorId',
      'users.display_name as actorName',
    ])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('audit_events.id')
    .execute();
}
