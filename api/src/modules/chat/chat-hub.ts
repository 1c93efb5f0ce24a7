import type { MessageRow } from './chat.repository.ts';

/**
 * What the chat services need from the real-time layer (the socket.io plugin
 * implements it; without sockets, `quietHub` does nothing). Only ids travel between
 * instances: each instance loads the stored message and pushes it to its own sockets.
 */
export interface ChatHub {
  /** After commit: a message was stored (`new`) or changed (`updated`: edit, delete, hide). */
  published(channelId: string, messageId: string, change: 'new' | 'updated', row?: MessageRow): void;
  /** Which of these users have a socket connected to any instance. */
  onlineUsers(userIds: string[]): Promise<Set<string>>;
  /** Disconnects every socket of the user on every instance (revoked session, deleted account). */
  disconnectUser(userId: string): Promise<void>;
}

export const quietHub: ChatHub = {
  published: () => undefined,
  onlineUsers: async () => new Set(),
  disconnectUser: async () => undefined,
};

export interface ChatLimits {
  /** Messages a user may store per window (all channels), and the window. */
  messagesPerWindow: number;
  windowSeconds: number;
  /** Questions a user may ask per hour. */
  questionsPerHour: number;
}

export const defaultChatLimits: ChatLimits = { messagesPerWindow: 20, windowSeconds: 10, questionsPerHour: 20 };
