import { describe, expect, it } from 'vitest';
import { creditCodeHint } from './credit-code';

describe('credit code hint', () => {
  it('accepts a real code and explains each kind of mistake', () => {
    expect(creditCodeHint('91440300708461136T').ok).toBe(true); // Huawei
    expect(creditCodeHint(' 91440300708461136t ').ok).toBe(true);
    expect(creditCodeHint('9144030070846113').text).toMatch(/16 位/);
    expect(creditCodeHint('9144030070846113IT').text).toMatch(/不允许的字符/);
    expect(creditCodeHint('91440300708461136A').text).toMatch(/校验位/);
    expect(creditCodeHint('').ok).toBe(false);
  });
});
