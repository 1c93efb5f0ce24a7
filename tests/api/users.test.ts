import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SignedUp, type TestApp } from '../support/app.ts';

describe('platform roles', () => {
  let t: TestApp;
  let committee: SignedUp;
  beforeAll(async () => {
    t = await createTestApp();
    committee = await t.signUp({ roles: ['committee'] });
  });
  afterAll(() => t.close());

  it('a committee user grants the expert role, which applies to the next request', async () => {
    const candidate = await t.signUp({ displayName: '候选专家' });
    const res = await committee.client.put(`/api/users/${candidate.id}/roles`, { roles: ['expert', 'expert'] });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual(['expert']);
    expect((await candidate.client.get('/api/me')).json().roles).toEqual(['expert']);
  });

  it.each(['supervisor', 'expert', 'plain'] as const)('refuses a %s granting roles', async (who) => {
    const actor = await t.signUp({ roles: who === 'plain' ? [] : [who] });
    const res = await actor.client.put(`/api/users/${actor.id}/roles`, { roles: ['committee'] });
    expect(res.statusCode).toBe(403);
    expect((await actor.client.get('/api/me')).json().roles).not.toContain('committee');
  });

  it('refuses unknown roles', async () => {
    const candidate = await t.signUp();
    const res = await committee.client.put(`/api/users/${candidate.id}/roles`, { roles: ['admin'] });
    expect(res.statusCode).toBe(400);
  });

  it('a committee user cannot remove their own committee role', async () => {
    const res = await committee.client.put(`/api/users/${committee.id}/roles`, { roles: [] });
    expect(res.statusCode).toBe(403);
  });

  it('user listing is for overseers only', async () => {
    const candidate = await t.signUp({ displayName: '候选专家' });
    expect((await committee.client.put(`/api/users/${candidate.id}/roles`, { roles: ['expert'] })).statusCode).toBe(200);
    const list = await committee.client.get('/api/users?role=expert');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((u: { id: string }) => u.id)).toContain(candidate.id);
    expect((await candidate.client.get('/api/users')).statusCode).toBe(403);
    expect((await t.client().get('/api/users')).statusCode).toBe(401);
  });
});

describe('API conventions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('health reports the database', async () => {
    const res = await t.client().get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: { ok: true } });
  });

  it('unknown routes get the error shape with 404', async () => {
    const res = await t.client().get('/api/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  });

  it('malformed JSON gets 400 in the error shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BAD_REQUEST');
  });

  it('publishes OpenAPI with the routes and their schemas', async () => {
    const res = await t.client().get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/orgs', '/api/orgs/{id}/flags', '/api/editions/{id}', '/api/auth/login']),
    );
    expect(doc.paths['/api/orgs'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('creditCode');
    expect((await t.client().get('/api/docs/')).statusCode).toBe(200);
  });

  it('sets security headers', async () => {
    const res = await t.client().get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });
});
