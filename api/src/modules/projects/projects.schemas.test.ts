import { describe, expect, it } from 'vitest';
import { complianceBody, createProjectBody, emptySections, mergeSections, missingItems, sectionsPatchSchema } from './projects.schemas.ts';

describe('application sections (项目申报书)', () => {
  it('an empty application misses all 14 fields and both required materials', () => {
    const missing = missingItems(emptySections(), new Set());
    expect(missing).toHaveLength(16);
    expect(missing[0]).toEqual({ key: 'sections.overview.background', label: '项目概述·项目背景' });
    expect(missing.at(-1)).toEqual({ key: 'materials.responsibility', label: '材料·申报主体责任声明' });
  });

  it('whitespace is not content', () => {
    const sections = mergeSections(emptySections(), { overview: { background: '   ' } });
    expect(missingItems(sections, new Set()).map((m) => m.key)).toContain('sections.overview.background');
  });

  it('merging replaces only the given fields and never mutates the base', () => {
    const base = mergeSections(emptySections(), { overview: { background: '背景', industry: '制造' } });
    const merged = mergeSections(base, { overview: { industry: '医药' }, team: { experience: '十年' } });
    expect(merged.overview).toEqual({ background: '背景', industry: '医药', advantages: '' });
    expect(merged.team.experience).toBe('十年');
    expect(base.overview.industry).toBe('制造');
  });

  it('limits lengths and unknown keys do not slip in', () => {
    expect(sectionsPatchSchema.safeParse({ overview: { industry: '长'.repeat(201) } }).success).toBe(false);
    expect(sectionsPatchSchema.safeParse({ overview: { industry: '长'.repeat(200) } }).success).toBe(true);
    const parsed = sectionsPatchSchema.parse({ overview: { industry: 'x', secret: 'y' } });
    expect(parsed.overview).toEqual({ industry: 'x' });
  });

  it('a project targets exactly one of a topic or a sub-topic', () => {
    const id = '3f1c2b4a-1d2e-4f5a-8b6c-7d8e9f0a1b2c';
    expect(createProjectBody.safeParse({ teamId: id, topicId: id, name: '方案' }).success).toBe(true);
    expect(createProjectBody.safeParse({ teamId: id, topicId: id, demandId: id, name: '方案' }).success).toBe(false);
    expect(createProjectBody.safeParse({ teamId: id, name: '方案' }).success).toBe(false);
  });

  it('an ineligible decision needs a reason', () => {
    expect(complianceBody.safeParse({ decision: 'eligible' }).success).toBe(true);
    expect(complianceBody.safeParse({ decision: 'ineligible' }).success).toBe(false);
    expect(complianceBody.safeParse({ decision: 'ineligible', reason: '资质材料非参赛单位所有' }).success).toBe(true);
  });
});
