import { orgKindSchema } from '../orgs/orgs.schemas.ts';
import { z } from 'zod';
import { INT32_MAX, paginationQuery } from '../../lib/http.ts';
import type { MaterialCategory, ProjectSections } from '../../db/schema.ts';

/**
 * 项目申报书: the five parts of the notice (六（三）1), field by field, with the
 * longest text each may hold. A draft may leave any field empty; submission needs
 * every field (see `missingItems`).
 */
export const sectionFields = {
  overview: { label: '项目概述', fields: { background: ['项目背景', 2000], industry: ['应用行业', 200], advantages: ['核心优势', 2000] } },
  solution: {
    label: '解决方案',
    fields: {
      architecture: ['架构设计', 3000],
      features: ['方案功能', 3000],
      keyTechnologies: ['关键技术', 3000],
      dataUsage: ['数据要素利用方案', 3000],
    },
  },
  value: {
    label: '应用价值',
    fields: { cases: ['应用案例', 3000], economicBenefit: ['经济效益', 2000], socialBenefit: ['社会效益', 2000] },
  },
  businessModel: { label: '商业模式', fields: { promotion: ['推广模式', 2000], market: ['市场空间', 2000] } },
  team: { label: '团队介绍', fields: { experience: ['团队履历', 3000], qualifications: ['资质与优势', 2000] } },
} as const satisfies Record<keyof ProjectSections, { label: string; fields: Record<string, readonly [string, number]> }>;

type SectionKey = keyof typeof sectionFields;

function sectionSchema<K extends SectionKey>(key: K) {
  const fields = sectionFields[key].fields as Record<string, readonly [string, number]>;
  return z.object(
    Object.fromEntries(
      Object.entries(fields).map(([name, [label, max]]) => [name, z.string().max(max, `${label}最多 ${max} 字`).optional()]),
    ),
  );
}

/** Partial sections, as autosave sends them: only the fields given are replaced. */
export const sectionsPatchSchema = z.object({
  overview: sectionSchema('overview').optional(),
  solution: sectionSchema('solution').optional(),
  value: sectionSchema('value').optional(),
  businessModel: sectionSchema('businessModel').optional(),
  team: sectionSchema('team').optional(),
});
export type SectionsPatch = z.infer<typeof sectionsPatchSchema>;

export function emptySections(): ProjectSections {
  return Object.fromEntries(
    Object.entries(sectionFields).map(([key, s]) => [key, Object.fromEntries(Object.keys(s.fields).map((f) => [f, '']))]),
  ) as unknown as ProjectSections;
}

export function mergeSections(base: ProjectSections, patch: SectionsPatch | undefined): ProjectSections {
  const merged = structuredClone(base) as unknown as Record<string, Record<string, string>>;
  for (const [key, fields] of Object.entries(patch ?? {})) {
    for (const [name, value] of Object.entries(fields ?? {})) {
      if (typeof value === 'string') merged[key]![name] = value;
    }
  }
  return merged as unknown as ProjectSections;
}

export const materialCategories = {
  qualification: { label: '资质证明', required: true },
  responsibility: { label: '申报主体责任声明', required: true },
  audit: { label: '财务审计', required: false },
  credit: { label: '信用情况证明', required: false },
  ip: { label: '知识产权证明', required: false },
  video: { label: '演示视频', required: false },
  other: { label: '其他材料', required: false },
} as const satisfies Record<MaterialCategory, { label: string; required: boolean }>;
export const materialCategoryEnum = z.enum(Object.keys(materialCategories) as [MaterialCategory, ...MaterialCategory[]], {
  message: '请选择材料类别',
});

/** What still stands between a draft and submission, as keys the editor can point at. */
export function missingItems(sections: ProjectSections, materialCategoriesPresent: Set<string>): { key: string; label: string }[] {
  const missing: { key: string; label: string }[] = [];
  for (const [key, section] of Object.entries(sectionFields)) {
    for (const [name, [label]] of Object.entries(section.fields as Record<string, readonly [string, number]>)) {
      const value = (sections as unknown as Record<string, Record<string, string>>)[key]?.[name] ?? '';
      if (!value.trim()) missing.push({ key: `sections.${key}.${name}`, label: `${section.label}·${label}` });
    }
  }
  for (const [category, { label, required }] of Object.entries(materialCategories)) {
    if (required && !materialCategoriesPresent.has(category)) missing.push({ key: `materials.${category}`, label: `材料·${label}` });
  }
  return missing;
}

export const projectName = z.string().trim().min(2, '项目名称至少 2 个字').max(60, '项目名称最多 60 个字');

