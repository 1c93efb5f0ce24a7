import { describe, expect, it } from 'vitest';
import { byFormOrder, errorAnchor, errorLabel } from './model';

describe('the demand form error banner', () => {
  it('names every error path by the label the form shows', () => {
    expect(errorLabel('contact.phone')).toBe('联系电话');
    expect(errorLabel('region')).toBe('实施地区');
    expect(errorLabel('dataScope.1.accessMode')).toBe('第 2 项开放数据 · 访问方式');
    expect(errorLabel('acceptanceCriteria.0')).toBe('第 1 条验收标准');
    expect(errorLabel('acceptanceCriteria')).toBe('验收标准');
  });

  it('links list errors to their section and field errors to the field', () => {
    expect(errorAnchor('dataScope')).toBe('sec-data');
    expect(errorAnchor('dataScope.0.name')).toBe('f-dataScope-0-name');
    expect(errorAnchor('contact.email')).toBe('f-contact-email');
  });

  it('lists problems top to bottom as the form shows them', () => {
    const paths = ['contact.name', 'bidDeadline', 'dataScope.1.name', 'title', 'dataScope.0.volume', 'businessNeed'];
    expect([...paths].sort(byFormOrder)).toEqual([
      'title',
      'bidDeadline',
      'businessNeed',
      'dataScope.0.volume',
      'dataScope.1.name',
      'contact.name',
    ]);
  });
});
