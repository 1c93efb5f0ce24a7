import { describe, expect, it } from 'vitest';
import { ApiError } from '$lib/api';
import type { Demand } from '$lib/api/types';
import { buildContent, changedFields, initialValues, mapErrors, newCriterion, newItem } from './model';

const saved = {
  title: '钢铁表面缺陷检测',
  businessNeed: '需求',
  techGoals: '目标',
  acceptanceCriteria: ['准确率 ≥ 95%'],
  budgetCny: 1_500_000,
  region: '河北',
  contact: { name: '张三', phone: '13800000000', email: 'a@b.cn' },
  bidDeadline: '2026-12-31T15:59:59.000Z',
  dataScope: [
    {
      name: '图像',
      description: '说明',
      fields: ['id'],
      volume: '1 万张',
      accessMode: 'sandbox',
      availableFrom: '2026-12-01',
      openedAt: null,
      evidence: null,
      overdue: false,
    },
  ],
} as unknown as Demand;

describe('demand form model', () => {
  it('round-trips a saved demand: nothing has changed', () => {
    const { content, local } = buildContent(initialValues(saved), saved);
    expect(local).toEqual({});
    expect(changedFields(content, saved)).toEqual({});
  });

  it('sends only what changed, with the budget in yuan from 万元', () => {
    const values = { ...initialValues(saved), budgetWan: '200' };
    const { content } = buildContent(values, saved);
    expect(changedFields(content, saved)).toEqual({ budgetCny: 2_000_000 });
  });

  it('leaves blank rows out and maps server indexes back to the rows the user sees', () => {
    const values = {
      ...initialValues(null),
      title: 't',
      criteria: [newCriterion(''), newCriterion('c1')],
      items: [newItem(), { ...newItem(), name: 'x' }],
    };
    const { content, local, critRows, itemRows } = buildContent(values, null);
    expect(content.acceptanceCriteria).toEqual(['c1']);
    expect(content.dataScope).toHaveLength(1);
    expect(local['dataScope.1.accessMode']).toBe('请选择访问方式');
    const error = new ApiError(400, 'VALIDATION_FAILED', '请求参数不正确', {
      issues: [
        { path: 'body.acceptanceCriteria.0', message: '太长' },
        { path: 'body.dataScope.0.volume', message: '请填写' },
      ],
    });
    expect(mapErrors(values, error, critRows, itemRows)).toEqual({ 'acceptanceCriteria.1': '太长', 'dataScope.1.volume': '请填写' });
  });

  it('refuses a budget that is not a positive amount before sending', () => {
    const { local } = buildContent({ ...initialValues(null), title: 't', budgetWan: '-1' }, null);
    expect(local.budgetCny).toMatch(/大于 0/);
  });
});
