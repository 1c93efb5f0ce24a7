import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMaterialFile, defaultUploadLimits } from '@jb/api/modules/projects/material-types.ts';
import { seedDemo } from '@jb/api/seed/demo.ts';
import type { TestApp } from '../support/app.ts';
import { createDemoApp } from '../support/demo.ts';
import { writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

describe('demo data for bidding', () => {
  let t: TestApp;
  let login: Awaited<ReturnType<typeof createDemoApp>>['login'];

  beforeAll(async () => {
    ({ t, login } = await createDemoApp());
  });
  afterAll(() => t.close());

  it('team2 has a submitted bid with real PDF materials; the committee sees it in the queue; the enterprise sees the count', async () => {
    const team2 = await login('team2@demo.cn');
    const [team] = (await team2.get('/api/teams?mine=1')).json().items;
    expect(team).toMatchObject({ name: '理工数智揭榜队', project: { status: 'submitted', compliance: 'pending' } });
    const project = (await team2.get(`/api/projects/${team.project.id}`)).json();
    expect(project.checklist).toEqual({ complete: true, missing: [] });
    expect(project.materials).toHaveLength(2);

    const file = await team2.get(`/api/projects/${project.id}/materials/${project.materials[0].id}`);
    expect(file.statusCode).toBe(200);
    const local = path.join(tmpdir(), `demo-${project.materials[0].id}.pdf`);
    await writeFile(local, file.rawPayload);
    // The demo file passes the same content check as an upload.
    expect(await checkMaterialFile(local, 'x.pdf', file.rawPayload.length, defaultUploadLimits)).toBe('application/pdf');
    await rm(local);

    const committee = await login('committee@demo.cn');
    const queue = (await committee.get('/api/projects/compliance-queue')).json().items;
    expect(queue.map((i: { project: { id: string } }) => i.project.id)).toContain(project.id);
    const enterprise2 = await login('enterprise2@demo.cn');
    expect((await enterprise2.get(`/api/demands/${project.target.demandId}`)).json().bidCount).toBe(1);
    // team1 has no team yet, so the bidding flow can be tried from the start.
    expect((await (await login('team1@demo.cn')).get('/api/teams?mine=1')).json().items).toEqual([]);
  });

  it('seeding again changes nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('projects')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await seedDemo(t.db, new Date(), { storage: t.storage });
    // the submitted UDI bid, plus the docking fair's demo teams' draft projects (demo-fair.ts)
    expect(await count()).toBe(before);
    expect(before).toBeGreaterThanOrEqual(1);
  });
});
