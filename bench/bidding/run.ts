/**
 * Bidding benchmark: npm run bench:bidding  (BENCH_PROJECTS=1000 by default)
 *
 * Generates BENCH_PROJECTS teams, each with a representative, a submitted project
 * (version 1) and two materials, in a fresh embedded PostgreSQL (or DATABASE_URL), then
 * measures through HTTP, signed in as the demo committee:
 * - GET /api/projects/compliance-queue (the committee's 资格审查 queue, one page),
 * - GET /api/projects?editionId=… (the committee's list of every project),
 * - GET /api/projects/:id (one project, as the committee reads it),
 * - GET /api/teams?editionId=… (every team of the edition, unpaged: the 参赛团队 page),
 * each as p50/p95 and as a ratio to GET /api/health measured the same way.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import type { DB } from '@jb/api/db/database.ts';
import { migrateToLatest } from '@jb/api/db/migrate.ts';
import { seedDemo } from '@jb/api/seed/demo.ts';
import { measure, openBenchDatabase, round, seedBenchTeams, startBenchApp } from '../support.ts';

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 1000);
const log = (...args: unknown[]) => console.log(...args);

async function generate(db: DB, editionId: string) {
  const topics = await db
    .selectFrom('topics')
    .innerJoin('tracks', 'tracks.id', 'topics.track_id')
    .select('topics.id')
    .where('tracks.edition_id', '=', editionId)
    .execute();
  const { password_hash } = await db
    .selectFrom('users')
    .select('password_hash')
    .where('email', '=', 'team1@demo.cn')
    .executeTakeFirstOrThrow();
  const sections = JSON.stringify({
    overview: { background: '基准测试项目背景'.repeat(20), industry: '制造业', advantages: '核心优势'.repeat(40) },
    solution: {
      architecture: '架构'.repeat(200),
      features: '功能'.repeat(200),
      keyTechnologies: '关键技术'.repeat(100),
      dataUsage: '数据'.repeat(200),
    },
    value: { cases: '案例'.repeat(200), economicBenefit: '经济'.repeat(100), socialBenefit: '社会'.repeat(100) },
    businessModel: { promotion: '推广'.repeat(100), market: '市场'.repeat(100) },
    team: { experience: '履历'.repeat(200), qualifications: '资质'.repeat(100) },
  });
  const batch = 250;
  for (let start = 0; start < PROJECTS; start += batch) {
    const n = Math.min(batch, PROJECTS - start);
    const rows = Array.from({ length: n }, (_, k) => {
      const i = start + k;
      return {
        user: randomUUID(),
        org: randomUUID(),
        team: randomUUID(),
        project: randomUUID(),
        materials: [randomUUID(), randomUUID()],
        i,
        topic: topics[i % topics.length]!.id,
      };
    });
    await db.transaction().execute(async (trx) => {
      await seedBenchTeams(trx, editionId, rows, {
        passwordHash: password_hash,
        email: (i) => `bench${i}@bench.cn`,
        creditPrefix: '91130100BENCH',
        blacklisted: (i) => i % 50 === 0,
      });
      await trx
        .insertInto('projects')
        .values(
          rows.map((r) => ({
            id: r.project,
            team_id: r.team,
            edition_id: editionId,
            topic_id: r.topic,
            name: `基准项目${r.i}`,
            sections,
            status: 'submitted' as const,
            submitted_version: 1,
            submitted_at: new Date(Date.now() - r.i * 1000),
            compliance_status: r.i % 3 === 0 ? ('eligible' as const) : ('pending' as const),
            created_by: r.user,
          })),
        )
        .execute();
      await trx
        .insertInto('project_materials')
        .values(
          rows.flatMap((r) =>
            r.materials.map((id, m) => ({
              id,
              project_id: r.project,
              category: m === 0 ? ('qualification' as const) : ('responsibility' as const),
              file_name: `材料${m}.pdf`,
              mime_type: 'application/pdf',
              size: 1000,
              sha256: '0'.repeat(64),
              uploaded_by: r.user,
            })),
          ),
        )
        .execute();
      await trx
        .insertInto('project_versions')
        .values(
          rows.map((r) => ({
            project_id: r.project,
            version: 1,
            name: `基准项目${r.i}`,
            sections,
            material_ids: r.materials,
            submitted_by: r.user,
          })),
        )
        .execute();
    });
  }
  await sql`analyze`.execute(db);
}

async function main() {
  log(`bidding benchmark: ${PROJECTS} submitted projects, ${os.cpus().length} cores, node ${process.version}`);
  const { db, close } = await openBenchDatabase();
  try {
    await migrateToLatest(db);
    const { editionId } = await seedDemo(db);
    const t0 = performance.now();
    await generate(db, editionId);
    log(`  generation: ${round((performance.now() - t0) / 1000)} s`);
    const { app, baseUrl, headers } = await startBenchApp(db);
    const projectIds = (await db.selectFrom('projects').select('id').execute()).map((r) => r.id);
    let k = 0;
    const routes: Record<string, () => string> = {
      'GET /api/projects/compliance-queue': () => `/api/projects/compliance-queue?editionId=${editionId}`,
      'GET /api/projects?editionId=': () => `/api/projects?editionId=${editionId}`,
      'GET /api/projects/:id': () => `/api/projects/${projectIds[k++ % projectIds.length]}`,
      // The committee's 参赛团队 page: every team of the edition, unpaged.
      'GET /api/teams?editionId=': () => `/api/teams?editionId=${editionId}`,
    };
    const probe = (await (await fetch(baseUrl + routes['GET /api/projects/compliance-queue']!(), { headers })).json()) as {
      items: unknown[];
      total?: number;
    };
    log(`  queue answer: ${probe.items.length} items${probe.total !== undefined ? ` of ${probe.total}` : ''}`);
    const baseline = await measure(baseUrl, () => '/api/health', 100, 1, headers);
    const results: Record<string, unknown> = { baseline };
    log(`  baseline GET /api/health: p50 ${baseline.p50} ms, p95 ${baseline.p95} ms`);
    for (const [name, route] of Object.entries(routes)) {
      await measure(baseUrl, route, 5, 1, headers); // warm-up
      const r = await measure(baseUrl, route, name.endsWith(':id') ? 200 : 30, 1, headers);
      results[name] = r;
      log(`  ${name}: p50 ${r.p50} ms, p95 ${r.p95} ms (p95 = ${round(r.p95 / baseline.p50)}× baseline p50)`);
    }
    await app.close();
    log(JSON.stringify({ projects: PROJECTS, ...results }));
  } finally {
    await close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
