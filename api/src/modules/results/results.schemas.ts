import { z } from 'zod';

/** zod schemas of the results routes: settings, advancement, finalists, decision log, awards. */

export const uuidParam = z.uuid('编号格式不正确');
export const finalistEvidenceParams = z.object({ id: uuidParam, evidenceId: uuidParam });

export const awardLevelSchema = z.enum(['first', 'second', 'third', 'special']);
export const awardStatusSchema = z.enum(['proposed', 'approved', 'revoked']);
export const finalistStatusSchema = z.enum(['pending', 'passed', 'failed', 'withdrawn']);
export const placeKindSchema = z.enum(['reserved', 'regular']);
export const advancementOutcomeSchema = z.enum(['reserved', 'regular', 'out', 'unscored']);

const ratio = z.number().min(0, '比例不能小于 0').max(1, '比例不能超过 1');
export const awardRatiosSchema = z.object({ first: ratio, second: ratio, third: ratio, special: ratio });

export const resultSettingsSchema = z.object({
  editionId: z.string(),
  advancementMode: z.enum(['total', 'ratio']),
  advancementTotal: z.number().int().nullable(),
  advancementRatio: z.number().nullable(),
  reservedRatio: z.number(),
  tieRule: z.enum(['include_ties', 'tie_break']),
  awardRatios: awardRatiosSchema,
  finalEnterpriseWeight: z.number(),
  updatedAt: z.string().nullable(),
});

export const resultSettingsBody = z
  .object({
    advancementMode: z.enum(['total', 'ratio']),
    advancementTotal: z.number().int('晋级总名额须为整数').min(1, '晋级总名额至少为 1').max(100000).nullable(),
    advancementRatio: z.number().gt(0, '晋级比例须大于 0').max(1, '晋级比例不能超过 1').nullable(),
    reservedRatio: ratio,
    tieRule: z.enum(['include_ties', 'tie_break']),
    awardRatios: awardRatiosSchema,
    finalEnterpriseWeight: z.number().min(0, '企业权重不能小于 0').max(100, '企业权重不能超过 100'),
  })
  .partial();

const rankedEntrySchema = z.object({
  projectId: z.string(),
  projectName: z.string(),
  teamName: z.string(),
  demandId: z.string().nullable(),
  demandTitle: z.string().nullable(),
  kind: z.enum(['subTopic', 'regular']),
  rank: z.number().nullable(),
  total: z.number().nullable(),
  submittedAt: z.string(),
  outcome: advancementOutcomeSchema,
  tieExtra: z.boolean(),
});

const trackComputationSchema = z.object({
  trackId: z.string(),
  trackName: z.string(),
  eligible: z.number(),
  subTopicEligible: z.number(),
  unscored: z.number(),
  exactQuota: z.number(),
  floorQuota: z.number(),
  remainder: z.number(),
  remainderPlace: z.boolean(),
  quota: z.number(),
  reservedPlaces: z.number(),
  regularPlaces: z.number(),
  reservedCutoff: z.number().nullable(),
  regularCutoff: z.number().nullable(),
  tieExtras: z.number(),
  admitted: z.number(),
  ranking: z.array(rankedEntrySchema),
});

export const advancementSchema = z.object({
  id: z.string(),
  editionId: z.string(),
  roundId: z.string(),
  status: z.enum(['proposed', 'confirmed']),
  computationHash: z.string(),
  computedAt: z.string(),
  confirmedAt: z.string().nullable(),
  stale: z.boolean(),
  computation: z.object({
    settings: z.object({
      mode: z.enum(['total', 'ratio']),
      total: z.number().nullable(),
      ratio: z.number().nullable(),
      reservedRatio: z.number(),
      tieRule: z.enum(['include_ties', 'tie_break']),
    }),
    roundId: z.string(),
    snapshotHash: z.string().nullable(),
    rankBy: z.enum(['raw', 'normalised']),
    rules: z.array(z.string()),
    eligible: z.number(),
    totalPlaces: z.number(),
    totalSource: z.string(),
    placesFromFloors: z.number(),
    placesByRemainder: z.number(),
    admitted: z.number(),
    tracks: z.array(trackComputationSchema),
  }),
});

export const evidenceSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  sha256: z.string(),
  note: z.string(),
  uploadedAt: z.string(),
});

/** What names a finalist or an award: its project, team, track and (for a sub-topic) the demand and its enterprise. */
const projectEntryFields = {
  id: z.string(),
  projectId: z.string(),
  projectName: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  trackId: z.string(),
  trackName: z.string(),
  demandId: z.string().nullable(),
  demandTitle: z.string().nullable(),
  enterpriseName: z.string().nullable(),
};

export const finalistSchema = z.object({
  ...projectEntryFields,
  placeKind: placeKindSchema,
  source: z.enum(['initial', 'backfill']),
  status: finalistStatusSchema,
  preliminaryRank: z.number(),
  preliminaryScore: z.number().nullable(),
  replacesFinalistId: z.string().nullable(),
  verificationReason: z.string().nullable(),
  verifiedByName: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  evidenceRequest: z.string().nullable(),
  evidenceRequestedAt: z.string().nullable(),
  evidence: z.array(evidenceSchema),
});

export const myFinalistSchema = z.object({
  finalist: z
    .object({
      id: z.string(),
      status: finalistStatusSchema,
      placeKind: placeKindSchema,
      source: z.enum(['initial', 'backfill']),
      preliminaryRank: z.number(),
      verificationReason: z.string().nullable(),
      verifiedAt: z.string().nullable(),
      evidenceRequest: z.string().nullable(),
      evidenceRequestedAt: z.string().nullable(),
      evidence: z.array(evidenceSchema),
    })
    .nullable(),
});

export const verificationBody = z.object({
  passed: z.boolean({ error: '请选择核验结论（通过或不通过）' }),
  reason: z.string().trim().max(1000, '理由不能超过 1000 字').optional(),
});
export const evidenceRequestBody = z.object({ note: z.string().trim().min(2, '请说明需要补充的验证材料').max(1000) });

export const decisionSchema = z.object({
  id: z.number(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  data: z.unknown(),
  reason: z.string().nullable(),
});
export const decisionLogQuery = z.object({
  subjectType: z.string().max(40).optional(),
  subjectId: z.string().max(80).optional(),
  afterId: z.coerce.number().int().min(0).optional(),
});

export const awardSchema = z.object({
  ...projectEntryFields,
  level: awardLevelSchema,
  proposedLevel: z.enum(['first', 'second', 'third', 'special', 'none']),
  status: awardStatusSchema,
  finalRank: z.number().nullable(),
  finalScore: z.number().nullable(),
  priorityRecommendation: z.boolean(),
  adjustedReason: z.string().nullable(),
  adjustedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedReason: z.string().nullable(),
  reportId: z.string().nullable(),
  replacesAwardId: z.string().nullable(),
  freedPlace: z.enum(['moved', 'vacant']).nullable(),
});
export const awardsSchema = z.object({
  editionId: z.string(),
  locked: z.boolean(),
  counts: z.object({ proposed: z.number(), approved: z.number(), revoked: z.number() }),
  items: z.array(awardSchema),
});
export const adjustAwardBody = z.object({
  projectId: z.uuid('编号格式不正确'),
  level: z.enum(['first', 'second', 'third', 'special', 'none']),
  reason: z.string().trim().min(2, '调整奖项须填写理由').max(1000),
});
export const reassignBody = z.object({
  moveToNext: z.boolean({ error: '请选择是否由下一名递补' }),
  reason: z.string().trim().min(2, '须填写决定理由').max(1000),
});
