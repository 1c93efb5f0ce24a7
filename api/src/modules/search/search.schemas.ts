import { z } from 'zod';
import { MAX_PAGE_SIZE, MAX_TOTAL_HITS, searchSorts } from '@jb/search';

/** Accepts `?track=a&track=b` and `?track=a,b`. */
const list = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(50));

const yuan = z.coerce.number({ message: '预算须为数字（元）' }).int('预算须为整数元').min(0, '预算不能为负数');

export const searchQuerySchema = z
  .object({
    q: z.string().trim().max(200, '搜索词最多 200 个字').default(''),
    edition: z.uuid().optional(),
    track: list(z.uuid('赛道编号格式不正确')).optional(),
    topic: z.uuid().optional(),
    region: list(z.string().max(50)).optional(),
    access: list(z.enum(['download', 'api', 'sandbox', 'onsite'])).optional(),
    status: list(z.enum(['published', 'closed'])).optional(),
    budgetMin: yuan.optional(),
    budgetMax: yuan.optional(),
    sort: z.enum(searchSorts as [string, ...string[]]).default('relevance'),
    page: z.coerce.number().int().min(1).default(1),
    // Capped rather than refused: a client asking for 500 gets the largest page there is.
    pageSize: z.coerce
      .number()
      .int()
      .min(1)
      .default(10)
      .transform((n) => Math.min(n, MAX_PAGE_SIZE)),
  })
  .superRefine((q, ctx) => {
    if (q.budgetMin !== undefined && q.budgetMax !== undefined && q.budgetMin > q.budgetMax) {
      ctx.addIssue({ code: 'custom', path: ['budgetMax'], message: '最高预算不能低于最低预算' });
    }
    if ((q.page - 1) * q.pageSize >= MAX_TOTAL_HITS) {
      ctx.addIssue({ code: 'custom', path: ['page'], message: `最多只能翻到第 ${MAX_TOTAL_HITS} 条结果，请缩小搜索范围` });
    }
  });

export const searchHitSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  /** Title with matches wrapped in <mark> (HTML-escaped). */
  titleHtml: z.string(),
  /** An excerpt of the need with matches wrapped in <mark> (HTML-escaped). */
  snippet: z.string(),
  enterprise: z.string(),
  track: z.object({ id: z.uuid(), name: z.string() }),
  topic: z.object({ id: z.uuid(), title: z.string() }),
  budgetCny: z.number(),
  bidDeadline: z.string(),
  region: z.string(),
  accessModes: z.array(z.string()),
  status: z.enum(['published', 'closed']),
  publishedAt: z.string(),
});

export const searchResponseSchema = z.object({
  hits: z.array(searchHitSchema),
  /** Number of matching demands (paging stops at the first 1,000). */
  total: z.number(),
  /** True when there are so many matches that the facet counts (and possibly the total) are estimates (shown as 约 N 条). */
  estimated: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
  facets: z.object({
    track: z.record(z.string(), z.number()),
    region: z.record(z.string(), z.number()),
    access: z.record(z.string(), z.number()),
  }),
  /** Display names for facet keys that are ids. */
  facetLabels: z.object({ track: z.record(z.string(), z.string()) }),
  /** The query words the engine matched on, for highlighting other fields. */
  matchedWords: z.array(z.string()),
  engine: z.string(),
  tookMs: z.number(),
});
