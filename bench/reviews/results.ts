/**
 * Results-endpoint benchmark: npm run bench:reviews-results
 *
 * In a fresh embedded PostgreSQL (or DATABASE_URL): the demo, then BENCH_PROJECTS (5,000)
 * eligible submitted projects in the Hebei edition (40 % of them bids on the 20 demo
 * sub-topics, the rest on regular topics), BENCH_EXPERTS (300) experts, one open round
 * holding every project, 3 submitted expert scores per project and the enterprise's score
 * on every bid. Measures GET /api/review-rounds/:id/results (the whole round, and one
 * track) over HTTP as the committee: p50/p95 and the ratio to GET /api/health measured
 * the same way. Prints the answer's size and checks that every project has a total.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import type { DB } from '@jb/api/db/database.ts';
import { migrateToLatest } from '@jb/api/db/migrate.ts';
import { seedDemo } from '@jb/api/seed/demo.ts';
import { computeResults } from '@jb/api/modules/reviews/compute-results.ts';
import { measure, openBenchDatabase, round, seedBenchTeams, startBenchApp } from '../support.ts';

const PROJECTS = Number(process.env.BENCH_PROJECTS ?? 5000);
const EXPERTS = Number(process.env.BENCH_EXPERTS ?? 300);
const PER_PROJECT = 3;
const log = (...args: unknown[]) => console.log(...args);

async function generate(db: DB, editionId: string) {
  const topics = await db
    .selectFrom('topics')
    .innerJoin('tracks', 'tracks.id', 'topics.track_id')
    .select('topics.id')
    .where('tracks.edition_id', '=', editionId)
    .execute();
  const demands = await db
    .selectFrom('demands')
    .innerJoin('org_members', (j) => j.onRef('org_members.org_id', '=', 'demands.org_id').on('org_members.role', '=', 'admin'))
    .select(['demands.id', 'demands.topic_id', 'org_members.user_id'])
    .where('demands.edition_id', '=', editionId)
    .execute();
  const committee = await db
    .selectFrom('users')
    .select(['id', 'password_hash'])
    .where('email', '=', 'committee@demo.cn')
    .executeTakeFirstOrThrow();
  const experts = Array.from({ length: EXPERTS }, () => randomUUID());
  await db
    .insertInto('users')
    .values(
      experts.map((id, i) => ({
        id,
        email: `expert${i}@bench.cn`,
        password_hash: committee.password_hash,
        display_name: `基准专家${i}`,
        roles: ['expert' as const],
      })),
    )
    .execute();
  await db
    .insertInto('experts')
    .values(experts.map((id) => ({ user_id: id, fields: ['工业大数据'], track_ids: [] })))
    .execute();
  const { id: roundId } = await db
    .insertInto('review_rounds')
    .values({ edition_id: editionId, stage: 'preliminary', created_by: committee.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sections = JSON.stringify({
    overview: { background: '背景', industry: '制造业', advantages: '优势' },
    solution: { architecture: '架构', features: '功能', keyTechnologies: '关键技术', dataUsage: '数据' },
    value: { cases: '案例', economicBenefit: '经济', socialBenefit: '社会' },
    businessModel: { promotion: '推广', market: '市场' },
    team: { experience: '履历', qualifications: '资质' },
  });
  const batch = 500;
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let start = 0; start < PROJECTS; start += batch) {
    const rows = Array.from({ length: Math.min(batch, PROJECTS - start) }, (_, k) => {
      const i = start + k;
      const demand = i % 5 < 2 ? demands[i % demands.length]! : null;
      return {
        i,
        user: randomUUID(),
        org: randomUUID(),
        team: randomUUID(),
        project: randomUUID(),
        demand,
        topic: demand ? demand.topic_id : topics[i % topics.length]!.id,
      };
    });
    await db.transaction().execute(async (trx) => {
      await seedBenchTeams(trx, editionId, rows, {
        passwordHash: committee.password_hash,
        email: (i) => `team${i}@bench.cn`,
        creditPrefix: '91130100REVW',
      });
      await trx
        .insertInto('projects')
        .values(
          rows.map((r) => ({
            id: r.project,
            team_id: r.team,
            edition_id: editionId,
            topic_id: r.topic,
            demand_id: r.demand?.id ?? null,
            name: `基准项目${r.i}`,
            sections,
            status: 'submitted' as const,
            submitted_version: 1,
            submitted_at: new Date(),
            compliance_status: 'eligible' as const,
            created_by: r.user,
          })),
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
            material_ids: [],
            submitted_by: r.user,
          })),
        )
        .execute();
      await trx
        .insertInto('review_round_projects')
        .values(rows.map((r) => ({ round_id: roundId, project_id: r.project, version: 1 })))
        .execute();
      const tasks = rows.flatMap((r) => {
        const first = (r.i * 7) % EXPERTS;
        const out = Array.from({ length: PER_PROJECT }, (_, e) => ({
          round_id: roundId,
          project_id: r.project,
          reviewer_id: experts[(first + e * 101) % EXPERTS]! as string,
          role: 'expert' as const,
          status: 'submitted' as const,
          total: Math.round((55 + rand() * 40) * 100) / 100,
          submitted_at: new Date(),
          scores: '{}',
        }));
        if (r.demand)
          out.push({
            round_id: roundId,
            project_id: r.project,
            reviewer_id: r.demand.user_id,
            role: 'enterprise' as never,
            status: 'submitted' as const,
            total: Math.round((50 + rand() * 45) * 100) / 100,
            submitted_at: new Date(),
            scores: '{}',
          });
        return out;
      });
      await trx.insertInto('review_tasks').values(tasks).execute();
    });
  }
  await sql`analyze`.execute(db);
  return roundId;
}

async function main() {
  log(
    `results benchmark: ${PROJECTS} projects, ${EXPERTS} experts, ${PER_PROJECT} expert scores each (+ the enterprise's on bids), ${os.cpus().length} cores, node ${process.version}`,
  );
  const { db, close } = await openBenchDatabase();
  try {
    await migrateToLatest(db);
    const { editionId } = await seedDemo(db);
    const t0 = performance.now();
    const roundId = await generate(db, editionId);
    log(`  generation: ${round((performance.now() - t0) / 1000)} s`);
    for (let i = 0; i < 3; i++) {
      const c0 = performance.now();
      await computeResults(db, roundId);
      log(`  computeResults (no HTTP, no serialisation): ${round(performance.now() - c0)} ms`);
    }
    const { app, baseUrl, headers } = await startBenchApp(db);
    const track = await db
      .selectFrom('tracks')
      .select('id')
      .where('edition_id', '=', editionId)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    const probe = await fetch(`${baseUrl}/api/review-rounds/${roundId}/results`, { headers });
    const body = await probe.text();
    const parsed = JSON.parse(body) as { items: { rawTotal: number | null; normalisedTotal: number | null }[]; outliers: unknown[] };
    log(
      `  answer: ${parsed.items.length} projects, ${parsed.items.filter((i) => i.rawTotal !== null && i.normalisedTotal !== null).length} with both totals, ${parsed.outliers.length} outliers, ${round(body.length / 1e6, 2)} MB`,
    );
    const baseline = await measure(baseUrl, () => '/api/health', 100, 1, headers);
    log(`  baseline GET /api/health: p50 ${baseline.p50} ms, p95 ${baseline.p95} ms`);
    const routes: Record<string, () => string> = {
      'GET /api/review-rounds/:id/results': () => `/api/review-rounds/${roundId}/results`,
      'GET /api/review-rounds/:id/results?trackId=': () => `/api/review-rounds/${roundId}/results?trackId=${track.id}`,
    };
    const results: Record<string, unknown> = { baseline };
    for (const [name, route] of Object.entries(routes)) {
      await measure(baseUrl, route, 2, 1, headers);
      const r = await measure(baseUrl, route, 10, 1, headers);
      results[name] = r;
      log(`  ${name}: p50 ${r.p50} ms, p95 ${r.p95} ms (p50 = ${round(r.p50 / baseline.p50)}× baseline p50)`);
    }
    await app.close();
    log(JSON.stringify({ projects: PROJECTS, experts: EXPERTS, ...results }));
  } finally {
    await close();
  }
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
