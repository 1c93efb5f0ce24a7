import type { Executor } from '../../db/database.ts';
import * as experts from './experts.repository.ts';
import * as repo from './reviews.repository.ts';

/**
 * 利益相关性审查: who may not review which project, with the evidence.
 *
 * A reviewer is in conflict with a project when
 * - `team_member`: they represent the project's team;
 * - `org_member`: they are a member, on the platform, of one of the team's organisations
 *   or of an organisation linked to one (parent / subsidiary / holding, one link away,
 *   either direction);
 * - `affiliation`: an affiliation of theirs (employer, adviser, shareholder, co-author…)
 *   with such an organisation is current or ended less than 3 years ago (`to` ≥ now − 3 years);
 * - `demand_enterprise`: they are an expert affiliated (same window) with, or a member of,
 *   the enterprise of the sub-topic the project bids on (or an organisation linked to it):
 *   then every bid on that sub-topic;
 * - `declared`: they declared a conflict on the task (stored when declared, never recomputed).
 * Each finding keeps what proves it (which affiliation or membership, its dates, which link).
 */
export const YEARS_WINDOW = 3;

export interface ConflictFacts {
  now: Date;
  projects: { id: string; demandId: string | null; demandOrgId: string | null }[];
  teamOrgs: { projectId: string; orgId: string; orgName: string }[];
  teamMembers: { projectId: string; userId: string; joinedAt: Date }[];
  orgMembers: { orgId: string; orgName: string; userId: string; role: string; since: Date }[];
  links: { id: string; orgId: string; linkedOrgId: string; relation: string; orgName: string; linkedOrgName: string }[];
  affiliations: { id: string; userId: string; orgId: string | null; orgName: string; relation: string; from: string; to: string | null }[];
  orgNames: Map<string, string>;
  /** Reviewers considered: pool experts and the enterprises' reviewers (userId → the demands they review for). */
  reviewers: { userId: string; enterpriseFor: Set<string> }[];
}

interface Reach {
  orgId: string;
  orgName: string;
  via: { linkId: string; relation: string; fromOrgId: string; fromOrgName: string } | null;
}

const relationLabel: Record<string, string> = { parent: '母公司', subsidiary: '子公司', holding: '控股' };

export function windowStart(now: Date): string {
  const d = new Date(now.getTime() + 8 * 3600 * 1000);
  d.setUTCFullYear(d.getUTCFullYear() - YEARS_WINDOW);
  return d.toISOString().slice(0, 10);
}

