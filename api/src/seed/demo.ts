import type { DB, Trx } from '../db/database.ts';
import type { FileStorage } from '../lib/storage/file-storage.ts';
import { seedDemoTeams } from './demo-teams.ts';
import { reviewDemoUsers, seedDemoReview } from './demo-review.ts';
import { seedDemoChat } from './demo-chat.ts';
import { seedDemoFair } from './demo-fair.ts';
import { seedDemoPublicity } from './demo-publicity.ts';
import { seedDemoTracking } from './demo-tracking.ts';
import type { EditionPhases, OrgKind, PlatformRole } from '../db/schema.ts';
import { computeCheckCharacter } from '../lib/credit-code.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import { defaultRules } from '../modules/catalog/catalog.schemas.ts';
import catalog from './data/hebei-2025-catalog.json' with { type: 'json' };
import { accountOfEnterprise, demoEnterpriseAccounts, demoEnterprises, seedDemoDemands } from './demo-demands.ts';

export const DEMO_EDITION_SLUG = 'hebei-2025';
export const DEMO_PASSWORD = 'Demo@2025';

interface DemoUser {
  email: string;
  displayName: string;
  roles: PlatformRole[];
}

/** Demo accounts; the README lists them. Every one uses DEMO_PASSWORD. */
export const demoUsers: DemoUser[] = [
  { email: 'committee@demo.cn', displayName: '王敏（组委会秘书处）', roles: ['committee'] },
  { email: 'supervisor@demo.cn', displayName: '李强（监督委员会）', roles: ['supervisor'] },
  { email: 'expert1@demo.cn', displayName: '张华（评审专家）', roles: ['expert'] },
  { email: 'expert2@demo.cn', displayName: '陈静（评审专家）', roles: ['expert'] },
  { email: 'enterprise1@demo.cn', displayName: '赵磊（冀中钢铁）', roles: [] },
  { email: 'enterprise2@demo.cn', displayName: '孙婷（华北医疗器械）', roles: [] },
  { email: 'team1@demo.cn', displayName: '周凯（燕赵数智）', roles: [] },
  { email: 'team2@demo.cn', displayName: '吴芳（河北理工数据科学研究院）', roles: [] },
];

interface DemoOrg {
  key: string;
  name: string;
  kind: OrgKind;
  region: string;
  admin: string;
  members: string[];
}

/** Demo organisations (fictional, marked 演示). Credit codes are generated with a valid check character. */
export const demoOrgs: DemoOrg[] = [
  {
    key: '000001',
    name: '冀中钢铁集团有限公司（演示）',
    kind: 'enterprise',
    region: '河北省石家庄市',
    admin: 'enterprise1@demo.cn',
    members: [],
  },
  {
    key: '000002',
    name: '华北医疗器械股份有限公司（演示）',
    kind: 'enterprise',
    region: '河北省保定市',
    admin: 'enterprise2@demo.cn',
    members: [],
  },
  {
    key: '000003',
    name: '燕赵数智科技有限公司（演示）',
    kind: 'enterprise',
    region: '河北省雄安新区',
    admin: 'team1@demo.cn',
    members: [],
  },
  { key: '000004', name: '河北理工数据科学研究院（演示）', kind: 'research', region: '河北省唐山市', admin: 'team2@demo.cn', members: [] },
];

export function demoCreditCode(key: string): string {
  const first17 = `91130100MA0${key}`;
  return first17 + computeCheckCharacter(first17);
}

/** The demo edition's phases, relative to the day it is seeded, so a fresh demo is in registration. */
export function demoPhases(now: Date): EditionPhases {
  const day = 24 * 3600 * 1000;
  const startOfToday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 8 * 3600 * 1000; // 00:00 Beijing
  const at = (d: number) => new Date(startOfToday + d * day).toISOString();
  const window = (from: number, to: number) => ({ start: at(from), end: new Date(startOfToday + (to + 1) * day - 1000).toISOString() });
  return {
    registration: window(-7, 30),
    submission: window(-7, 40),
    compliance: window(41, 45),
    preliminaryReview: window(46, 55),
    verification: window(56, 60),
    final: window(61, 63),
    dockingFair: window(61, 63),
    publicity: window(64, 70),
  };
}

