import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM');
const isoDateTime = z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601（含时区）' });

export const fairDaySchema = z
  .object({ date: z.iso.date('日期格式应为 YYYY-MM-DD'), start: hhmm, end: hhmm })
  .refine((d) => d.end > d.start, { message: '结束时间须晚于开始时间', path: ['end'] });

const fairFields = {
  name: z.string().trim().min(2, '名称至少 2 个字').max(100, '名称最多 100 个字'),
  venue: z.string().trim().min(2, '请填写会场').max(200, '会场最多 200 个字'),
  days: z.array(fairDaySchema).min(1, '至少一天').max(10, '最多 10 天'),
  slotMinutes: z.number().int().min(5, '每场会谈至少 5 分钟').max(240, '每场会谈最多 240 分钟'),
  breakMinutes: z.number().int().min(0).max(120, '间隔最多 120 分钟').default(0),
  tables: z.number().int().min(1, '至少 1 张洽谈桌').max(1000, '最多 1000 张洽谈桌'),
  requestTtlHours: z
    .number()
    .int()
    .min(1, '至少 1 小时')
    .max(24 * 60)
    .optional(),
  maxMeetingsPerParticipant: z.number().int().min(1, '至少 1 场').max(100).optional(),
  checkinGraceMinutes: z.number().int().min(0).max(120).optional(),
};
export const createFairBody = z.object(fairFields).refine((f) => new Set(f.days.map((d) => d.date)).size === f.days.length, {
  message: '日期不能重复',
  path: ['days'],
});
export const updateFairBody = z.object(fairFields).partial();

export const presentationBody = z
  .object({
    title: z.string().trim().min(2, '请填写推介标题').max(200),
    speaker: z.string().trim().min(1, '请填写主讲人').max(100),
    start: isoDateTime,
    end: isoDateTime,
  })
  .refine((p) => Date.parse(p.end) > Date.parse(p.start), { message: '结束时间须晚于开始时间', path: ['end'] });

export const presentationSchema = z.object({ id: z.uuid(), title: z.string(), speaker: z.string(), start: z.string(), end: z.string() });

export const slotSchema = z.object({ id: z.string(), start: z.string(), end: z.string() });

export const fairSchema = z.object({
  id: z.uuid(),
  editionId: z.uuid(),
  name: z.string(),
  venue: z.string(),
  days: z.array(z.object({ date: z.string(), start: z.string(), end: z.string() })),
  slotMinutes: z.number(),
  breakMinutes: z.number(),
  tables: z.number(),
  requestTtlHours: z.number(),
  maxMeetingsPerParticipant: z.number(),
  checkinGraceMinutes: z.number(),
  slots: z.array(slotSchema),
  programme: z.array(presentationSchema),
  participantCount: z.number(),
  /** The viewer's own registrations in this fair (participant ids they act for). */
  myParticipants: z.array(z.object({ id: z.uuid(), kind: z.enum(['enterprise', 'team']), name: z.string() })),
});

const windowSchema = z
  .object({ start: isoDateTime, end: isoDateTime })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), { message: '结束时间须晚于开始时间', path: ['end'] });

export const registerBody = z
  .object({
    orgId: z.uuid('单位编号格式不正确').optional(),
    teamId: z.uuid('团队编号格式不正确').optional(),
    availability: z.array(windowSchema).max(50).default([]),
  })
  .refine((b) => !!b.orgId !== !!b.teamId, { message: '请指定 orgId（需求企业）或 teamId（参赛团队）之一', path: ['orgId'] });

export const availabilityBody = z.object({ availability: z.array(windowSchema).max(50) });

export const participantSchema = z.object({
  id: z.uuid(),
  fairId: z.uuid(),
  kind: z.enum(['enterprise', 'team']),
  orgId: z.uuid().nullable(),
  teamId: z.uuid().nullable(),
  name: z.string(),
  /** Lead organisation of a team, or the enterprise itself. */
  orgName: z.string(),
  region: z.string().nullable(),
  availability: z.array(z.object({ start: z.string(), end: z.string() })),
  acceptedMeetings: z.number(),
  canAct: z.boolean(),
});

export const requestBody = z.object({
  fromParticipantId: z.uuid('编号格式不正确'),
  toParticipantId: z.uuid('编号格式不正确'),
  message: z.string().trim().max(500, '留言最多 500 字').default(''),
  demandId: z.uuid().optional(),
});

const participantRef = z.object({ id: z.uuid(), kind: z.enum(['enterprise', 'team']), name: z.string() });
export const meetingRequestSchema = z.object({
  id: z.uuid(),
  fairId: z.uuid(),
  from: participantRef,
  to: participantRef,
  demandId: z.uuid().nullable(),
  demandTitle: z.string().nullable(),
  message: z.string(),
  status: z.enum(['pending', 'accepted', 'declined', 'expired', 'cancelled']),
  expiresAt: z.string(),
  createdAt: z.string(),
  respondedAt: z.string().nullable(),
  /** The viewer may accept or decline it (acts for the receiving side, still pending). */
  canRespond: z.boolean(),
  meetingId: z.uuid().nullable(),
});
export const listRequestsQuery = z.object({
  participantId: z.uuid().optional(),
  status: z.enum(['pending', 'accepted', 'declined', 'expired', 'cancelled']).optional(),
});

export const outcomeSchema = z.object({
  side: z.enum(['enterprise', 'team']),
  result: z.enum(['none', 'intent', 'signed']),
  amountWan: z.number().nullable(),
  note: z.string(),
  recordedAt: z.string(),
});

