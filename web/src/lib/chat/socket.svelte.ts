/**
 * The one socket of the page (socket.io on the same origin; the session cookie
 * authenticates it). Connects on first use; reconnects by itself after a drop.
 * A server-side disconnect (signed out, session revoked) is final.
 */
import { io, type Socket } from 'socket.io-client';

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface AckError {
  code: string;
  message: string;
  status: number;
}
export type Ack<T> = ({ ok: true } & T) | { ok: false; error: AckError };

class ChatConnection {
  status = $state<ConnectionStatus>('idle');
  socket: Socket | null = null;

  use(): Socket {
    if (this.socket) return this.socket;
    this.status = 'connecting';
    const socket = io({ transports: ['websocket'], reconnectionDelay: 500, reconnectionDelayMax: 5000 });
    socket.on('connect', () => (this.status = 'connected'));
    socket.on('disconnect', (reason) => {
      this.status = reason === 'io server disconnect' || reason === 'io client disconnect' ? 'closed' : 'reconnecting';
    });
    socket.on('connect_error', () => {
      if (this.status !== 'closed') this.status = 'reconnecting';
    });
    this.socket = socket;
    return socket;
  }

  close() {
    this.socket?.disconnect();
    this.socket = null;
    this.status = 'idle';
  }

  /** Emits with an acknowledgement; rejects on timeout or when the connection drops first. */
  request<T>(event: string, payload: unknown, timeoutMs = 8000): Promise<Ack<T>> {
    const socket = this.use();
    return new Promise((resolve, reject) => {
      const onDisconnect = () => {
        cleanup();
        reject(new Error('disconnected'));
      };
      const cleanup = () => socket.off('disconnect', onDisconnect);
      socket.once('disconnect', onDisconnect);
      socket
        .timeout(timeoutMs)
        .emitWithAck(event, payload)
        .then((ack: Ack<T>) => {
          cleanup();
          resolve(ack);
        })
        .catch((error: unknown) => {
          cleanup();
          reject(error);
        });
    });
  }
}

export const chatConnection = new ChatConnection();
