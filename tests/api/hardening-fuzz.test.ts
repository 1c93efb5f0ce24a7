import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedUp, type TestApp } from '../support/app.ts';
import { completeDemand, createCatalog, createOrg } from '../support/fixtures.ts';
import { addToOrg, createTeam, fullSections } from '../support/teams.ts';

/**
 * No 5xx for any input a client can send: every write route in /api/openapi.json,
 * as every role, gets NUL bytes, lone surrogates, huge integers and malformed
 * multipart, and must answer 4xx with the one error shape.
 */

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  format?: string;
};
interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

const HUGE = [2 ** 31 + 1, 2 ** 63, 1e300, -(2 ** 31) - 1];
const NUL = 'x\u0000y';
const LONE = 'x\ud800y';

/** A body shaped like the schema with every leaf replaced by the hostile value of its kind. */
function hostileBody(schema: Schema | undefined, text: string, num: number, depth = 0): unknown {
  if (!schema || depth > 6) return text;
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) return hostileBody(options.find((o) => o.type !== 'null') ?? options[0], text, num, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      // an object without declared fields still gets one (unknown fields are read too, then dropped)
      return Object.fromEntries(
        Object.entries(Object.keys(schema.properties ?? {}).length ? schema.properties! : { note: { type: 'string' } }).map(([k, s]) => [
          k,
          hostileBody(s, text, num, depth + 1),
        ]),
      );
    case 'array':
      return [hostileBody(schema.items, text, num, depth + 1)];
    case 'integer':
    case 'number':
      return num;
    case 'boolean':
      return text;
    default:
      return text;
  }
}

/** The same body with only the numbers hostile (strings kept plausible), so integer bounds are reached. */
function numbersOnly(schema: Schema | undefined, num: number, depth = 0): unknown {
  if (!schema || depth > 6) return '测试';
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) return numbersOnly(options.find((o) => o.type !== 'null') ?? options[0], num, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (schema.enum?.length) return schema.enum[0];
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, numbersOnly(s, num, depth + 1)]));
    case 'array':
      return [numbersOnly(schema.items, num, depth + 1)];
    case 'integer':
    case 'number':
      return num;
    case 'boolean':
      return true;
    default:
      return schema.format === 'uuid'
        ? '00000000-0000-4000-8000-000000000000'
        : schema.format === 'date-time'
          ? '2030-01-01T00:00:00.000Z'
          : '测试';
  }
}

