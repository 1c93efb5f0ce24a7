import type { DB } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { forbidden, notFound } from '../../errors.ts';
import { findMembership } from '../orgs/orgs.repository.ts';
import { recommendDemandsForTeam, recommendTeamsForDemand, type DemandProfile } from './algorithms/recommend.ts';
import { isOverseer } from './fair-access.ts';
import * as matching from './matching.repository.ts';
import { loadTeamForMatching, teamProfileForScoring, teamRelation } from './profiles.service.ts';
import { normalizeRegion } from './slots.ts';

/** What the scorer reads of a sub-topic: title, need, goals, acceptance and the data it opens. */
export function demandProfileForScoring(d: matching.DemandForMatching): DemandProfile {
  const c = d.content;
  const data = (c.dataScope ?? []).map((item) => `${item.name} ${item.description} ${(item.fields ?? []).join(' ')}`).join('\n');
  return {
    id: d.id,
    title: c.title,
    text: [c.title, c.businessNeed, c.techGoals, (c.acceptanceCriteria ?? []).join('\n'), data].filter(Boolean).join('\n'),
    trackId: d.track_id,
    topicId: d.topic_id,
    region: normalizeRegion(c.region ?? d.org_region),
    accessModes: [...new Set((c.dataScope ?? []).map((i) => i.accessMode))],
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** For a team: the sub-topics (and their enterprises) that fit it best. The team's own people and the overseers ask. */
export async function recommendForTeam(db: DB, user: UserRow, teamId: string, limit: number) {
  const t = await loadTeamForMatching(db, teamId);
  const r = await teamRelation(db, user, t);
  if (!(r.isMember || r.isOrgAdmin || isOverseer(user))) throw notFound('团队');
  const demands = await matching.listDemandsForMatching(db, { editionId: t.edition_id, publishedOnly: true });
  const byId = new Map(demands.map((d) => [d.id, d]));
  const recs = recommendDemandsForTeam(teamProfileForScoring(t), demands.map(demandProfileForScoring), limit);
  const items = recs.flatMap((rec) => {
    const d = byId.get(rec.id);
    if (!d) return [];
    return [
      {
        id: d.id,
        kind: 'demand' as const,
        title: d.content.title,
        orgId: d.org_id,
        orgName: d.org_name,
        trackName: d.track_name,
        topicTitle: d.topic_title,
        region: d.content.region ?? d.org_region,
        score: round(rec.score),
        reasons: rec.reasons,
        hasBid: t.project_demand_id === d.id,
      },
    ];
  });
  const enterprises = new Map<string, { orgId: string; orgName: string; score: number; demandIds: string[] }>();
  for (const item of items) {
    const e = enterprises.get(item.orgId) ?? { orgId: item.orgId, orgName: item.orgName, score: 0, demandIds: [] };
    e.score = Math.max(e.score, item.score);
    e.demandIds.push(item.id);
    enterprises.set(item.orgId, e);
  }
  return {
    for: 'team' as const,
    subject: { id: t.id, title: t.name, editionId: t.edition_id },
    items,
    enterprises: [...enterprises.values()].sort((a, b) => b.score - a.score),
  };
}

/** For a sub-topic: the teams of the edition that fit it, bidders or not. Its enterprise's members and the overseers ask. */
export async function recommendForDemand(db: DB, user: UserRow, demandId: string, limit: number) {
  const [d] = await matching.listDemandsForMatching(db, { demandIds: [demandId] });
  if (!d) throw notFound('子赛题');
  if (!isOverseer(user) && !(await findMembership(db, d.org_id, user.id))) {
    if (d.status !== 'published') throw notFound('子赛题');
    throw forbidden('只有发布该子赛题的企业和组委会可以查看推荐团队');
  }
  const teams = await matching.listTeamsForMatching(db, { editionId: d.edition_id });
  const byId = new Map(teams.map((t) => [t.id, t]));
  const recs = recommendTeamsForDemand(demandProfileForScoring(d), teams.map(teamProfileForScoring), limit);
  return {
    for: 'demand' as const,
    subject: { id: d.id, title: d.content.title, editionId: d.edition_id },
    items: recs.flatMap((rec) => {
      const t = byId.get(rec.id);
      if (!t) return [];
      return [
        {
          id: t.id,
          kind: 'team' as const,
          title: t.name,
          orgId: t.lead_org_id,
          orgName: t.lead_org_name,
          trackName: null,
          topicTitle: t.project_name ?? null,
          region: normalizeRegion(t.org_regions[0]),
          score: round(rec.score),
          reasons: rec.reasons,
          hasBid: t.project_demand_id === d.id,
        },
      ];
    }),
    enterprises: [],
  };
}
