/** Helpers shared by the team and project pages (揭榜). */
import { ApiError, messageOf } from './api';
import { formatDateTime } from './format';
import type {
  ActorRef,
  Compliance,
  ComplianceStatus,
  MaterialCategory,
  MaterialRules,
  Project,
  ProjectSections,
  SectionKey,
  TeamProjectTarget,
} from './api/types';

export interface SectionField {
  key: string;
  label: string;
  /** Maximum length accepted by the API. */
  max: number;
  hint: string;
  rows: number;
}

export interface SectionDef {
  key: SectionKey;
  title: string;
  intro: string;
  fields: SectionField[];
}

type FieldUi = { hint: string; rows: number };
/**
 * What the editor adds to the API's application form: an introduction per part and a hint and
 * height per field. Keyed by the generated section types, so a part or field the API adds or
 * renames fails the type check until it is described here. Labels and limits come from the API.
 */
const sectionUi: { [K in SectionKey]: { intro: string; fields: { [F in keyof ProjectSections[K]]: FieldUi } } } = {
  overview: {
    intro: '说明项目的由来、面向的行业和与同类方案相比的核心优势。',
    fields: {
      background: { rows: 5, hint: '要解决的问题、需求来源与现状' },
      industry: { rows: 2, hint: '如：钢铁冶金、医疗器械、城市治理' },
      advantages: { rows: 5, hint: '技术、数据、团队或落地方面的优势' },
    },
  },
  solution: {
    intro: '揭榜子赛题的，请对照企业的业务需求、技术目标与验收标准逐项说明。',
    fields: {
      architecture: { rows: 6, hint: '总体架构、系统组成与部署方式' },
      features: { rows: 6, hint: '主要功能模块及其解决的问题' },
      keyTechnologies: { rows: 6, hint: '采用的关键技术、算法与创新点' },
      dataUsage: { rows: 6, hint: '使用哪些数据、如何获取、如何保障数据安全与合规' },
    },
  },
  value: {
    intro: '用可核实的案例和数据说明项目的经济效益与社会效益。',
    fields: {
      cases: { rows: 5, hint: '已落地或试点的案例、用户与效果' },
      economicBenefit: { rows: 4, hint: '降本增效、新增收入等，尽量量化' },
      socialBenefit: { rows: 4, hint: '对行业、民生、环境等的带动作用' },
    },
  },
  businessModel: {
    intro: '说明项目如何推广复制，以及可触达的市场规模。',
    fields: {
      promotion: { rows: 4, hint: '推广路径、合作方式与盈利模式' },
      market: { rows: 4, hint: '目标市场与规模测算' },
    },
  },
  team: {
    intro: '介绍团队成员的履历及参赛单位的相关资质。',
    fields: {
      experience: { rows: 5, hint: '核心成员的专业背景与项目经验' },
      qualifications: { rows: 4, hint: '单位资质、认证、获奖与专利等' },
    },
  },
};

/** The five parts of the application (项目申报书): the API's labels and limits with the editor's hints. */
export function sectionDefsOf(rules: MaterialRules): SectionDef[] {
  return rules.sections.map((section) => {
    const ui = sectionUi[section.key] as { intro: string; fields: Record<string, FieldUi> };
    return {
      key: section.key,
      title: section.label,
      intro: ui.intro,
      fields: section.fields.map((f) => ({ ...f, ...(ui.fields[f.key] ?? { hint: '', rows: 4 }) })),
    };
  });
}

/** An empty application (every field ''), merged with what the API returned. */
export function sectionsOf(source: Partial<ProjectSections> | null | undefined): ProjectSections {
  const out = {} as Record<string, Record<string, string>>;
  for (const [key, ui] of Object.entries(sectionUi)) {
    const given = (source?.[key as SectionKey] ?? {}) as Record<string, unknown>;
    out[key] = Object.fromEntries(Object.keys(ui.fields).map((f) => [f, typeof given[f] === 'string' ? (given[f] as string) : '']));
  }
  return out as unknown as ProjectSections;
}

// ---- Materials ----

/** The categories that must be uploaded before submitting, as the API says. */
export function requiredMaterialsOf(rules: MaterialRules | null): MaterialCategory[] {
  return (rules?.categories ?? []).filter((c) => c.required).map((c) => c.value);
}

/** The `accept` attribute of the file picker: the extensions the API takes. */
export function acceptAttributeOf(rules: MaterialRules): string {
  return rules.extensions.map((e) => `.${e}`).join(',');
}

export function extensionOf(fileName: string): string {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  return match ? match[1].toLowerCase() : '';
}

