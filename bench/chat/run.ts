/**
 * Chat benchmark: npm run bench:chat  (BENCH_CLIENTS=2000, BENCH_MESSAGES=200, BENCH_BURST=500 by default)
 *
 * Starts the real server (`api/src/main.ts`) as one process, then as two processes on
 * the same PostgreSQL (the socket.io PostgreSQL adapter between them), and for each:
 * - connects BENCH_CLIENTS socket.io clients (real `socket.io-client`, websocket), of
 *   which 50 are the members of one private channel (45 enterprise members, 5 team
 *   representatives) and the rest stay connected and idle;
 * - latency: BENCH_MESSAGES messages sent one at a time (paced, 10/s) by random members;
 *   the time from emit to `message:new` at each of the other 49 members (p50/p95);
 * - fan-out throughput: BENCH_BURST messages sent as fast as the 50 members can (each
 *   waits for its acknowledgement), deliveries per second until the last one arrived;
 * - baseline: the `message:send` acknowledgement round trip of a lone sender (p50), so the
 *   delivery figures can be read as a ratio to it.
 * With two instances the members alternate between them, so most deliveries cross the adapter.
 * Everything stops by itself (BENCH_TIMEOUT_S, default 600).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { io, type Socket } from 'socket.io-client';
import type { DB } from '@jb/api/db/database.ts';
import { freePort } from '@jb/api/db/embedded.ts';
import { migrateToLatest } from '@jb/api/db/migrate.ts';
import jwtPlugin from '@jb/api/plugins/external/jwt.ts';
import { seedDemo } from '@jb/api/seed/demo.ts';
import { openBenchDatabase, round, stats } from '../support.ts';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 200);
const BURST = Number(process.env.BENCH_BURST ?? 500);
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 600);
const ROOM = 50;
const SECRET = 'bench-chat-secret-'.padEnd(48, 'x');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const log = (...args: unknown[]) => console.log(...args);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface World {
  channelId: string;
  members: string[];
  idle: string[];
}

/** 45 members of the enterprise behind a seeded sub-topic, a team of 5 bidding on it, and idle users. */
async function generate(db: DB, editionId: string): Promise<World> {
  const demand = await db
    .selectFrom('demands')
    .select(['id', 'org_id', 'topic_id'])
    .where('edition_id', '=', editionId)
    .where('status', '=', 'published')
    .orderBy('created_at')
    .executeTakeFirstOrThrow();
  const { password_hash } = await db
    .selectFrom('users')
    .select('password_hash')
    .where('email', '=', 'team1@demo.cn')
    .executeTakeFirstOrThrow();
  const users = Array.from({ length: CLIENTS }, (_, i) => ({
    id: randomUUID(),
    email: `chat${i}@bench.cn`,
    password_hash,
    display_name: `基准用户${i}`,
  }));
  for (let i = 0; i < users.length; i += 500)
    await db
      .insertInto('users')
      .values(users.slice(i, i + 500))
      .execute();
  const enterprise = users.slice(0, 45);
  const team = users.slice(45, ROOM);
  const teamOrg = randomUUID();
  const teamId = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('org_members')
      .values(enterprise.map((u) => ({ org_id: demand.org_id, user_id: u.id, role: 'member' as const })))
      .execute();
    await trx
      .insertInto('organizations')
      .values({
        id: teamOrg,
        name: '基准团队单位',
        credit_code: '91130100BENCHCHAT0',
        kind: 'research',
        region: '河北省',
        created_by: team[0]!.id,
      })
      .execute();
    await trx
      .insertInto('org_members')
      .values(team.map((u) => ({ org_id: teamOrg, user_id: u.id, role: 'member' as const })))
      .execute();
    await trx
      .insertInto('teams')
      .values({ id: teamId, edition_id: editionId, name: '基准揭榜队', lead_org_id: teamOrg, created_by: team[0]!.id })
      .execute();
    await trx.insertInto('team_orgs').values({ team_id: teamId, org_id: teamOrg, role: 'lead' }).execute();
    await trx
      .insertInto('team_members')
      .values(
        team.map((u, k) => ({
          team_id: teamId,
          edition_id: editionId,
          user_id: u.id,
          org_id: teamOrg,
          role: k === 0 ? ('leader' as const) : ('member' as const),
        })),
      )
      .execute();
    await trx
      .insertInto('projects')
      .values({
        team_id: teamId,
        edition_id: editionId,
        topic_id: demand.topic_id,
        demand_id: demand.id,
        name: '基准项目',
        sections: '{}',
        created_by: team[0]!.id,
      })
      .execute();
  });
  const { id: channelId } = await db
    .insertInto('chat_channels')
    .values({ kind: 'private', edition_id: editionId, demand_id: demand.id, team_id: teamId })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`analyze`.execute(db);
  return { channelId, members: [...enterprise, ...team].map((u) => u.id), idle: users.slice(ROOM).map((u) => u.id) };
}

