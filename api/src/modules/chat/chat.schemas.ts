import { z } from 'zod';

/** Limits of chat text (characters). */
export const MESSAGE_MAX_CHARS = 2000;
export const QUESTION_MAX_CHARS = 1000;
/** Edits and deletions are possible this long after sending. */
export const EDIT_WINDOW_MS = 2 * 60 * 1000;
export const SUPERVISED_NOTICE = '本对话受组委会监督';

const text = (max: number, what = '消息') =>
  z
    .string({ error: `请输入${what}内容` })
    .trim()
    .min(1, `${what}内容不能为空`)
    .max(max, `${what}最多 ${max} 个字`);

export const messageText = text(MESSAGE_MAX_CHARS);
export const clientIdSchema = z
  .string({ error: '缺少客户端消息编号 clientId' })
  .min(1, '缺少客户端消息编号 clientId')
  .max(64, '客户端消息编号最多 64 个字符')
  .regex(/^[A-Za-z0-9_.:-]+$/, '客户端消息编号只能包含字母、数字和 _ . : -');

export const sendBody = z.object({ clientId: clientIdSchema, text: messageText });
export const editBody = z.object({ text: messageText });
export const hideBody = z.object({ reason: text(200, '隐藏原因') });
export const readBody = z.object({ seq: z.number().int().min(0) });
export const questionBody = z.object({ text: text(QUESTION_MAX_CHARS, '问题') });
export const answerBody = z.object({ text: text(MESSAGE_MAX_CHARS, '答复'), toAll: z.boolean().default(false) });

// Socket events (validated with the same rules as HTTP).
export const joinEvent = z.object({ channelId: z.uuid('频道编号格式不正确'), afterSeq: z.number().int().min(0).default(0) });
export const sendEvent = sendBody.extend({ channelId: z.uuid('频道编号格式不正确') });
export const readEvent = readBody.extend({ channelId: z.uuid('频道编号格式不正确') });

export const channelKindSchema = z.enum(['qa', 'private', 'announcement']);
export const senderSideSchema = z.enum(['enterprise', 'team', 'committee', 'system']);

export const attachmentSchema = z.object({ fileName: z.string(), mimeType: z.string(), size: z.number(), url: z.string() });

export const messageSchema = z.object({
  id: z.uuid(),
  channelId: z.uuid(),
  seq: z.number(),
  clientId: z.string(),
  text: z.string(),
  sender: z.object({ id: z.string().nullable(), name: z.string(), side: senderSideSchema }),
  /** For an answer to all: the question, without who asked it. */
  question: z.object({ id: z.uuid(), text: z.string() }).nullable(),
  attachment: attachmentSchema.nullable(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
  hidden: z.boolean(),
  /** Overseers only: why the committee hid it, and the originals of edits and deletions. */
  hiddenReason: z.string().nullable().optional(),
  revisions: z
    .array(z.object({ action: z.enum(['edit', 'delete']), previousText: z.string(), at: z.string(), actorName: z.string().nullable() }))
    .optional(),
});
export type MessageDto = z.infer<typeof messageSchema>;

export const channelSchema = z.object({
  id: z.uuid(),
  kind: channelKindSchema,
  title: z.string(),
  editionId: z.uuid(),
  demandId: z.uuid().nullable(),
  demandTitle: z.string().nullable(),
  enterpriseName: z.string().nullable(),
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  lastSeq: z.number(),
  lastReadSeq: z.number(),
  unread: z.number(),
  lastMessageAt: z.string().nullable(),
  /** Shown to every member of a private channel: 本对话受组委会监督. */
  notice: z.string().nullable(),
  hiddenCount: z.number().optional(),
});
export type ChannelDto = z.infer<typeof channelSchema>;

export const channelDetailSchema = channelSchema.extend({
  canPost: z.boolean(),
  postAs: senderSideSchema.nullable(),
  overseer: z.boolean(),
  open: z.boolean(),
});

export const historySchema = z.object({ items: z.array(messageSchema), lastSeq: z.number(), hasMore: z.boolean() });

export const questionSchema = z.object({
  id: z.uuid(),
  demandId: z.uuid(),
  text: z.string(),
  /** Who asked: shown to the enterprise, the asking team and overseers only. */
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  askedBy: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  toAll: z.boolean(),
  createdAt: z.string(),
});

export const publicAnswerSchema = z.object({ id: z.uuid(), question: z.string(), answer: z.string(), answeredAt: z.string() });
