/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015.
 *
 * 18 characters: registration authority (1), organisation category (1),
 * administrative division (6 digits), organisation code (9), check character (1).
 * The alphabet has 31 characters: digits and capital letters without I, O, Z, S, V.
 * The check character is 31 - (Σ value(c_i) × w_i mod 31), with 31 mapped to 0.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type CreditCodeProblem = 'length' | 'characters' | 'checkCharacter';

export function computeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]);
    if (value < 0) throw new Error(`invalid character ${first17[i]}`);
    sum += value * WEIGHTS[i];
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET[check];
}

/** Returns null when valid, otherwise what is wrong. Input is upper-cased and trimmed first. */
export function checkCreditCode(raw: string): CreditCodeProblem | null {
  const code = normalizeCreditCode(raw);
  if (code.length !== 18) return 'length';
  if (!SHAPE.test(code)) return 'characters';
  return computeCheckCharacter(code.slice(0, 17)) === code[17] ? null : 'checkCharacter';
}

export function normalizeCreditCode(raw: string): string {
  return raw.trim().toUpperCase();
}

export const creditCodeMessages: Record<CreditCodeProblem, string> = {
  length: '统一社会信用代码应为18位',
  characters: '统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V）',
  checkCharacter: '统一社会信用代码校验位不正确',
};
