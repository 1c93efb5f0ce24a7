import type { Schemas } from '$lib/api/client';

export type ChatChannel = Schemas['ChatChannel'];

export const channelKindLabels: Record<ChatChannel['kind'], string> = { announcement: '公告', qa: '答疑', private: '私聊' };

/** Channels grouped for a list: announcements, then Q&A, then private channels. */
export function groupChannels(items: ChatChannel[]) {
  const order: ChatChannel['kind'][] = ['announcement', 'qa', 'private'];
  return order
    .map((kind) => ({ kind, label: channelKindLabels[kind], items: items.filter((c) => c.kind === kind) }))
    .filter((g) => g.items.length);
}
