/**
 * Refuses common and trivial passwords (a kept list plus simple patterns), with a
 * message that says why. Pure: no database.
 */
const COMMON = new Set(
  `123456 1234567 12345678 123456789 1234567890 0123456789 87654321 987654321 11111111 00000000 88888888 66666666
  12341234 11223344 112233445566 123123123 123321123 abc12345 abcd1234 abcdefgh a1234567 a12345678 aa123456 aaaaaaaa
  qwertyui qwerty12 qwerty123 qwertyuiop asdfghjk asdfasdf zxcvbnm1 1qaz2wsx 1q2w3e4r 1q2w3e4r5t qazwsxedc
  password password1 password12 password123 passw0rd p@ssw0rd p@ssword pass1234 admin123 admin1234 administrator
  root1234 welcome1 welcome123 iloveyou iloveyou1 woaini1314 woaini520 5201314520 woaini123 letmein1 letmein123
  monkey123 dragon123 football baseball sunshine princess superman trustno1 changeme changeme123 default1
  test1234 test12345 testtest guest123 user1234 login123 master123 secret123 computer internet abcdabcd
  zhang123 wang1234 li123456 china123 beijing1 shanghai huawei123 taobao123 jiebang123`
    .split(/\s+/)
    .filter(Boolean),
);

const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** Returns a Chinese message when the password is too easy to guess, else null. */
export function weakPasswordProblem(password: string, context: { email?: string; displayName?: string } = {}): string | null {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return '该密码过于常见，容易被猜中，请换一个更难猜的密码';
  if (new Set(lower).size <= 2) return '密码不能由一两个字符重复组成，请换一个更难猜的密码';
  const isRun = (s: string) => s.length >= 6 && [...s].every((c, i) => i === 0 || Math.abs(c.charCodeAt(0) - s.charCodeAt(i - 1)) === 1);
  if (isRun(lower)) return '密码不能是连续的数字或字母，请换一个更难猜的密码';
  if (KEYBOARD_ROWS.some((row) => row.includes(lower) || (row + row).includes(lower))) {
    return '密码不能是键盘上连续的按键，请换一个更难猜的密码';
  }
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return '密码不能包含邮箱名，请换一个更难猜的密码';
  return null;
}
