import { describe, expect, it } from 'vitest';
import { weakPasswordProblem } from './password-policy.ts';

describe('weakPasswordProblem', () => {
  it('refuses common and trivial passwords with a reason', () => {
    for (const p of [
      '12345678',
      'password',
      'Password',
      'PASSWORD123',
      'aaaaaaaa',
      'abababab',
      'abcdefghij',
      '98765432',
      'qwertyuiop',
      'asdfghjk',
    ]) {
      expect(weakPasswordProblem(p), p).toMatch(/密码/);
    }
    expect(weakPasswordProblem('zhangwei2025x', { email: 'zhangwei@example.cn' })).toMatch(/邮箱/);
  });

  it('accepts passwords that are not on the list nor trivial (the demo password among them)', () => {
    for (const p of ['Demo@2025', 'correct horse battery', 'right-password', 'Xk9#mq2!Lz']) {
      expect(weakPasswordProblem(p), p).toBeNull();
    }
  });
});
