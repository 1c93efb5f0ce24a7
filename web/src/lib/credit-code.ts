/**
 * Client-side hint for 统一社会信用代码 (GB 32100-2015) while typing. The check itself is the
 * API's own module (one implementation, bundled into the web); the server still has the last
 * word (INVALID_CREDIT_CODE).
 */
import { checkCreditCode, normalizeCreditCode } from '@jb/api/lib/credit-code.ts';

export type CreditCodeHint = { ok: boolean; text: string };

export function creditCodeHint(raw: string): CreditCodeHint {
  const code = normalizeCreditCode(raw);
  if (!code) return { ok: false, text: '18 位，由数字和大写字母组成（不含 I、O、Z、S、V），第 3–8 位为行政区划代码' };
  switch (checkCreditCode(code)) {
    case null:
      return { ok: true, text: '格式与校验位正确' };
    case 'length':
      return { ok: false, text: `已输入 ${code.length} 位，应为 18 位` };
    case 'characters':
      return { ok: false, text: '含有不允许的字符，或第 3–8 位不是数字' };
    case 'checkCharacter':
      return { ok: false, text: '校验位似乎不正确，请核对' };
  }
}