interface Server {
  url: string;
  stop(): Promise<void>;
}

async function startServer(databaseUrl: string): Promise<Server> {
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'api/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      JWT_SECRET: SECRET,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      SEED_DEMO: 'false',
      WEB_BUILD_DIR: path.join(os.tmpdir(), 'jb-bench-no-web'),
      DATA_DIR: path.join(os.tmpdir(), `jb-bench-chat-${port}`),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    if (
      await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`server not healthy:\n${output}`);
    await sleep(200);
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

function connectAll(urls: string[], tokens: string[]): Promise<Socket[]> {
  const sockets: Socket[] = [];
  const batch = 100;
  return (async () => {
    for (let i = 0; i < tokens.length; i += batch) {
      const group = tokens
        .slice(i, i + batch)
        .map((token, k) =>
          io(urls[(i + k) % urls.length]!, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false }),
        );
      await Promise.all(
        group.map(
          (s) =>
            new Promise<void>((resolve, reject) => {
              s.once('connect', () => resolve());
              s.once('connect_error', reject);
            }),
        ),
      );
      sockets.push(...group);
    }
    return sockets;
  })();
}

async function run(label: string, urls: string[], world: World, tokenOf: (id: string) => string) {
  log(`\n${label}: ${urls.length} instance(s), ${CLIENTS} clients`);
  const t0 = performance.now();
  // Members alternate between instances; idle clients too.
  const members = await connectAll(urls, world.members.map(tokenOf));
  const idle = await connectAll(urls, world.idle.map(tokenOf));
  log(`  connected ${members.length + idle.length} clients in ${round((performance.now() - t0) / 1000)} s`);
  for (const s of members) {
    const ack = await s.timeout(10_000).emitWithAck('channel:join', { channelId: world.channelId, afterSeq: 1_000_000 });
    if (!ack.ok) throw new Error(`join: ${JSON.stringify(ack)}`);
  }

  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let deliveries = 0;
  let lastDelivery = 0;
  members.forEach((s) => {
    s.on('message:new', (m: { clientId: string; sender: { id: string } }) => {
      const t = sentAt.get(m.clientId);
      if (t === undefined) return;
      const now = performance.now();
      deliveries += 1;
      lastDelivery = now;
      if (m.clientId.startsWith('lat-')) latencies.push(now - t);
    });
  });

  // Baseline: a lone acknowledgement round trip, one sender at a time (stores the message; its deliveries are not counted).
  const acks: number[] = [];
  for (let i = 0; i < 30; i += 1) {
    const t = performance.now();
    const ack = await members[i % members.length]!.timeout(10_000).emitWithAck('message:send', {
      channelId: world.channelId,
      clientId: `base-${label}-${i}`,
      text: '基线',
    });
    if (!ack.ok) throw new Error(JSON.stringify(ack));
    acks.push(performance.now() - t);
    await sleep(100);
  }
  const baseline = stats(acks);
  log(`  baseline message:send ack: p50 ${baseline.p50} ms, p95 ${baseline.p95} ms`);

  // Latency at a steady pace.
  for (let i = 0; i < MESSAGES; i += 1) {
    const sender = members[(i * 7) % members.length]!;
    const clientId = `lat-${label}-${i}`;
    sentAt.set(clientId, performance.now());
    sender.emit('message:send', { channelId: world.channelId, clientId, text: `延迟测量 ${i}` }, () => undefined);
    await sleep(100);
  }
  const expected = MESSAGES * ROOM; // the sender's own sockets get message:new too
  const latencyDeadline = Date.now() + 30_000;
  while (latencies.length < expected && Date.now() < latencyDeadline) await sleep(50);
  const latency = stats(latencies);
  log(
    `  delivery to the 50-member room: p50 ${latency.p50} ms, p95 ${latency.p95} ms, p99 ${latency.p99} ms (${latency.n} of ${expected} deliveries; p95 = ${round(latency.p95 / baseline.p50)}× baseline ack p50)`,
  );

  // Fan-out throughput: every member sends its share as fast as acknowledgements come back.
  deliveries = 0;
  const perMember = Math.ceil(BURST / members.length);
  const start = performance.now();
  await Promise.all(
    members.map(async (s, m) => {
      for (let k = 0; k < perMember; k += 1) {
        const clientId = `burst-${label}-${m}-${k}`;
        sentAt.set(clientId, performance.now());
        const ack = await s.timeout(30_000).emitWithAck('message:send', { channelId: world.channelId, clientId, text: `吞吐 ${m}-${k}` });
        if (!ack.ok) throw new Error(JSON.stringify(ack));
      }
    }),
  );
  const sent = perMember * members.length;
  const stored = (performance.now() - start) / 1000;
  const want = sent * ROOM; // every member, the sender included, receives message:new
  const waitUntil = Date.now() + 60_000;
  while (deliveries < want && Date.now() < waitUntil) await sleep(50);
  const seconds = (lastDelivery - start) / 1000;
  log(
    `  fan-out: ${sent} messages stored in ${round(stored)} s (${round(sent / stored)} msg/s), ${deliveries} of ${want} deliveries in ${round(seconds)} s = ${Math.round(deliveries / seconds)} deliveries/s`,
  );

  for (const s of [...members, ...idle]) s.disconnect();
  return {
    instances: urls.length,
    clients: CLIENTS,
    baselineAck: baseline,
    latency,
    fanout: { messages: sent, storedPerSecond: round(sent / stored), deliveries, deliveriesPerSecond: Math.round(deliveries / seconds) },
  };
}

async function main() {
  const guard = setTimeout(() => {
    console.error(`bench:chat stopped after ${TIMEOUT_S} s`);
    process.exit(2);
  }, TIMEOUT_S * 1000);
  guard.unref();
  log(`chat benchmark: ${CLIENTS} clients, room of ${ROOM}, ${os.cpus().length} cores, node ${process.version}`);
  const { db, url, close } = await openBenchDatabase();
  const servers: Server[] = [];
  try {
    await migrateToLatest(db);
    const { editionId } = await seedDemo(db);
    const world = await generate(db, editionId);
    const signer = Fastify();
    await signer.register(jwtPlugin, { secret: SECRET });
    await signer.ready();
    const tokens = new Map([...world.members, ...world.idle].map((id) => [id, signer.jwt.sign({ sub: id })]));
    const tokenOf = (id: string) => tokens.get(id)!;

    servers.push(await startServer(url));
    const one = await run('one', [servers[0]!.url], world, tokenOf);
    servers.push(await startServer(url));
    const two = await run(
      'two',
      servers.map((s) => s.url),
      world,
      tokenOf,
    );
    log(JSON.stringify({ one, two }));
  } finally {
    for (const s of servers) await s.stop();
    await close();
    clearTimeout(guard);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
