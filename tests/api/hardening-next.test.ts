import { describe, expect, it } from 'vitest';

// The web's pure helper, loaded by path (type-checked by svelte-check with the web's settings).
const { safeNext } = (await import(new URL('../../web/src/lib/safe-next.ts', import.meta.url).href)) as {
  safeNext: (next: string | null | undefined, origin?: string) => string;
};

describe('login ?next= only leads to a path on this site', () => {
  const origin = 'https://jiebang.example.cn';
  it.each([
    '/\t/evil.example',
    decodeURIComponent('/%09/evil.example'),
    decodeURIComponent('/%0a/evil.example'),
    '//evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    ' /x',
    '',
    null,
  ])('refuses %j', (next) => {
    expect(safeNext(next, origin)).toBe('/');
  });

  it.each([
    ['/workspace/teams', '/workspace/teams'],
    ['/search?q=%E9%92%A2&page=2', '/search?q=%E9%92%A2&page=2'],
    ['/demands/1#bids', '/demands/1#bids'],
    ['/a/../orgs', '/orgs'],
  ])('keeps %j', (next, expected) => {
    expect(safeNext(next, origin)).toBe(expected);
  });
});
