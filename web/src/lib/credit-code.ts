/**
 * Client-side hint for 统一社会信用代码 (GB 32100-2015). The server is the
 * authority (INVALID_CREDIT_CODE); this only helps while typing.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type CreditCodeHint = { ok: boolean; text: string };

export function creditCodeHint(raw: string): CreditCodeHint {
  const code = raw.trim().toUpperCase();
  if (!code) return { ok: false, text: '18 位，由数字和大写字母组成（不含 I、O、Z、S、V），第 3–8 位为行政区划代码' };
  if (code.length !== 18) return { ok: false, text: `已输入 ${code.length} 位，应为 18 位` };
  if (!SHAPE.test(code)) return { ok: false, text: '含有不允许的字符，或第 3–8 位不是数字' };
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(code[i]) * WEIGHTS[i];
  const check = ALPHABET[(31 - (sum % 31)) % 31];
  return check === code[17] ? { ok: true, text: '格式与校验位正确' } : { ok: false, text: '校验位似乎不正确，请核对' };
}
