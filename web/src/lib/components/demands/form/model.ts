/** State, payload building and error mapping of the demand form (DemandForm.svelte). */
import { ApiError } from '$lib/api';
import { beijingDateInput, beijingDayBoundary, splitTags, wanInputOf, yuanFromWan } from '$lib/format';
import { demandFieldLabel } from '$lib/labels';
import type { AccessMode, DataItemInput, Demand, DemandContact, DemandField, DemandInput } from '$lib/api/types';

export interface CriterionRow {
  key: number;
  text: string;
}
export interface ItemRow {
  key: number;
  name: string;
  description: string;
  fieldsText: string;
  volume: string;
  accessMode: AccessMode | '';
  availableFrom: string;
  openedAt: string | null;
}

/** Everything the user edits in the demand content. */
export interface FormValues {
  title: string;
  businessNeed: string;
  techGoals: string;
  criteria: CriterionRow[];
  budgetWan: string;
  region: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  deadlineDate: string;
  items: ItemRow[];
}

let nextKey = 1;
export const newCriterion = (text = ''): CriterionRow => ({ key: nextKey++, text });
export const newItem = (): ItemRow => ({
  key: nextKey++,
  name: '',
  description: '',
  fieldsText: '',
  volume: '',
  accessMode: '',
  availableFrom: '',
  openedAt: null,
});

/** The form values for a saved demand, or an empty form. */
export function initialValues(demand: Demand | null): FormValues {
  return {
    title: demand?.title ?? '',
    businessNeed: demand?.businessNeed ?? '',
    techGoals: demand?.techGoals ?? '',
    criteria: demand?.acceptanceCriteria.length ? demand.acceptanceCriteria.map((c) => newCriterion(c)) : [newCriterion()],
    budgetWan: wanInputOf(demand?.budgetCny),
    region: demand?.region ?? '',
    contactName: demand?.contact?.name ?? '',
    contactPhone: demand?.contact?.phone ?? '',
    contactEmail: demand?.contact?.email ?? '',
    deadlineDate: beijingDateInput(demand?.bidDeadline),
    items: demand?.dataScope.length
      ? demand.dataScope.map((d) => ({
          key: nextKey++,
          name: d.name,
          description: d.description,
          fieldsText: d.fields.join('、'),
          volume: d.volume,
          accessMode: d.accessMode,
          availableFrom: d.availableFrom,
          openedAt: d.openedAt,
        }))
      : [newItem()],
  };
}

// ---- field ids and error attributes ----
export const fieldId = (path: string) => `f-${path.replaceAll('.', '-')}`;
export const described = (errors: Record<string, string>, path: string) => (errors[path] ? `${fieldId(path)}-error` : undefined);
export const invalid = (errors: Record<string, string>, path: string) => (errors[path] ? ('true' as const) : undefined);

// ---- repeating lists ----
/** The errors without those of a list (the list's rows were reordered or removed). */
export function withoutListErrors(errors: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).filter(([k]) => k !== prefix && !k.startsWith(`${prefix}.`)));
}
export function move<T>(list: T[], from: number, to: number): T[] {
  const copy = [...list];
  const [row] = copy.splice(from, 1);
  copy.splice(to, 0, row);
  return copy;
}
export const blankItem = (row: ItemRow) =>
  !row.name.trim() && !row.description.trim() && !row.fieldsText.trim() && !row.volume.trim() && !row.availableFrom;

// ---- payload ----
/**
 * The content to send, with local checks, and for each sent list entry the form row it came from
 * (blank rows are not sent, so server error indexes are mapped back).
 */
export function buildContent(
  v: FormValues,
  current: Demand | null,
): { content: DemandInput; local: Record<string, string>; critRows: number[]; itemRows: number[] } {
  const local: Record<string, string> = {};
  const content: DemandInput = {};
  const had = (field: DemandField) => {
    const value = current ? (current as unknown as Record<string, unknown>)[field] : null;
    return value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
  };

  content.title = v.title.trim();
  if (!content.title) local.title = '请填写需求标题';
  for (const [field, value] of [
    ['businessNeed', v.businessNeed],
    ['techGoals', v.techGoals],
    ['region', v.region],
  ] as const) {
    if (value.trim() || had(field)) content[field] = value.trim();
  }

  const critRows: number[] = [];
  const crit: string[] = [];
  v.criteria.forEach((row, i) => {
    if (row.text.trim()) {
      crit.push(row.text.trim());
      critRows.push(i);
    }
  });
  if (crit.length || had('acceptanceCriteria')) content.acceptanceCriteria = crit;

  const yuan = yuanFromWan(v.budgetWan);
  if (yuan === null) {
    if (had('budgetCny')) local.budgetCny = '请填写项目预算';
  } else if (Number.isNaN(yuan) || yuan <= 0) local.budgetCny = '请输入大于 0 的金额（单位：万元，最多 4 位小数）';
  else content.budgetCny = yuan;

  if (v.contactName.trim() || v.contactPhone.trim() || v.contactEmail.trim() || had('contact')) {
    content.contact = { name: v.contactName.trim(), phone: v.contactPhone.trim(), email: v.contactEmail.trim() };
  }

  if (v.deadlineDate) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.deadlineDate)) local.bidDeadline = '请选择日期';
    else content.bidDeadline = beijingDayBoundary(v.deadlineDate, 'end');
  } else if (had('bidDeadline')) local.bidDeadline = '请选择揭榜截止日期';

  const itemRows: number[] = [];
  const scope: DataItemInput[] = [];
  v.items.forEach((row, i) => {
    if (blankItem(row)) return;
    if (!row.accessMode) local[`dataScope.${i}.accessMode`] = '请选择访问方式';
    if (!row.availableFrom) local[`dataScope.${i}.availableFrom`] = '请选择开放日期';
    scope.push({
      name: row.name.trim(),
      description: row.description.trim(),
      fields: splitTags(row.fieldsText),
      volume: row.volume.trim(),
      accessMode: row.accessMode as AccessMode,
      availableFrom: row.availableFrom,
    });
    itemRows.push(i);
  });
  if (scope.length || had('dataScope')) content.dataScope = scope;

  return { content, local, critRows, itemRows };
}

