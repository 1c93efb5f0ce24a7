import { z } from 'zod';
import { funnelStages } from './dashboard.funnel.ts';

export const funnelStageSchema = z.enum(funnelStages);

const figures = z.object({ count: z.number().int(), amountWan: z.number() });
export const funnelRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  stages: z.object({
    demands: figures,
    bids: figures,
    awards: figures,
    intents: figures,
    contracts: figures,
    implementations: figures,
    accepted: figures,
  }),
  releasedWan: z.number(),
});

/** 成效看板 of one edition: the funnel in total, per track and per region, amounts in 万元. */
export const trackingDashboardSchema = z.object({
  editionId: z.uuid(),
  editionName: z.string(),
  asOf: z.string(),
  stages: z.array(z.object({ key: funnelStageSchema, label: z.string(), amountLabel: z.string().nullable() })),
  totals: funnelRowSchema,
  byTrack: z.array(funnelRowSchema),
  byRegion: z.array(funnelRowSchema),
  conversion: z.record(funnelStageSchema, z.number().nullable()),
});