/** Pure: every conflict the facts prove. */
export function findConflicts(f: ConflictFacts): repo.ConflictValues[] {
  const since = windowStart(f.now);
  const linksOf = new Map<string, Reach[]>();
  for (const l of f.links) {
    linksOf.set(l.orgId, [
      ...(linksOf.get(l.orgId) ?? []),
      {
        orgId: l.linkedOrgId,
        orgName: l.linkedOrgName,
        via: { linkId: l.id, relation: l.relation, fromOrgId: l.orgId, fromOrgName: l.orgName },
      },
    ]);
    linksOf.set(l.linkedOrgId, [
      ...(linksOf.get(l.linkedOrgId) ?? []),
      {
        orgId: l.orgId,
        orgName: l.orgName,
        via: { linkId: l.id, relation: l.relation, fromOrgId: l.linkedOrgId, fromOrgName: l.linkedOrgName },
      },
    ]);
  }
  const reach = (orgId: string, orgName: string): Reach[] => [{ orgId, orgName, via: null }, ...(linksOf.get(orgId) ?? [])];
  const viaText = (r: Reach) =>
    r.via ? `（与参赛单位 ${r.via.fromOrgName} 存在${relationLabel[r.via.relation] ?? r.via.relation}关系）` : '';

  const affByUser = new Map<string, ConflictFacts['affiliations']>();
  for (const a of f.affiliations) if (!a.to || a.to >= since) affByUser.set(a.userId, [...(affByUser.get(a.userId) ?? []), a]);
  const membersByOrg = new Map<string, ConflictFacts['orgMembers']>();
  for (const m of f.orgMembers) membersByOrg.set(m.orgId, [...(membersByOrg.get(m.orgId) ?? []), m]);
  const teamOrgsByProject = new Map<string, ConflictFacts['teamOrgs']>();
  for (const o of f.teamOrgs) teamOrgsByProject.set(o.projectId, [...(teamOrgsByProject.get(o.projectId) ?? []), o]);
  const reviewerIds = new Set(f.reviewers.map((r) => r.userId));
  const enterpriseFor = new Map(f.reviewers.map((r) => [r.userId, r.enterpriseFor]));

  const out: repo.ConflictValues[] = [];

  const membersOfProject = new Map<string, ConflictFacts['teamMembers']>();
  for (const m of f.teamMembers) membersOfProject.set(m.projectId, [...(membersOfProject.get(m.projectId) ?? []), m]);
  // Affiliations by organisation id and by name (an affiliation may name an organisation not on the platform).
  const affByOrg = new Map<string, ConflictFacts['affiliations']>();
  for (const list of affByUser.values()) {
    for (const a of list) {
      const key = a.orgId ? `id:${a.orgId}` : `name:${a.orgName}`;
      affByOrg.set(key, [...(affByOrg.get(key) ?? []), a]);
    }
  }
  const affsWith = (orgId: string, orgName: string) => [...(affByOrg.get(`id:${orgId}`) ?? []), ...(affByOrg.get(`name:${orgName}`) ?? [])];

  for (const p of f.projects) {
    for (const m of membersOfProject.get(p.id) ?? []) {
      if (!reviewerIds.has(m.userId)) continue;
      out.push({
        reviewerId: m.userId,
        projectId: p.id,
        source: 'team_member',
        evidenceKey: 'team',
        evidence: { summary: '本人是该项目参赛团队的参赛代表', joinedAt: m.joinedAt.toISOString() },
      });
    }
    const reached = (teamOrgsByProject.get(p.id) ?? []).flatMap((o) => reach(o.orgId, o.orgName));
    for (const r of reached) {
      for (const m of membersByOrg.get(r.orgId) ?? []) {
        if (!reviewerIds.has(m.userId)) continue;
        out.push({
          reviewerId: m.userId,
          projectId: p.id,
          source: 'org_member',
          evidenceKey: `member:${r.orgId}:${r.via?.linkId ?? '-'}`,
          evidence: {
            summary: `本人是 ${r.orgName} 的平台成员${viaText(r)}`,
            orgId: r.orgId,
            orgName: r.orgName,
            role: m.role,
            since: m.since.toISOString(),
            via: r.via,
          },
        });
      }
      {
        for (const a of affsWith(r.orgId, r.orgName)) {
          if (!reviewerIds.has(a.userId)) continue;
          out.push({
            reviewerId: a.userId,
            projectId: p.id,
            source: 'affiliation',
            evidenceKey: `aff:${a.id}:${r.orgId}:${r.via?.linkId ?? '-'}`,
            evidence: {
              summary: `${a.from} 至 ${a.to ?? '今'} 与 ${r.orgName} 存在关联（${a.relation}）${viaText(r)}`,
              affiliationId: a.id,
              orgId: r.orgId,
              orgName: r.orgName,
              relation: a.relation,
              from: a.from,
              to: a.to,
              via: r.via,
            },
          });
        }
      }
    }
    if (p.demandId && p.demandOrgId) {
      const enterpriseReach = reach(p.demandOrgId, f.orgNames.get(p.demandOrgId) ?? '');
      // the enterprise's own reviewers score demand fit; anyone else linked to the enterprise is out
      const outsider = (userId: string) => reviewerIds.has(userId) && !enterpriseFor.get(userId)?.has(p.demandId!);
      {
        for (const r of enterpriseReach) {
          for (const m of membersByOrg.get(r.orgId) ?? []) {
            if (!outsider(m.userId)) continue;
            const userId = m.userId;
            out.push({
              reviewerId: userId,
              projectId: p.id,
              source: 'demand_enterprise',
              evidenceKey: `demand:${p.demandId}:member:${r.orgId}`,
              evidence: {
                summary: `本人是该子赛题发布企业 ${r.orgName} 的平台成员${viaText(r)}`,
                demandId: p.demandId,
                orgId: r.orgId,
                orgName: r.orgName,
                role: m.role,
                via: r.via,
              },
            });
          }
          for (const a of affsWith(r.orgId, r.orgName)) {
            if (!outsider(a.userId)) continue;
            out.push({
              reviewerId: a.userId,
              projectId: p.id,
              source: 'demand_enterprise',
              evidenceKey: `demand:${p.demandId}:aff:${a.id}:${r.orgId}`,
              evidence: {
                summary: `${a.from} 至 ${a.to ?? '今'} 与该子赛题发布企业 ${r.orgName} 存在关联（${a.relation}），与该子赛题全部揭榜方案存在利益相关`,
                demandId: p.demandId,
                affiliationId: a.id,
                orgId: r.orgId,
                orgName: r.orgName,
                relation: a.relation,
                from: a.from,
                to: a.to,
                via: r.via,
              },
            });
          }
        }
      }
    }
  }
  return out;
}

