import { describe, expect, it } from 'vitest';
import { checkCreditCode, computeCheckCharacter } from './credit-code.ts';

// Codes of real, publicly registered organisations (from their business licences).
const realCodes = [
  '91350100M000100Y43', // the example printed in GB 32100-2015
  '914403001922038216', // 华为技术有限公司
  '91330100716105852F', // 阿里巴巴（中国）网络技术有限公司
  '9144030071526726XG', // 深圳市腾讯计算机系统有限公司
  '12100000400000624D', // a public institution (category 1, 事业单位)
];

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each(realCodes)('accepts the real code %s', (code) => {
    expect(checkCreditCode(code)).toBeNull();
  });

  it('accepts lower case and surrounding spaces', () => {
    expect(checkCreditCode('  9144030071526726xg ')).toBeNull();
  });

  it.each(realCodes)('refuses %s with any other check character', (code) => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (const ch of alphabet) {
      if (ch === code[17]) continue;
      expect(checkCreditCode(code.slice(0, 17) + ch)).toBe('checkCharacter');
    }
  });

  it('detects a single changed digit in the body', () => {
    expect(checkCreditCode('914403001922038316')).toBe('checkCharacter');
  });

  it('refuses wrong lengths', () => {
    expect(checkCreditCode('91440300192203821')).toBe('length');
    expect(checkCreditCode('9144030019220382160')).toBe('length');
    expect(checkCreditCode('')).toBe('length');
  });

  it('refuses letters the standard excludes (I, O, Z, S, V) and letters in the region code', () => {
    expect(checkCreditCode('91440300192203821O')).toBe('characters');
    expect(checkCreditCode('9144030019220382I6')).toBe('characters');
    expect(checkCreditCode('91A40300192203821X')).toBe('characters');
  });

  it('maps a remainder of 0 to the check character 0', () => {
    // 31 - (sum mod 31) is 31 when the sum is a multiple of 31; the standard writes it as 0.
    let found = false;
    for (let n = 0; n < 2000 && !found; n++) {
      const first17 = `91130100MA${String(n).padStart(7, '0')}`;
      if (computeCheckCharacter(first17) === '0') {
        found = true;
        expect(checkCreditCode(first17 + '0')).toBeNull();
      }
    }
    expect(found).toBe(true);
  });
});