/** A message when the file is certainly refused (wrong extension, over the limit), else ''. The API has the last word. */
export function precheckFile(file: { name: string; size: number }, rules: MaterialRules): string {
  const ext = extensionOf(file.name);
  const video = rules.videoExtensions.includes(ext);
  if (!video && !rules.extensions.includes(ext)) return `不支持「.${ext || '无扩展名'}」文件，请上传 ${rules.allowedTypes}`;
  if (file.size === 0) return '文件是空的，请重新选择';
  const limit = video ? rules.videoMaxBytes : rules.documentMaxBytes;
  if (file.size > limit) return `文件大小 ${formatBytes(file.size)}，超过上限 ${formatBytes(limit)}`;
  return '';
}

const sizeFmt = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });

/** 1536 → "1.5 KB" */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${sizeFmt.format(bytes / 1024)} KB`;
  return `${sizeFmt.format(bytes / 1024 / 1024)} MB`;
}

// ---- Small readers ----

/** The compliance status, whether the API sent the object or only its status. */
export function complianceStatusOf(compliance: Compliance | ComplianceStatus | null | undefined): ComplianceStatus | null {
  if (!compliance) return null;
  return typeof compliance === 'string' ? compliance : compliance.status;
}

/** A user reference's display name ('' when only an id is known). */
export function actorName(actor: ActorRef | undefined): string {
  if (!actor || typeof actor === 'string') return '';
  return actor.displayName;
}

/** Where a project competes: "子赛题：…（企业）" or "赛题：…". */
export function targetText(target: Project['target']): string {
  if (target.kind === 'demand') return `子赛题：${target.demandTitle ?? '—'}${target.enterpriseName ? `（${target.enterpriseName}）` : ''}`;
  return `赛题：${target.topicTitle}`;
}

/** What a new project is started for (POST /api/projects): one topic or one enterprise sub-topic. */
export type BidTarget = { demandId: string } | { topicId: string };

/** Whether a team's existing project is aimed at the given target. */
export function sameTarget(existing: TeamProjectTarget, target: BidTarget): boolean {
  return 'demandId' in target ? existing.demandId === target.demandId : existing.kind === 'topic' && existing.topicId === target.topicId;
}

/** A team project's target in words: "需求子赛题「…」" or "赛题「…」". */
export function teamTargetText(target: TeamProjectTarget): string {
  return `${target.kind === 'demand' ? '需求子赛题' : '赛题'}「${target.title}」`;
}

/** Where a team project's target is described: the demand page, or the topic in its edition's catalog. */
export function teamTargetHref(target: TeamProjectTarget, editionId: string): string {
  return target.kind === 'demand' && target.demandId ? `/demands/${target.demandId}` : `/editions/${editionId}#topic-${target.topicId}`;
}

/** The route of the topic bid flow (以赛题参赛). */
export function topicBidHref(editionId: string, topicId: string): string {
  return `/editions/${editionId}/topics/${topicId}/bid`;
}

export interface PhaseClosedDetails {
  phase: string;
  phaseLabel: string;
  start: string;
  end: string;
  state?: 'before' | 'after';
}

/** The details of a PHASE_CLOSED refusal, or null for any other error. */
export function phaseClosedOf(error: unknown): PhaseClosedDetails | null {
  if (!(error instanceof ApiError) || error.code !== 'PHASE_CLOSED') return null;
  const d = error.details as Partial<PhaseClosedDetails> | undefined;
  return d && typeof d.start === 'string' && typeof d.end === 'string' ? (d as PhaseClosedDetails) : null;
}

/**
 * The message for a refused action. The API's Chinese message already explains most
 * refusals; a PHASE_CLOSED without dates in it gets them appended.
 */
export function refusalText(error: unknown): string {
  const message = messageOf(error);
  const phase = phaseClosedOf(error);
  if (phase && !/\d{4}/.test(message)) {
    return `${message}（${phase.phaseLabel}阶段：${formatDateTime(phase.start)} 至 ${formatDateTime(phase.end)}）`;
  }
  return message;
}

/** The INCOMPLETE_APPLICATION missing list (empty for other errors). */
export function missingOf(error: unknown): { key: string; label: string }[] {
  if (!(error instanceof ApiError) || error.code !== 'INCOMPLETE_APPLICATION') return [];
  const missing = (error.details as { missing?: unknown } | undefined)?.missing;
  return Array.isArray(missing) ? missing.filter((m) => m && typeof m.key === 'string') : [];
}

/**
 * The one date that binds a team: the end of 作品提交, or — for a bid on a demand
 * sub-topic whose 揭榜截止 comes first — that deadline (the server refuses a
 * submission after either).
 */
export function bindingDeadline(project: Pick<Project, 'submission' | 'target'>): { at: string; label: string; demand: boolean } {
  const bid = project.target.kind === 'demand' ? project.target.demandBidDeadline : null;
  if (bid && Date.parse(bid) < Date.parse(project.submission.end)) return { at: bid, label: '提交截止（揭榜截止）', demand: true };
  return { at: project.submission.end, label: '作品提交截止', demand: false };
}
