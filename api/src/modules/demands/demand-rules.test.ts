import { describe, expect, it } from 'vitest';
import { checkSubmission, fieldLabel, summary } from './demand-rules.ts';

const now = new Date('2025-06-01T00:00:00Z');
const complete = {
  title: '智能排产优化系统',
  businessNeed: '整合上下游流通数据，解决需求预测不准确、库存积压及缺货的问题。',
  techGoals: '预测准确率提升到 90% 以上',
  acceptanceCriteria: ['回测 MAPE ≤ 10%'],
  budgetCny: 800000,
  region: '河北省',
  contact: { name: '张工', phone: '0312-5550000', email: 'zhang@example.cn' },
  bidDeadline: '2025-07-31T15:59:59.000Z',
  dataScope: [
    { name: '出库数据', description: '出库明细', fields: ['日期'], volume: '1 万条', accessMode: 'api', availableFrom: '2025-07-01' },
  ],
};

describe('checkSubmission', () => {
  it('accepts a complete demand and returns it trimmed', () => {
    const { issues, content } = checkSubmission(
      { ...complete, title: '  智能排产优化系统 ' },
      { now, submissionEnd: '2025-08-31T15:59:59Z' },
    );
    expect(issues).toEqual([]);
    expect(content?.title).toBe('智能排产优化系统');
  });

  it('an empty demand: every field, each in plain words, the contact part by part', () => {
    const { issues } = checkSubmission({}, { now });
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(byPath).toMatchObject({
      title: '请填写需求标题',
      businessNeed: '请填写业务需求',
      acceptanceCriteria: '至少填写一条验收标准',
      budgetCny: '请填写项目预算',
      'contact.name': '请填写联系人',
      'contact.phone': '请填写联系电话',
      'contact.email': '请填写电子邮箱',
      bidDeadline: '请选择揭榜截止日期',
      dataScope: '至少填写一项开放数据',
    });
  });

  it('date rules are reported together with field problems', () => {
    const { issues } = checkSubmission(
      {
        ...complete,
        title: '',
        bidDeadline: '2025-09-30T00:00:00Z',
        dataScope: [{ ...complete.dataScope[0], availableFrom: '2025-10-05' }],
      },
      { now, submissionEnd: '2025-08-31T15:59:59Z' },
    );
    expect(issues.map((i) => i.path)).toEqual(['title', 'bidDeadline', 'dataScope.0.availableFrom']);
    expect(issues[1].message).toContain('2025-08-31');
  });

  it('a deadline in the past is refused; the edition deadline only when known', () => {
    expect(checkSubmission({ ...complete, bidDeadline: '2025-05-01T00:00:00Z', dataScope: [] }, { now }).issues.map((i) => i.path)).toEqual(
      ['dataScope', 'bidDeadline'],
    );
    expect(checkSubmission({ ...complete, bidDeadline: '2026-01-01T00:00:00Z' }, { now, submissionEnd: null }).issues).toEqual([]);
  });

  it('the summary names fields by their labels', () => {
    expect(
      summary([
        { path: 'contact.name', message: 'x' },
        { path: 'dataScope.1.name', message: 'y' },
      ]),
    ).toBe('需求信息不完整或有误（共 2 处），请修改：联系人、数据开放范围');
    expect(fieldLabel('dataScope.1.volume')).toBe('第 2 项开放数据的数据规模');
  });
});
