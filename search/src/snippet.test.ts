import { describe, expect, it } from 'vitest';
import { highlight } from './snippet.ts';

describe('highlight', () => {
  it('marks query words case-insensitively and escapes HTML', () => {
    expect(highlight('基于UDI的<追溯>系统', ['udi'])).toBe('基于<mark>UDI</mark>的&lt;追溯&gt;系统');
  });

  it('marks bigrams of longer Han words', () => {
    expect(highlight('新能源汽车保险定价', ['新能源车'])).toBe('<mark>新能源</mark>汽车保险定价');
  });

  it('crops around the first match', () => {
    const text = `${'甲'.repeat(100)}缺陷检测${'乙'.repeat(100)}`;
    const out = highlight(text, ['缺陷'], { maxLength: 40 });
    expect(out.startsWith('…')).toBe(true);
    expect(out).toContain('<mark>缺陷</mark>');
    expect(out.endsWith('…')).toBe(true);
  });

  it('leaves text alone without words', () => {
    expect(highlight('a & b', [])).toBe('a &amp; b');
  });
});