export const createProjectBody = z
  .object({
    teamId: z.uuid('团队编号格式不正确'),
    topicId: z.uuid('赛题编号格式不正确').optional(),
    demandId: z.uuid('需求编号格式不正确').optional(),
    name: projectName,
    sections: sectionsPatchSchema.optional(),
  })
  .refine((b) => !!b.topicId !== !!b.demandId, { message: '请选择一个赛题或一个企业需求子赛题（只能选一个）', path: ['topicId'] });

export const updateProjectBody = z.object({
  name: projectName.optional(),
  topicId: z.uuid().optional(),
  demandId: z.uuid().optional(),
  sections: sectionsPatchSchema.optional(),
  /** The version the client edited; a stale one is refused (two editors, one autosave each). */
  version: z.number().int().min(1).max(INT32_MAX, '版本号超出范围').optional(),
});

export const withdrawBody = z.object({ reason: z.string().trim().max(500).optional() }).optional();

export const complianceBody = z
  .object({
    decision: z.enum(['eligible', 'ineligible'], { message: '请选择审查结论' }),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((b) => b.decision === 'eligible' || (b.reason && b.reason.length >= 2), {
    message: '判定不合规时必须填写理由',
    path: ['reason'],
  });

export const listProjectsQuery = paginationQuery.extend({
  mine: z.enum(['1', 'true']).optional(),
  editionId: z.uuid().optional(),
  status: z.enum(['draft', 'submitted', 'withdrawn']).optional(),
  compliance: z.enum(['pending', 'eligible', 'ineligible']).optional(),
});

export const complianceQueueQuery = paginationQuery.extend({
  editionId: z.uuid().optional(),
  compliance: z.enum(['pending', 'eligible', 'ineligible']).optional(),
});

export const materialParams = z.object({ id: z.uuid('编号格式不正确'), materialId: z.uuid('编号格式不正确') });

const sectionsOut = z.object({
  overview: z.record(z.string(), z.string()),
  solution: z.record(z.string(), z.string()),
  value: z.record(z.string(), z.string()),
  businessModel: z.record(z.string(), z.string()),
  team: z.record(z.string(), z.string()),
});

export const targetSchema = z.object({
  kind: z.enum(['topic', 'demand']),
  topicId: z.uuid(),
  topicTitle: z.string(),
  trackId: z.uuid(),
  trackName: z.string(),
  governmentAllowed: z.boolean(),
  demandId: z.uuid().nullable(),
  demandTitle: z.string().nullable(),
  demandBidDeadline: z.string().nullable(),
  enterpriseName: z.string().nullable(),
});

export const materialSchema = z.object({
  id: z.uuid(),
  category: materialCategoryEnum,
  categoryLabel: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedBy: z.uuid(),
});

const complianceSchema = z
  .object({ status: z.enum(['pending', 'eligible', 'ineligible']), reason: z.string().nullable(), decidedAt: z.string().nullable() })
  .nullable();

export const projectSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(['draft', 'submitted', 'withdrawn']),
  teamId: z.uuid(),
  teamName: z.string(),
  editionId: z.uuid(),
  target: targetSchema,
  submittedVersion: z.number().nullable(),
  submittedAt: z.string().nullable(),
  compliance: complianceSchema,
  updatedAt: z.string(),
});

export const projectSchema = projectSummarySchema.extend({
  team: z.object({
    id: z.uuid(),
    name: z.string(),
    orgs: z.array(z.object({ id: z.uuid(), name: z.string(), kind: orgKindSchema, role: z.enum(['lead', 'co_applicant']) })),
  }),
  version: z.number(),
  sections: sectionsOut,
  materials: z.array(materialSchema),
  hasUnsubmittedChanges: z.boolean(),
  withdrawnAt: z.string().nullable(),
  checklist: z.object({ complete: z.boolean(), missing: z.array(z.object({ key: z.string(), label: z.string() })) }),
  submission: z.object({ start: z.string(), end: z.string() }),
  /** What this viewer sees: the team's working copy, or the latest submitted version. */
  view: z.enum(['working', 'submitted']),
  canEdit: z.boolean(),
  createdAt: z.string(),
});

export const versionSchema = z.object({
  version: z.number(),
  name: z.string(),
  submittedAt: z.string(),
  submittedBy: z.object({ id: z.uuid(), displayName: z.string() }),
  materialCount: z.number(),
});

export const complianceCheckSchema = z.object({ key: z.string(), label: z.string(), passed: z.boolean(), message: z.string() });

export const versionParams = z.object({
  id: z.uuid('编号格式不正确'),
  version: z.coerce.number().int().min(1, '版本号从 1 开始').max(INT32_MAX, '版本号超出范围'),
});
export const versionDetailSchema = versionSchema.extend({ sections: sectionsOut, materials: z.array(materialSchema) });
