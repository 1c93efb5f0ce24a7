import { EventEmitter } from 'node:events';
import type { Executor } from '../../db/database.ts';
import type { SessionRow, UserRow } from '../../db/schema.ts';
import * as repo from './sessions.repository.ts';

/**
 * Server-side sessions. A token (Bearer or the `jb_session` cookie) names a
 * session (`sid`); the session must exist, be unrevoked and unexpired for the
 * token to count. Logout, a password change and the committee's "sign out
 * everywhere" revoke sessions at once.
 *
 * For other transports (socket.io): call `checkSession(db, sessionId)` on
 * connection (or `app.authenticateToken(token)`, which verifies the JWT first),
 * and subscribe to `onSessionsRevoked` to disconnect sockets of revoked sessions.
 */

export interface SessionsRevokedEvent {
  userId: string;
  sessionIds: string[];
  reason: string;
}

const events = new EventEmitter();
events.setMaxListeners(0);

/** Calls `listener` after every revocation committed by this process; returns an unsubscribe function. */
export function onSessionsRevoked(listener: (event: SessionsRevokedEvent) => void): () => void {
  events.on('revoked', listener);
  return () => events.off('revoked', listener);
}

/** Emits the revocation event; call after the revoking transaction committed. */
export function announceRevoked(event: SessionsRevokedEvent): void {
  if (event.sessionIds.length) events.emit('revoked', event);
}

/** The signed-in user of a session, or null when the session is unknown, revoked or expired. */
export async function checkSession(db: Executor, sessionId: string): Promise<{ user: UserRow; session: SessionRow } | null> {
  return (await repo.findActiveSessionWithUser(db, sessionId)) ?? null;
}

/** Revokes and announces. `only.ids` limits to those sessions, `only.exceptId` keeps one. */
export async function revokeUserSessions(
  db: Executor,
  userId: string,
  reason: 'logout' | 'password_changed' | 'revoked_by_user' | 'revoked_by_committee',
  only?: { ids?: string[]; exceptId?: string },
): Promise<string[]> {
  const sessionIds = await repo.revokeSessions(db, userId, reason, only);
  announceRevoked({ userId, sessionIds, reason });
  return sessionIds;
}