describe('fuzz: every write route, every role, hostile input → 4xx with the one error shape', () => {
  let t: TestApp;
  const roles: Record<string, SignedUp | null> = {};
  const ids: Record<string, string> = {};
  let routes: { method: string; path: string; op: Operation }[] = [];

  beforeAll(async () => {
    t = await createTestApp({ loginLimits: { perIpPerMinute: 100_000, registrationsPerIpPer10Minutes: 100_000 } });
    const [committee, supervisor, expert, member, leader] = await Promise.all([
      t.signUp({ roles: ['committee'] }),
      t.signUp({ roles: ['supervisor'] }),
      t.signUp({ roles: ['expert'] }),
      t.signUp(),
      t.signUp(),
    ]);
    Object.assign(roles, { anonymous: null, committee, supervisor, expert, member, leader });
    const catalog = await createCatalog(committee);
    const orgId = await createOrg(t, leader, 'enterprise');
    await addToOrg(leader, orgId, member);
    const demand = (await leader.client.post('/api/demands', completeDemand(catalog.topicId, orgId))).json();
    const team = await createTeam(leader, catalog.editionId, orgId);
    const project = (
      await leader.client.post('/api/projects', {
        teamId: team.id,
        topicId: catalog.topicId,
        name: '模糊测试项目',
        sections: fullSections(),
      })
    ).json();
    Object.assign(ids, {
      orgs: orgId,
      demands: demand.id,
      teams: team.id,
      projects: project.id,
      editions: catalog.editionId,
      tracks: catalog.trackId,
      topics: catalog.topicId,
      users: member.id,
      userId: member.id,
    });

    const doc = (await t.client().get('/api/openapi.json')).json() as { paths: Record<string, Record<string, Operation>> };
    routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
  });
  afterAll(() => t.close());

  const urlOf = (path: string, hostileParam?: string) =>
    path.replace(/\{(\w+)\}/g, (_m, name: string, offset: number) => {
      if (hostileParam) return hostileParam;
      const resource = path.slice(0, offset).split('/').filter(Boolean).at(-1) ?? '';
      if (name === 'id') return ids[resource] ?? '00000000-0000-4000-8000-000000000001';
      if (name === 'itemIndex') return '0';
      if (name === 'version') return '1';
      return ids[name] ?? '00000000-0000-4000-8000-000000000002';
    });

  it('finds the write routes in the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThanOrEqual(40);
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['POST /api/projects/{id}/materials', 'PATCH /api/demands/{id}', 'POST /api/auth/register']),
    );
  });

  it('never answers 5xx, always 4xx with {error: {code, message}}', async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const route of routes) {
      const schema = route.op.requestBody?.content?.['application/json']?.schema;
      const bodies: { label: string; payload: unknown; headers?: Record<string, string> }[] = [
        { label: 'NUL', payload: hostileBody(schema, NUL, HUGE[0]!) },
        { label: 'lone surrogate', payload: hostileBody(schema, LONE, HUGE[2]!) },
        ...HUGE.map((n) => ({ label: `number ${n}`, payload: numbersOnly(schema, n) })),
        { label: 'multipart without boundary', payload: 'garbage', headers: { 'content-type': 'multipart/form-data' } },
        {
          label: 'cut-off multipart',
          payload:
            '--b\r\nContent-Disposition: form-data; name="category"\r\n\r\nother\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 cut',
          headers: { 'content-type': 'multipart/form-data; boundary=b' },
        },
        { label: 'text/plain', payload: 'a\u0000b', headers: { 'content-type': 'text/plain' } },
        { label: 'broken JSON', payload: '{"a": ', headers: { 'content-type': 'application/json' } },
      ];
      const hasParams = route.path.includes('{');
      for (const [role, user] of Object.entries(roles)) {
        const client = user ? user.client : t.client();
        const attempts = [
          ...bodies.map((b) => ({ ...b, url: urlOf(route.path) })),
          ...(hasParams ? [{ label: 'NUL in a path parameter', payload: {}, headers: undefined, url: urlOf(route.path, 'a%00b') }] : []),
        ];
        for (const attempt of attempts) {
          requests += 1;
          const res = await client.request(route.method as 'POST', attempt.url, attempt.payload, attempt.headers);
          const where = `${role} ${route.method} ${route.path} [${attempt.label}] → ${res.statusCode} ${res.body.slice(0, 160)}`;
          let shapeOk = false;
          try {
            const body = res.json();
            shapeOk = typeof body.error?.code === 'string' && typeof body.error?.message === 'string';
          } catch {
            shapeOk = false;
          }
          if (res.statusCode >= 500 || (res.statusCode >= 400 && !shapeOk)) failures.push(where);
          else if (res.statusCode < 400 && schema && (attempt.label === 'NUL' || attempt.label === 'lone surrogate')) {
            // Hostile strings are never accepted by a route that reads a body.
            failures.push(`accepted: ${where}`);
          }
        }
      }
      // Some routes end sessions (logout, sign-out everywhere): sign in again so every role keeps its reach.
      for (const [role, user] of Object.entries(roles)) {
        if (!user || (await user.client.get('/api/me')).statusCode === 200) continue;
        const login = await t.client().post('/api/auth/login', { email: user.email, password: user.password });
        roles[role] = { ...user, token: login.json().token, client: t.client(login.json().token) };
      }
    }
    expect(requests).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  }, 300_000);
});
