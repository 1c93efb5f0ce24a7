import type { DB, Executor } from '../../db/database.ts';
import type { ProjectSections, UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { TeamProfile } from './algorithms/recommend.ts';
import { relationTo } from '../teams/team-access.ts';
import { listTeamOrgs } from '../teams/teams.repository.ts';
import { isOverseer } from './fair-access.ts';
import * as matching from './matching.repository.ts';
import { normalizeRegion } from './slots.ts';

/** Data capabilities a profile can name; the prefill looks for them in the project's application. */
export const knownDataCapabilities = [
  '数据治理',
  '数据清洗',
  '数据标注',
  '隐私计算',
  '联邦学习',
  '多方安全计算',
  '可信执行环境',
  '可用不可见',
  '数据安全',
  '数据脱敏',
  '知识图谱',
  '大模型',
  '机器学习',
  '深度学习',
  '数据融合',
  '数据沙箱',
  '区块链',
  '时空数据',
  '数字孪生',
  '计算机视觉',
  '自然语言处理',
  '数据可视化',
  '实时计算',
  '图数据库',
  '标识解析',
];
const accessHints: [RegExp, string][] = [
  [/沙箱|可用不可见|不出域/, 'sandbox'],
  [/API|接口/i, 'api'],
  [/下载/, 'download'],
  [/现场|驻场|本地/, 'onsite'],
];

const splitList = (s: string | undefined) =>
  (s ?? '')
    .split(/[、，,；;/\s]+/)
    .map((x) => x.trim())
    .filter((x) => x.length >= 2 && x.length <= 20);
const unique = <T>(xs: T[]) => [...new Set(xs)];

export function sectionsText(s: ProjectSections | null): string {
  if (!s) return '';
  return [s.overview, s.solution, s.value, s.businessModel, s.team]
    .flatMap((part) => Object.values(part ?? {}))
    .filter(Boolean)
    .join('\n');
}

/** The profile as saved, or filled in from the team's project application and organisations when not saved yet. */
export function profileOf(t: matching.TeamForMatching) {
  if (t.profile_team_id) {
    return {
      summary: t.summary ?? '',
      industries: t.industries ?? [],
      technologies: t.technologies ?? [],
      dataCapabilities: t.data_capabilities ?? [],
      cases: t.cases ?? '',
      regions: t.regions ?? [],
      trackIds: t.track_ids ?? [],
      accessModes: t.access_modes ?? [],
      prefilled: false,
      updatedAt: t.profile_updated_at ? new Date(t.profile_updated_at).toISOString() : null,
    };
  }
  const text = `${t.project_name ?? ''}\n${sectionsText(t.sections)}`;
  return {
    summary: t.sections?.overview?.advantages ?? '',
    industries: unique(splitList(t.sections?.overview?.industry)).slice(0, 10),
    technologies: unique(splitList(t.sections?.solution?.keyTechnologies)).slice(0, 15),
    dataCapabilities: knownDataCapabilities.filter((c) => text.includes(c)),
    cases: t.sections?.value?.cases ?? '',
    regions: unique(t.org_regions.map(normalizeRegion).filter((r): r is string => !!r)),
    trackIds: t.project_track_id ? [t.project_track_id] : [],
    accessModes: unique(accessHints.filter(([re]) => re.test(text)).map(([, m]) => m)),
    prefilled: true,
    updatedAt: null,
  };
}

/** What the scorer reads of a team: its profile and its project application, real text. */
export function teamProfileForScoring(t: matching.TeamForMatching): TeamProfile {
  const p = profileOf(t);
  const text = [
    t.project_name ?? '',
    p.summary,
    p.industries.join('、'),
    p.technologies.join('、'),
    p.dataCapabilities.join('、'),
    p.cases,
    sectionsText(t.sections),
  ]
    .filter(Boolean)
    .join('\n');
  return {
    id: t.id,
    name: t.name,
    text,
    trackIds: unique([...p.trackIds, ...(t.project_track_id ? [t.project_track_id] : [])]),
    topicIds: t.project_topic_id ? [t.project_topic_id] : [],
    regions: unique([
      ...p.regions.map((r) => normalizeRegion(r) ?? r),
      ...t.org_regions.map(normalizeRegion).filter((r): r is string => !!r),
    ]),
    dataCapabilities: p.dataCapabilities,
    preferredAccessModes: p.accessModes,
  };
}

async function loadTeam(db: Executor, teamId: string) {
  const [t] = await matching.listTeamsForMatching(db, { teamIds: [teamId] });
  if (!t) throw notFound('团队');
  return t;
}

async function relation(db: Executor, user: UserRow | null, t: matching.TeamForMatching) {
  const orgs = await listTeamOrgs(db, [t.id]);
  return relationTo(
    db,
    user,
    { id: t.id, lead_org_id: t.lead_org_id },
    orgs.map((o) => o.id),
  );
}

/** The team's own people, the overseers, and enterprises with sub-topics in the edition see a profile; others get 404. */
export async function getProfile(db: DB, user: UserRow, teamId: string) {
  const t = await loadTeam(db, teamId);
  const r = await relation(db, user, t);
  const own = r.isMember || r.isOrgAdmin;
  if (!own && !isOverseer(user) && !(await matching.isDemandOrgMemberInEdition(db, user.id, t.edition_id))) throw notFound('团队');
  return { teamId: t.id, teamName: t.name, ...profileOf(t), canEdit: r.isMember || r.isLeadOrgAdmin };
}

export async function saveProfile(
  db: DB,
  user: UserRow,
  teamId: string,
  input: {
    summary: string;
    industries: string[];
    technologies: string[];
    dataCapabilities: string[];
    cases: string;
    regions: string[];
    trackIds: string[];
    accessModes: string[];
  },
) {
  const t = await loadTeam(db, teamId);
  const r = await relation(db, user, t);
  if (!(r.isMember || r.isOrgAdmin || isOverseer(user))) throw notFound('团队');
  if (!(r.isMember || r.isLeadOrgAdmin)) throw new AppError('FORBIDDEN', '只有本团队的参赛代表可以修改能力画像');
  const editionTracks = new Set(await matching.trackIdsOfEdition(db, t.edition_id));
  const stray = input.trackIds.find((id) => !editionTracks.has(id));
  if (stray) throw new AppError('BAD_REQUEST', '所选赛道不属于本团队所在的赛事', { field: 'trackIds', trackId: stray });
  await db.transaction().execute(async (trx) => {
    await matching.upsertProfile(trx, t.id, user.id, {
      ...input,
      industries: unique(input.industries),
      technologies: unique(input.technologies),
      dataCapabilities: unique(input.dataCapabilities),
      regions: unique(input.regions),
      trackIds: unique(input.trackIds),
      accessModes: unique(input.accessModes),
    });
    await recordAudit(trx, { actorId: user.id, action: 'team.profile.saved', entityType: 'team', entityId: t.id });
  });
  return getProfile(db, user, teamId);
}

export { loadTeam as loadTeamForMatching, relation as teamRelation };
