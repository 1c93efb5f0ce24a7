import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@jb/api/modules/dossier/csv.ts';
import { repackDossier, unpackDossier, verifyDossier } from '@jb/api/modules/dossier/manifest.ts';
import { recomputeRanking } from '@jb/api/modules/dossier/recompute-ranking.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createPublicityWorld, fileReport, openPublicity, type PublicityWorld } from '../support/publicity.ts';

/** 留档备查: one zip with the whole record; it reproduces the published ranking and its manifest finds a changed file. */
describe('audit dossier (留档备查)', () => {
  let t: TestApp;
  const clock = { now: new Date() };
  let w: PublicityWorld;
  let zip: Uint8Array;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp({ clock: () => clock.now, loginLimits: { registrationsPerIpPer10Minutes: 10_000 } });
    w = await createPublicityWorld(t, clock);
    await openPublicity(w, clock);
    const reporter = await t.signUp();
    const filed = await fileReport(reporter.client, w.awards[1]!.id, { realName: '李四', phone: '13700001111' });
    expect(filed.statusCode, filed.body).toBe(201);
    await w.supervisor.client.post(`/api/publicity-reports/${filed.json().id}/ruling`, {
      decision: 'rejected',
      ruling: '经核查举报事项与事实不符，举报不成立。',
    });
    dir = await mkdtemp(path.join(tmpdir(), 'jb-dossier-'));
  });
  afterAll(async () => {
    await t?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('only the committee and the supervisor download it', async () => {
    const url = `/api/editions/${w.editionId}/dossier.zip`;
    expect((await t.client().get(url)).statusCode).toBe(401);
    for (const who of [w.experts[0]!, w.bids[0]!.leader, w.enterprise]) expect((await who.client.get(url)).statusCode).toBe(403);
    const supervisor = await w.supervisor.client.get(url);
    expect(supervisor.statusCode).toBe(200);
    const res = await w.committee.client.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    zip = new Uint8Array(res.rawPayload);
  });

  it('holds every part of the record, a summary and a manifest that verifies', async () => {
    const files = unpackDossier(zip);
    for (const name of [
      'edition.json',
      'projects/projects.csv',
      'projects/versions.json',
      'compliance/decisions.csv',
      'reviews/preliminary/conflicts.csv',
      'reviews/preliminary/declarations.csv',
      'reviews/preliminary/assignments.csv',
      'scores/preliminary-scores.csv',
      'rankings/preliminary-rankings.csv',
      'rankings/preliminary-normalisation.csv',
      'advancement/advancements.json',
      'advancement/finalists.csv',
      'decision-log.csv',
      'awards/awards.csv',
      'publicity/reports.csv',
      'publicity/evidence.csv',
      'summary.html',
      'manifest.json',
      'sha256sums',
    ]) {
      expect(files[name], name).toBeDefined();
    }
    expect(verifyDossier(zip)).toMatchObject({ ok: true, problems: [] });
    const scores = parseCsv(Buffer.from(files['scores/preliminary-scores.csv']!).toString('utf8'));
    expect(scores.filter((s) => s.status === 'submitted')).toHaveLength(12); // 2 enterprise + 2 experts × 5
    expect(scores.every((s) => s.submitted_at === '' || !Number.isNaN(Date.parse(s.submitted_at)))).toBe(true);
    expect(new Set(scores.map((s) => s.reviewer_name))).toContain('专家甲');
    const reports = parseCsv(Buffer.from(files['publicity/reports.csv']!).toString('utf8'));
    expect(reports).toHaveLength(1);
    expect(reports[0]!.status).toBe('rejected');
    // The reporter's identity is not in the dossier, only a commitment to it.
    const all = Object.values(files)
      .map((f) => Buffer.from(f).toString('utf8'))
      .join('\n');
    expect(all).not.toContain('13700001111');
    expect(reports[0]!.reporter_commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(files['summary.html']!).toString('utf8')).toContain('评审全过程留档');
  });

  it("recomputing the ranking from the dossier's score files gives the published one", async () => {
    const files = unpackDossier(zip);
    const text = (p: string) => Buffer.from(files[p]!).toString('utf8');
    const edition = JSON.parse(text('edition.json'));
    const projects = parseCsv(text('reviews/preliminary/round-projects.csv')).map((p) => ({
      projectId: p.project_id!,
      trackId: p.track_id!,
      topicId: p.topic_id!,
      demandId: p.demand_id || null,
    }));
    const scores = parseCsv(text('scores/preliminary-scores.csv'))
      .filter((s) => s.status === 'submitted' && s.total !== '')
      .map((s) => ({
        projectId: s.project_id!,
        reviewerId: s.reviewer_id!,
        role: s.role as 'enterprise' | 'expert',
        total: Number(s.total),
      }));
    const rankBy = edition.reviewSettings?.rank_by ?? 'normalised';
    const recomputed = recomputeRanking(projects, scores, { weights: edition.rules.reviewWeights, rankBy });

    const published = (await w.committee.client.get(`/api/review-rounds/${w.roundId}/results`)).json();
    expect(published.items).toHaveLength(5);
    for (const item of published.items) {
      const mine = recomputed.find((r) => r.projectId === item.projectId)!;
      expect(mine, item.projectName).toMatchObject({
        rawTotal: item.rawTotal,
        normalisedTotal: item.normalisedTotal,
        rankInTrack: item.rankInTrack,
        rankInSubTopic: item.rankInSubTopic,
      });
    }
    // …and the dossier's own rankings file says the same.
    const rankings = parseCsv(text('rankings/preliminary-rankings.csv'));
    for (const r of rankings) expect(Number(r.rank_in_track)).toBe(recomputed.find((x) => x.projectId === r.project_id)!.rankInTrack);
  });

  it('the manifest detects a changed file (verify function and the dossier:verify command)', async () => {
    const files = unpackDossier(zip);
    const scores = Buffer.from(files['scores/preliminary-scores.csv']!).toString('utf8');
    files['scores/preliminary-scores.csv'] = new Uint8Array(Buffer.from(scores.replace(/,86,/, ',96,')));
    expect(files['scores/preliminary-scores.csv']).not.toEqual(unpackDossier(zip)['scores/preliminary-scores.csv']);
    const altered = repackDossier(files);
    const result = verifyDossier(altered);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ path: 'scores/preliminary-scores.csv', problem: 'changed' })]);

    const good = path.join(dir, 'good.zip');
    const bad = path.join(dir, 'bad.zip');
    await writeFile(good, zip);
    await writeFile(bad, altered);
    const cli = path.resolve(import.meta.dirname, '../../api/src/cli/dossier-verify.ts');
    const tsx = path.resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
    const run = promisify(execFile);
    await expect(run(tsx, [cli, good])).resolves.toMatchObject({ stdout: expect.stringContaining('校验通过') });
    const failed = await run(tsx, [cli, bad]).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('scores/preliminary-scores.csv') });
  });
});