/** Comparable form of a field's value (key order and instant formats do not matter). */
function norm(field: DemandField, value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (field === 'bidDeadline') return String(Date.parse(value as string));
  if (field === 'contact') {
    const c = value as DemandContact;
    return JSON.stringify([c.name, c.phone, c.email]);
  }
  if (field === 'dataScope') {
    return JSON.stringify(
      (value as DataItemInput[]).map((i) => [i.name, i.description, i.fields, i.volume, i.accessMode, i.availableFrom]),
    );
  }
  return JSON.stringify(value);
}

/** The fields that differ from the saved demand. */
export function changedFields(content: DemandInput, current: Demand | null): DemandInput {
  if (!current) return content;
  const saved = current as unknown as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(content).filter(([field, value]) => norm(field as DemandField, value) !== norm(field as DemandField, saved[field])),
  ) as DemandInput;
}

// ---- errors ----
/** The form value behind a top-level field is empty (the server then reports a missing field). */
function emptyInForm(v: FormValues, path: string): boolean {
  const values: Record<string, string> = {
    title: v.title,
    businessNeed: v.businessNeed,
    techGoals: v.techGoals,
    region: v.region,
    budgetCny: v.budgetWan,
    bidDeadline: v.deadlineDate,
  };
  return path in values && !values[path].trim();
}

function friendly(v: FormValues, path: string, message: string): string {
  const leaf = path.split('.').pop() ?? path;
  if (path === 'bidDeadline' && emptyInForm(v, path)) return '请选择揭榜截止日期';
  if (/实际接收 undefined|received undefined/.test(message) || emptyInForm(v, path)) {
    if (path === 'bidDeadline') return '请选择揭榜截止日期';
    if (path === 'contact') return '请填写联系人、联系电话和邮箱';
    if (path === 'dataScope') return '至少填写一项开放数据';
    if (path === 'acceptanceCriteria') return '至少填写一条验收标准';
    return `请填写${demandFieldLabel(leaf)}`;
  }
  if (leaf === 'accessMode' && /无效|invalid/i.test(message)) return '请选择访问方式';
  return message;
}

/** Server error paths (payload indexes) → form paths (row indexes). */
export function mapErrors(v: FormValues, error: ApiError, critRows: number[], itemRows: number[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(error.fieldErrors)) {
    const parts = key.split('.');
    if (parts[0] === 'acceptanceCriteria' && parts[1] !== undefined) parts[1] = String(critRows[Number(parts[1])] ?? parts[1]);
    if (parts[0] === 'dataScope' && parts[1] !== undefined) parts[1] = String(itemRows[Number(parts[1])] ?? parts[1]);
    const path = parts.slice(0, parts[0] === 'dataScope' || parts[0] === 'contact' ? 3 : 2).join('.');
    if (!(path in out)) out[path] = friendly(v, path, message);
  }
  return out;
}

/** The form's label for an error path, as the banner names it ("联系电话", "第 2 项开放数据 · 访问方式"). */
const pathLabels: Record<string, string> = {
  orgId: '发布单位',
  topicId: '所属赛题',
  editionId: '赛事',
  title: '需求标题',
  budgetCny: '项目预算',
  bidDeadline: '揭榜截止日期',
  region: '实施地区',
  'contact.name': '联系人',
  'contact.phone': '联系电话',
  'contact.email': '电子邮箱',
  contact: '联系方式',
};
const itemLabels: Record<string, string> = {
  name: '数据名称',
  description: '数据说明',
  fields: '字段',
  volume: '数据规模',
  accessMode: '访问方式',
  availableFrom: '开放日期',
};
export function errorLabel(path: string): string {
  if (pathLabels[path]) return pathLabels[path];
  const [top, index, leaf] = path.split('.');
  if (top === 'dataScope' && index !== undefined)
    return `第 ${Number(index) + 1} 项开放数据${leaf ? ` · ${itemLabels[leaf] ?? leaf}` : ''}`;
  if (top === 'acceptanceCriteria' && index !== undefined) return `第 ${Number(index) + 1} 条验收标准`;
  return demandFieldLabel(top);
}

/** Where the banner's link for an error path points: the field, or the section of a list error. */
export function errorAnchor(path: string): string {
  const sections: Record<string, string> = { acceptanceCriteria: 'sec-criteria', dataScope: 'sec-data', contact: 'sec-contact' };
  return sections[path] ?? fieldId(path);
}

/** Form order of the fields, so the banner lists problems top to bottom. */
const formOrder = [
  'orgId',
  'editionId',
  'topicId',
  'title',
  'budgetCny',
  'bidDeadline',
  'region',
  'businessNeed',
  'techGoals',
  'acceptanceCriteria',
  'dataScope',
  'contact',
];
export function byFormOrder(a: string, b: string): number {
  const rank = (path: string) => {
    const [top, index] = path.split('.');
    const at = formOrder.indexOf(top);
    return (at < 0 ? formOrder.length : at) * 1000 + (Number.isInteger(Number(index)) ? Number(index) : 0);
  };
  return rank(a) - rank(b);
}
