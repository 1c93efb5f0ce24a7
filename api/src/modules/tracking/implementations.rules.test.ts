import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import {
  checkBudget,
  defaultPlan,
  lockedProblems,
  meets,
  normalisePlan,
  planDigest,
  releasedWan,
  suggestTarget,
  type MilestoneInput,
  type PlanInput,
} from './implementations.rules.ts';

const criteria = ['识别准确率≥85%', '召回范围定位时间≤2小时', '平台通过企业质量管理部验收'];
const milestone = (over: Partial<MilestoneInput>): MilestoneInput => ({
  title: '里程碑',
  deliverables: '交付物',
  dueDate: '2026-12-31',
  budgetShare: 50,
  criteria: [],
  ...over,
});
const plan = (milestones: MilestoneInput[], budgetWan = 100, budgetNote = ''): PlanInput => ({ budgetWan, budgetNote, milestones });
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof AppError ? { code: error.code, details: error.details } : error;
  }
};

describe('implementation plan rules', () => {
  it('every criterion of the sub-topic belongs to exactly one milestone', () => {
    const ok = plan([
      milestone({
        criteria: [
          { ref: 0, target: null },
          { ref: 2, target: null },
        ],
      }),
      milestone({ dueDate: '2027-01-31', criteria: [{ ref: 1, target: null }] }),
    ]);
    const stored = normalisePlan(ok, criteria, 180);
    expect(stored.milestones.map((m) => m.seq)).toEqual([1, 2]);
    expect(stored.milestones[0]!.criteria[1]!.text).toBe('平台通过企业质量管理部验收');

    const missing = plan([milestone({ budgetShare: 100, criteria: [{ ref: 0, target: null }] })]);
    expect(codeOf(() => normalisePlan(missing, criteria, 180))).toEqual({
      code: 'CRITERIA_UNASSIGNED',
      details: { missing: [1, 2], duplicated: [], unknown: [] },
    });
    const doubled = plan([
      milestone({
        criteria: [
          { ref: 0, target: null },
          { ref: 1, target: null },
        ],
      }),
      milestone({
        criteria: [
          { ref: 1, target: null },
          { ref: 2, target: null },
          { ref: 7, target: null },
        ],
      }),
    ]);
    expect(codeOf(() => normalisePlan(doubled, criteria, 180))).toEqual({
      code: 'CRITERIA_UNASSIGNED',
      details: { missing: [], duplicated: [{ ref: 1, milestones: [1, 2] }], unknown: [7] },
    });
  });

  it('shares add up to exactly 100 % (to the cent), each above 0; due dates never go backwards', () => {
    const all = [
      { ref: 0, target: null },
      { ref: 1, target: null },
      { ref: 2, target: null },
    ];
    const thirds = plan([
      milestone({ budgetShare: 33.33, criteria: all }),
      milestone({ budgetShare: 33.33 }),
      milestone({ budgetShare: 33.34 }),
    ]);
    expect(normalisePlan(thirds, criteria, 180).milestones.map((m) => m.budgetShare)).toEqual([33.33, 33.33, 33.34]);
    const short = plan([milestone({ budgetShare: 33.33, criteria: all }), milestone({ budgetShare: 66.66 })]);
    expect(codeOf(() => normalisePlan(short, criteria, 180))).toMatchObject({ code: 'SHARES_NOT_100', details: { sum: 99.99 } });
    const backwards = plan([milestone({ dueDate: '2027-01-01', criteria: all }), milestone({ dueDate: '2026-06-30' })]);
    expect(codeOf(() => normalisePlan(backwards, criteria, 180))).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('the budget lies within the sub-topic budget, or up to 1.5 × it with a justification', () => {
    expect(codeOf(() => checkBudget(180, '', 180))).toBeNull();
    expect(codeOf(() => checkBudget(200, '', 180))).toMatchObject({ code: 'BUDGET_OUT_OF_RANGE' });
    expect(codeOf(() => checkBudget(200, '增加两家医院的接入与运维', 180))).toBeNull();
    expect(codeOf(() => checkBudget(270.01, '增加两家医院的接入与运维', 180))).toMatchObject({ code: 'BUDGET_OUT_OF_RANGE' });
    expect(codeOf(() => checkBudget(0, '', 180))).toMatchObject({ code: 'BUDGET_OUT_OF_RANGE' });
  });

  it('reads targets from the criteria and judges figures against them', () => {
    expect(suggestTarget('在历史流向数据上，窜货与异常流向识别准确率≥85%')).toEqual({
      metric: '窜货与异常流向识别准确率',
      comparator: 'gte',
      value: 85,
      unit: '%',
    });
    expect(suggestTarget('模拟召回演练中，召回范围定位时间≤2小时')).toMatchObject({ comparator: 'lte', value: 2, unit: '小时' });
    expect(suggestTarget('平台通过企业质量管理部验收')).toBeNull();
    // a symbol wins over words earlier in the sentence
    expect(suggestTarget('在企业留存的不少于3000件测试样本上，缺陷检出率≥95%、误判率≤3%')).toEqual({
      metric: '缺陷检出率',
      comparator: 'gte',
      value: 95,
      unit: '%',
    });
    expect(suggestTarget('给出不少于5条工艺优化建议')).toMatchObject({ comparator: 'gte', value: 5, unit: '条' });
    expect(suggestTarget('一级品率较基线提升≥2个百分点')).toMatchObject({ value: 2, unit: '个百分点' });
    expect(meets({ comparator: 'gte', value: 0.9 }, 0.93)).toBe(true);
    expect(meets({ comparator: 'gte', value: 0.9 }, 0.89)).toBe(false);
    expect(meets({ comparator: 'lte', value: 2 }, 2)).toBe(true);
    expect(meets({ comparator: 'eq', value: 1 }, 1.0000000001)).toBe(true);
    const first = defaultPlan(criteria, 180, '2027-03-01');
    expect(first.milestones[0]!.criteria.map((c) => c.ref)).toEqual([0, 1, 2]);
    expect(normalisePlan(first, criteria, 180).milestones).toHaveLength(1);
  });

  it('money released follows accepted milestones; the digest changes with the content', () => {
    const ms = [
      { status: 'accepted' as const, budgetShare: 30 },
      { status: 'submitted' as const, budgetShare: 30 },
      { status: 'accepted' as const, budgetShare: 40 },
    ];
    expect(releasedWan(180, ms)).toBe(126);
    expect(releasedWan(180, [])).toBe(0);
    const stored = normalisePlan(defaultPlan(criteria, 180, '2027-03-01'), criteria, 180);
    const other = { ...stored, budgetWan: 170 };
    expect(planDigest(stored)).toBe(planDigest(structuredClone(stored)));
    expect(planDigest(stored)).not.toBe(planDigest(other));
  });

  it('a change may not touch a milestone under review or accepted, nor drop one already submitted', () => {
    const stored = normalisePlan(
      plan([
        milestone({ criteria: [{ ref: 0, target: null }] }),
        milestone({
          criteria: [
            { ref: 1, target: null },
            { ref: 2, target: null },
          ],
        }),
      ]),
      criteria,
      180,
    ).milestones;
    const live = [
      { ...stored[0]!, status: 'accepted' as const, submissions: 1 },
      { ...stored[1]!, status: 'returned' as const, submissions: 1 },
    ];
    expect(lockedProblems(live, [stored[0]!, { ...stored[1]!, dueDate: '2027-06-30' }])).toEqual([]);
    expect(
      lockedProblems(live, [
        { ...stored[0]!, budgetShare: 40 },
        { ...stored[1]!, budgetShare: 60 },
      ]),
    ).toHaveLength(1);
    expect(lockedProblems(live, [stored[0]!])).toEqual(['里程碑 2「里程碑」已提交过成果，不能删除']);
  });
});