/** Gathers the facts of a round, computes its conflicts and saves them (dismissals and declarations kept). */
export async function computeConflicts(db: Executor, roundId: string, now: Date) {
  const projects = await repo.roundProjects(db, roundId);
  const projectIds = projects.map((p) => p.id);
  const teamOrgs = await repo.teamOrgsOfProjects(db, projectIds);
  const demandOrgIds = [...new Set(projects.map((p) => p.demand_org_id).filter((x): x is string => !!x))];
  const baseOrgIds = [...new Set([...teamOrgs.map((o) => o.org_id), ...demandOrgIds])];
  const links = await experts.listOrgLinks(db, baseOrgIds);
  const allOrgIds = [...new Set([...baseOrgIds, ...links.flatMap((l) => [l.org_id, l.linked_org_id])])];
  const pool = await experts.listExperts(db);
  const demandIds = [...new Set(projects.map((p) => p.demand_id).filter((x): x is string => !!x))];
  const enterpriseReviewers = await experts.demandReviewerIds(db, demandIds);
  const reviewers = new Map<string, Set<string>>();
  for (const e of pool) reviewers.set(e.user_id, new Set());
  for (const [demandId, ids] of enterpriseReviewers)
    for (const id of ids) reviewers.set(id, (reviewers.get(id) ?? new Set()).add(demandId));
  const found = findConflicts({
    now,
    projects: projects.map((p) => ({ id: p.id, demandId: p.demand_id, demandOrgId: p.demand_org_id })),
    teamOrgs: teamOrgs.map((o) => ({ projectId: o.project_id, orgId: o.org_id, orgName: o.org_name })),
    teamMembers: (await repo.teamMembersOfProjects(db, projectIds)).map((m) => ({
      projectId: m.project_id,
      userId: m.user_id,
      joinedAt: m.joined_at,
    })),
    orgMembers: (await repo.orgMembersOf(db, allOrgIds)).map((m) => ({
      orgId: m.org_id,
      orgName: m.org_name,
      userId: m.user_id,
      role: m.role,
      since: m.created_at,
    })),
    links: links.map((l) => ({
      id: l.id,
      orgId: l.org_id,
      linkedOrgId: l.linked_org_id,
      relation: l.relation,
      orgName: l.org_name,
      linkedOrgName: l.linked_org_name,
    })),
    affiliations: (
      await experts.listAffiliations(
        db,
        pool.map((e) => e.user_id),
      )
    ).map((a) => ({
      id: a.id,
      userId: a.user_id,
      orgId: a.org_id,
      orgName: a.org_name,
      relation: a.relation,
      from: a.from_date,
      to: a.to_date,
    })),
    orgNames: await repo.orgNames(db, allOrgIds),
    reviewers: [...reviewers].map(([userId, enterpriseFor]) => ({ userId, enterpriseFor })),
  });
  await repo.saveComputedConflicts(db, roundId, found);
  return found.length;
}