/** Idempotent: running it again changes nothing that exists. */
/** With `storage`, also a demo team with a submitted project (its materials are files). */
export async function seedDemo(db: DB, now = new Date(), options: { storage?: FileStorage } = {}): Promise<{ editionId: string }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    const userIds = new Map<string, string>();
    for (const user of [...demoUsers, ...demoEnterpriseAccounts.map((a) => ({ ...a, roles: [] as PlatformRole[] })), ...reviewDemoUsers]) {
      await trx
        .insertInto('users')
        .values({ email: user.email, password_hash: passwordHash, display_name: user.displayName, roles: user.roles })
        .onConflict((oc) => oc.column('email').doNothing())
        .execute();
      const row = await trx.selectFrom('users').select('id').where('email', '=', user.email).executeTakeFirstOrThrow();
      userIds.set(user.email, row.id);
    }
    const orgIds = new Map<string, string>();
    for (const org of demoOrgs) orgIds.set(org.key, await seedOrg(trx, org, userIds));
    const editionId = await seedEdition(trx, now);

    const orgIdByKey = new Map<string, string>();
    for (const [i, enterprise] of demoEnterprises.entries()) {
      const known = demoOrgs.find((o) => o.name === enterprise.name);
      const orgId = known
        ? orgIds.get(known.key)!
        : await seedOrg(
            trx,
            {
              key: String(100 + i).padStart(6, '0'),
              name: enterprise.name,
              kind: 'enterprise',
              region: enterprise.region,
              admin: accountOfEnterprise(enterprise.key),
              members: [],
            },
            userIds,
          );
      orgIdByKey.set(enterprise.key, orgId);
    }
    await seedDemoDemands(trx, { editionId, committeeId: userIds.get('committee@demo.cn')!, orgIdByKey, userIdByEmail: userIds, now });
    if (options.storage) await seedDemoTeams(trx, { editionId, userIdByEmail: userIds, storage: options.storage, now });
    // Joint review: a second edition (益阳) in its preliminary review, with tasks for the experts and enterprise1.
    await seedDemoReview(trx, {
      userIdByEmail: userIds,
      seedOrg: (org) => seedOrg(trx, org, userIds),
      enterpriseOrgId: orgIds.get('000001')!,
      storage: options.storage,
      now,
    });
    await seedDemoChat(trx, { editionId, userIdByEmail: userIds, now });
    // 供需对接会 (issue 13): more Hebei teams with projects, the fair, requests and a schedule.
    await seedDemoFair(trx, { editionId, userIdByEmail: userIds, passwordHash, creditCode: demoCreditCode });
    // 公示、举报与反馈 (issue 14): a past edition with published results and a closed publicity.
    await seedDemoPublicity(trx, {
      userIdByEmail: userIds,
      orgIdByCreditCode: async (key) =>
        (await trx.selectFrom('organizations').select('id').where('credit_code', '=', demoCreditCode(key)).executeTakeFirstOrThrow()).id,
      enterpriseOrgId: orgIdByKey.get('E05')!,
      storage: options.storage,
      now,
    });
    // 事后效果追踪 (issue 15): a running implementation, an accepted one with effect reports and a published case.
    await seedDemoTracking(trx, { editionId, userIdByEmail: userIds, storage: options.storage, now });
    return { editionId };
  });
}

async function seedOrg(trx: Trx, org: DemoOrg, userIds: Map<string, string>): Promise<string> {
  const creditCode = demoCreditCode(org.key);
  const adminId = userIds.get(org.admin)!;
  await trx
    .insertInto('organizations')
    .values({ name: org.name, credit_code: creditCode, kind: org.kind, region: org.region, created_by: adminId })
    .onConflict((oc) => oc.column('credit_code').doNothing())
    .execute();
  const { id } = await trx.selectFrom('organizations').select('id').where('credit_code', '=', creditCode).executeTakeFirstOrThrow();
  const members = [{ email: org.admin, role: 'admin' as const }, ...org.members.map((email) => ({ email, role: 'member' as const }))];
  for (const member of members) {
    await trx
      .insertInto('org_members')
      .values({ org_id: id, user_id: userIds.get(member.email)!, role: member.role, added_by: adminId })
      .onConflict((oc) => oc.columns(['org_id', 'user_id']).doNothing())
      .execute();
  }
  return id;
}

async function seedEdition(trx: Trx, now: Date): Promise<string> {
  const existing = await trx.selectFrom('editions').select('id').where('slug', '=', DEMO_EDITION_SLUG).executeTakeFirst();
  if (existing) return existing.id;
  const { edition, tracks } = catalog;
  const { id } = await trx
    .insertInto('editions')
    .values({
      slug: DEMO_EDITION_SLUG,
      name: edition.name,
      year: edition.year,
      region: edition.region,
      organizer: edition.organizer,
      description: edition.description,
      phases: JSON.stringify(demoPhases(now)),
      rules: JSON.stringify(defaultRules),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const track of tracks) {
    const { id: trackId } = await trx
      .insertInto('tracks')
      .values({
        edition_id: id,
        code: track.code,
        position: track.number,
        name: track.name,
        full_name: track.fullName,
        government_allowed: track.governmentAllowed,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('topics')
      .values(
        track.topics.map((topic) => ({ track_id: trackId, position: topic.number, title: topic.title, description: topic.description })),
      )
      .execute();
  }
  return id;
}
