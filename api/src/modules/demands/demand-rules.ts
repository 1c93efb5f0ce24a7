/**
 * What stands between a demand and submission, all at once: every missing or
 * malformed field and every date rule, each with its field path and a plain message,
 * so one failed submit tells the enterprise everything. Pure; no database.
 */
import type { z } from 'zod';
import { AppError } from '../../errors.ts';
import { beijingDate } from './demand-lifecycle.ts';
import { completeDemandSchema } from './demands.schemas.ts';

export type CompleteDemand = z.infer<typeof completeDemandSchema>;

export interface DemandIssue {
  /** Field path in the demand content: "contact.name", "dataScope.0.availableFrom". */
  path: string;
  message: string;
}

/** The form's labels, used to name fields in messages. */
export const demandFieldLabels: Record<string, string> = {
  orgId: '发布单位',
  topicId: '所属赛题',
  title: '需求标题',
  businessNeed: '业务需求',
  techGoals: '技术目标',
  acceptanceCriteria: '验收标准',
  budgetCny: '项目预算',
  region: '实施地区',
  contact: '联系人',
  'contact.name': '联系人',
  'contact.phone': '联系电话',
  'contact.email': '电子邮箱',
  bidDeadline: '揭榜截止日期',
  dataScope: '数据开放范围',
  name: '数据名称',
  description: '数据说明',
  fields: '字段',
  volume: '数据规模',
  accessMode: '访问方式',
  availableFrom: '开放日期',
};

export function fieldLabel(path: string): string {
  if (demandFieldLabels[path]) return demandFieldLabels[path];
  const parts = path.split('.');
  const leaf = parts.at(-1)!;
  if (parts[0] === 'dataScope' && parts.length > 1) return `第 ${Number(parts[1]) + 1} 项开放数据的${demandFieldLabels[leaf] ?? leaf}`;
  if (parts[0] === 'acceptanceCriteria' && parts.length > 1) return `第 ${Number(parts[1]) + 1} 条验收标准`;
  return demandFieldLabels[parts[0]] ?? parts[0];
}

/** "2025-07-31" for an instant, in Beijing time (the dates the notices use). */
const dateOf = (iso: string) => beijingDate(new Date(iso));

export interface SubmissionContext {
  now: Date;
  /** End of the edition's 作品提交 phase: no team can bid after it, so no bid deadline may be later. */
  submissionEnd?: string | null;
}

/** The bid-deadline rule on its own (also applied when a published demand's deadline is extended). */
export function bidDeadlineIssue(bidDeadline: string, ctx: SubmissionContext): DemandIssue | null {
  const at = Date.parse(bidDeadline);
  if (Number.isNaN(at)) return null;
  if (at <= ctx.now.getTime()) return { path: 'bidDeadline', message: '揭榜截止时间必须晚于当前时间' };
  if (ctx.submissionEnd && at > Date.parse(ctx.submissionEnd)) {
    return {
      path: 'bidDeadline',
      message: `揭榜截止时间不能晚于本届作品提交截止日期（${dateOf(ctx.submissionEnd)}）；参赛团队以作品提交截止日期为准，请选择该日期或更早`,
    };
  }
  return null;
}

/**
 * Every issue of `content` for submission: the complete schema's field checks (a
 * missing contact reports each of its parts), then the date rules on whatever dates
 * are well-formed. An empty list means the demand can be submitted.
 */
export function submissionIssues(content: unknown, ctx: SubmissionContext): DemandIssue[] {
  return checkSubmission(content, ctx).issues;
}

/** The issues, and the validated (trimmed) content when there are none. */
export function checkSubmission(content: unknown, ctx: SubmissionContext): { issues: DemandIssue[]; content?: CompleteDemand } {
  const raw = (content && typeof content === 'object' ? content : {}) as Record<string, unknown>;
  const contact = raw.contact && typeof raw.contact === 'object' ? raw.contact : {};
  const normalised = { ...raw, contact: { name: '', phone: '', email: '', ...contact } };
  const parsed = completeDemandSchema.safeParse(normalised);
  const issues: DemandIssue[] = [];
  const seen = new Set<string>();
  const add = (issue: DemandIssue) => {
    if (seen.has(issue.path)) return;
    seen.add(issue.path);
    issues.push(issue);
  };
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const path = i.path.join('.');
      const missing = i.code === 'invalid_type' && valueAt(normalised, i.path) === undefined;
      add({ path, message: missing ? missingMessage(path) : i.message });
    }
  }

  const deadline = typeof raw.bidDeadline === 'string' && !seen.has('bidDeadline') ? raw.bidDeadline : null;
  if (deadline) {
    const issue = bidDeadlineIssue(deadline, ctx);
    if (issue) add(issue);
    const deadlineDate = dateOf(deadline);
    if (Array.isArray(raw.dataScope)) {
      raw.dataScope.forEach((item, index) => {
        const from = (item as { availableFrom?: unknown } | null)?.availableFrom;
        if (typeof from === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(from) && from > deadlineDate) {
          add({
            path: `dataScope.${index}.availableFrom`,
            message: `开放日期不能晚于揭榜截止日期（${deadlineDate}），否则参赛团队无法准备`,
          });
        }
      });
    }
  }
  return issues.length || !parsed.success ? { issues } : { issues, content: parsed.data };
}

function missingMessage(path: string): string {
  if (path === 'acceptanceCriteria') return '至少填写一条验收标准';
  if (path === 'dataScope') return '至少填写一项开放数据';
  if (path === 'bidDeadline') return '请选择揭榜截止日期';
  if (path.endsWith('accessMode')) return '请选择访问方式';
  if (path.endsWith('availableFrom')) return '请选择开放日期';
  return `请填写${fieldLabel(path).replace(/^第 \d+ 项开放数据的/, '')}`;
}

function valueAt(value: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined), value);
}

/** The top-level fields named by `issues`, in form order, once each. */
export function fieldsOf(issues: DemandIssue[]): string[] {
  return [...new Set(issues.map((i) => i.path.split('.')[0]))];
}

/** "需求信息不完整或有误，请修改：联系人、揭榜截止时间" — the fields by their labels. */
export function summary(issues: DemandIssue[]): string {
  return `需求信息不完整或有误（共 ${issues.length} 处），请修改：${fieldsOf(issues)
    .map((f) => demandFieldLabels[f] ?? f)
    .join('、')}`;
}

/** The refusal of a submission: every issue at once (INCOMPLETE_DEMAND, details {missing, issues}). */
export const incomplete = (issues: DemandIssue[]) =>
  new AppError('INCOMPLETE_DEMAND', summary(issues), { missing: fieldsOf(issues), issues });