export const meetingSchema = z.object({
  id: z.uuid(),
  fairId: z.uuid(),
  requestId: z.uuid(),
  enterprise: participantRef,
  team: participantRef,
  demandId: z.uuid().nullable(),
  demandTitle: z.string().nullable(),
  status: z.enum(['active', 'cancelled']),
  slotId: z.string().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  table: z.number().nullable(),
  pinned: z.boolean(),
  unplacedReason: z.string().nullable(),
  enterpriseCheckedInAt: z.string().nullable(),
  teamCheckedInAt: z.string().nullable(),
  enterpriseNoShow: z.boolean(),
  teamNoShow: z.boolean(),
  outcomes: z.array(outcomeSchema),
  cancelReason: z.string().nullable(),
});

export const scheduleRunSchema = z.object({
  at: z.string(),
  method: z.string(),
  optimal: z.boolean(),
  gap: z.number().nullable(),
  lowerBound: z.number(),
  slotsUsed: z.number(),
  placed: z.number(),
  millis: z.number(),
  unplaced: z.array(z.object({ meetingId: z.string(), reason: z.string(), enterprise: z.string(), team: z.string() })),
});

export const scheduleSchema = z.object({
  fairId: z.uuid(),
  tables: z.number(),
  slots: z.array(slotSchema),
  meetings: z.array(meetingSchema),
  lastRun: scheduleRunSchema.nullable(),
});

export const scheduleBody = z.object({
  pins: z
    .array(z.object({ meetingId: z.uuid(), slotId: z.string().min(1), table: z.number().int().min(1) }))
    .max(10_000)
    .default([]),
  unpin: z.array(z.uuid()).max(10_000).default([]),
});

export const cancelBody = z.object({ reason: z.string().trim().min(2, '请说明取消原因').max(300) });
export const checkInBody = z.object({ token: z.string().min(8, '签到码不正确').max(200) });
export const outcomeBody = z
  .object({
    result: z.enum(['none', 'intent', 'signed']),
    amountWan: z.number().positive('签约金额须大于 0').max(1e9).nullable().optional(),
    note: z.string().trim().max(1000, '备注最多 1000 字').default(''),
  })
  .refine((o) => o.result !== 'signed' || (o.amountWan ?? 0) > 0, { message: '签约须填写金额（万元）', path: ['amountWan'] });

export const agendaQuery = z.object({ participantId: z.uuid('编号格式不正确') });
export const agendaSchema = z.object({
  fair: z.object({ id: z.uuid(), name: z.string(), venue: z.string() }),
  participant: participantRef,
  programme: z.array(presentationSchema),
  meetings: z.array(meetingSchema.extend({ counterpart: participantRef, mySide: z.enum(['enterprise', 'team']) })),
});

const dashboardRow = z.object({
  key: z.string(),
  label: z.string(),
  meetings: z.number(),
  placed: z.number(),
  held: z.number(),
  checkIns: z.number(),
  noShows: z.number(),
  intents: z.number(),
  contracts: z.number(),
  amountWan: z.number(),
});
export const dashboardSchema = z.object({
  fairId: z.uuid(),
  totals: dashboardRow,
  byTrack: z.array(dashboardRow),
  byDemand: z.array(dashboardRow.extend({ trackLabel: z.string() })),
});
export type DashboardRow = z.infer<typeof dashboardRow>;

export const profileBody = z.object({
  summary: z.string().trim().max(2000).default(''),
  industries: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  technologies: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
  dataCapabilities: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  cases: z.string().trim().max(4000).default(''),
  regions: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  trackIds: z.array(z.uuid()).max(20).default([]),
  accessModes: z
    .array(z.enum(['download', 'api', 'sandbox', 'onsite']))
    .max(4)
    .default([]),
});
export const profileSchema = z.object({
  teamId: z.uuid(),
  teamName: z.string(),
  summary: z.string(),
  industries: z.array(z.string()),
  technologies: z.array(z.string()),
  dataCapabilities: z.array(z.string()),
  cases: z.string(),
  regions: z.array(z.string()),
  trackIds: z.array(z.string()),
  accessModes: z.array(z.string()),
  /** Not saved yet: filled in from the team's project application. */
  prefilled: z.boolean(),
  canEdit: z.boolean(),
  updatedAt: z.string().nullable(),
});

export const recommendationsQuery = z
  .object({
    for: z.enum(['team', 'demand'], { message: 'for 应为 team 或 demand' }),
    teamId: z.uuid('团队编号格式不正确').optional(),
    demandId: z.uuid('子赛题编号格式不正确').optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .refine((q) => (q.for === 'team' ? !!q.teamId : !!q.demandId), {
    message: 'for=team 须给出 teamId，for=demand 须给出 demandId',
    path: ['for'],
  });

export const recommendationSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['demand', 'team']),
  title: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  trackName: z.string().nullable(),
  topicTitle: z.string().nullable(),
  region: z.string().nullable(),
  score: z.number(),
  reasons: z.array(z.string()),
  /** A team that bid on this sub-topic (for=demand), or the sub-topic the team bid on (for=team). */
  hasBid: z.boolean(),
});
export const recommendationsSchema = z.object({
  for: z.enum(['team', 'demand']),
  subject: z.object({ id: z.uuid(), title: z.string(), editionId: z.uuid() }),
  items: z.array(recommendationSchema),
  /** for=team: the enterprises behind the best sub-topics, best first. */
  enterprises: z.array(z.object({ orgId: z.uuid(), orgName: z.string(), score: z.number(), demandIds: z.array(z.uuid()) })),
});
