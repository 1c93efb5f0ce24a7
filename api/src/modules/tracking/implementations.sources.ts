import type { z } from 'zod';
import type { Executor } from '../../db/database.ts';
import type { ImplementationSource } from '../../db/schema.ts';
import * as repo from './implementations.repository.ts';
import type { sourceOptionSchema } from './implementations.schemas.ts';

/**
 * Where an implementation comes from: a 签约 outcome of a docking-fair meeting
 * (either side recorded 签约; the meeting not cancelled), or an approved, not revoked
 * award on a sub-topic of the enterprise. One implementation per source.
 */
export interface Source {
  source: ImplementationSource;
  sourceId: string;
  editionId: string;
  orgId: string;
  orgName: string;
  teamId: string;
  teamName: string;
  demandId: string | null;
  demandTitle: string | null;
  amountWan: number | null;
  implementationId: string | null;
  eligible: boolean;
  reason: string;
}

type SubTopicAward = NonNullable<Awaited<ReturnType<typeof repo.findSubTopicAward>>>;
const levelNames = { first: '一等奖', second: '二等奖', third: '三等奖', special: '特别奖' } as const;

function fromAward(a: SubTopicAward): Source {
  const reason =
    a.status === 'approved'
      ? ''
      : a.status === 'revoked'
        ? '该奖项已被撤销，不能据此开启落地实施'
        : '该奖项尚未经组委会审定，不能据此开启落地实施';
  return {
    source: 'award',
    sourceId: a.id,
    editionId: a.edition_id,
    orgId: a.org_id,
    orgName: a.org_name,
    teamId: a.team_id,
    teamName: a.team_name,
    demandId: a.demand_id,
    demandTitle: a.demand_title,
    amountWan: null,
    implementationId: a.implementation_id,
    eligible: a.status === 'approved',
    reason,
  };
}

type SignedMeeting = NonNullable<Awaited<ReturnType<typeof repo.findSignedMeeting>>>;

function fromMeeting(m: SignedMeeting): Source {
  return {
    source: 'fair_signing',
    sourceId: m.id,
    editionId: m.edition_id,
    orgId: m.org_id!,
    orgName: m.org_name,
    teamId: m.team_id!,
    teamName: m.team_name,
    demandId: m.demand_id,
    demandTitle: m.demand_title,
    amountWan: m.amount_wan === null ? null : Number(m.amount_wan),
    implementationId: m.implementation_id,
    eligible: m.status === 'active',
    reason: m.status === 'active' ? '' : '该会谈已取消，不能据此开启落地实施',
  };
}

export async function findSource(db: Executor, source: ImplementationSource, sourceId: string): Promise<Source | null> {
  if (source === 'fair_signing') {
    const m = await repo.findSignedMeeting(db, sourceId);
    return m ? fromMeeting(m) : null;
  }
  const a = await repo.findSubTopicAward(db, sourceId);
  return a ? fromAward(a) : null;
}

export async function listSourcesOfUser(db: Executor, userId: string): Promise<z.infer<typeof sourceOptionSchema>[]> {
  const awards = await repo.listSubTopicAwardsOfUser(db, userId);
  const meetings = (await repo.listSignedMeetingsOfUser(db, userId)).map(fromMeeting);
  const label = (s: Source) => {
    const award = awards.find((a) => a.id === s.sourceId);
    const what = award ? `获奖（${levelNames[award.level]}）` : '对接会签约';
    return `${what}：${s.teamName}${s.demandTitle ? ` ·「${s.demandTitle}」` : ''}${s.amountWan ? `（${s.amountWan} 万元）` : ''}`;
  };
  return [...awards.map(fromAward), ...meetings].map((s) => ({
    source: s.source,
    sourceId: s.sourceId,
    editionId: s.editionId,
    org: { id: s.orgId, name: s.orgName },
    team: { id: s.teamId, name: s.teamName },
    demand: s.demandId ? { id: s.demandId, name: s.demandTitle ?? '' } : null,
    amountWan: s.amountWan,
    label: label(s),
    implementationId: s.implementationId,
  }));
}
