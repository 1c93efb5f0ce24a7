import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv } from './csv.ts';
import { packDossier, repackDossier, unpackDossier, verifyDossier } from './manifest.ts';
import { recomputeRanking } from './recompute-ranking.ts';

describe('dossier CSV', () => {
  it('round-trips quotes, commas, line breaks and Chinese text', () => {
    const rows = [
      { a: '评语："很好", 有创新', b: 1.5, c: null },
      { a: '第一行\n第二行', b: 0, c: ' 空格 ' },
    ];
    const parsed = parseCsv(toCsv(['a', 'b', 'c'], rows));
    expect(parsed).toEqual([
      { a: '评语："很好", 有创新', b: '1.5', c: '' },
      { a: '第一行\n第二行', b: '0', c: ' 空格 ' },
    ]);
  });
});

describe('dossier manifest', () => {
  const meta = { generatedAt: '2026-01-01T00:00:00.000Z', edition: { id: 'e', name: '测试赛事' } };
  const files = [
    { path: 'scores.csv', data: strToU8('a,b\r\n1,2\r\n') },
    { path: 'summary.html', data: strToU8('<h1>留档</h1>') },
  ];

  it('verifies an untouched archive and finds a changed, a missing and an added file', () => {
    const { zip, manifest } = packDossier(files, meta);
    expect(manifest.files.map((f) => f.path)).toEqual(['scores.csv', 'summary.html']);
    expect(verifyDossier(zip)).toEqual({ ok: true, checked: 2, problems: [] });

    const changed = unpackDossier(zip);
    changed['scores.csv'] = strToU8('a,b\r\n1,3\r\n');
    const r1 = verifyDossier(repackDossier(changed));
    expect(r1.ok).toBe(false);
    expect(r1.problems).toEqual([expect.objectContaining({ path: 'scores.csv', problem: 'changed' })]);

    const missing = unpackDossier(zip);
    delete missing['summary.html'];
    missing['extra.txt'] = strToU8('x');
    const r2 = verifyDossier(repackDossier(missing));
    expect(r2.problems.map((p) => `${p.path}:${p.problem}`).sort()).toEqual(['extra.txt:unlisted', 'summary.html:missing']);
  });

  it('the same content gives the same bytes', () => {
    expect(Buffer.from(packDossier(files, meta).zip).equals(Buffer.from(packDossier(files, meta).zip))).toBe(true);
  });
});

describe('recomputeRanking', () => {
  it('80/20 on a sub-topic, experts mean on a regular topic, ranks in track', () => {
    const projects = [
      { projectId: 'p1', trackId: 't', topicId: 'x', demandId: 'd' },
      { projectId: 'p2', trackId: 't', topicId: 'x', demandId: 'd' },
      { projectId: 'p3', trackId: 't', topicId: 'x', demandId: null },
    ];
    const scores = [
      { projectId: 'p1', reviewerId: 'ent', role: 'enterprise' as const, total: 90 },
      { projectId: 'p1', reviewerId: 'e1', role: 'expert' as const, total: 70 },
      { projectId: 'p2', reviewerId: 'ent', role: 'enterprise' as const, total: 80 },
      { projectId: 'p2', reviewerId: 'e1', role: 'expert' as const, total: 90 },
      { projectId: 'p3', reviewerId: 'e1', role: 'expert' as const, total: 85 },
    ];
    const rows = recomputeRanking(projects, scores, { weights: { enterprise: 80, expert: 20 }, rankBy: 'raw' });
    const by = new Map(rows.map((r) => [r.projectId, r]));
    expect(by.get('p1')!.rawTotal).toBe(86); // 0.8×90 + 0.2×70
    expect(by.get('p2')!.rawTotal).toBe(82); // 0.8×80 + 0.2×90
    expect(by.get('p3')!.rawTotal).toBe(85);
    expect([by.get('p1')!.rankInTrack, by.get('p3')!.rankInTrack, by.get('p2')!.rankInTrack]).toEqual([1, 2, 3]);
    expect(by.get('p2')!.rankInSubTopic).toBe(2);
    expect(by.get('p3')!.rankInSubTopic).toBe(1);
  });
});
