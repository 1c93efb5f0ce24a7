import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cachedBoard, noteDemandWrite } from './board-cache.ts';

describe('public board cache', () => {
  beforeEach(() => vi.useFakeTimers({ now: new Date('2026-11-30T10:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('remembers a value for a second, forgets it on a write and keeps nothing for two seconds after one', async () => {
    let n = 0;
    const compute = async () => ++n;
    vi.advanceTimersByTime(5000); // clear of any earlier write
    expect(await cachedBoard('k', compute)).toBe(1);
    expect(await cachedBoard('k', compute)).toBe(1);
    expect(await cachedBoard('other', compute)).toBe(2);
    vi.advanceTimersByTime(1001);
    expect(await cachedBoard('k', compute)).toBe(3);
    noteDemandWrite();
    expect(await cachedBoard('k', compute)).toBe(4);
    expect(await cachedBoard('k', compute)).toBe(5); // within two seconds of the write: never remembered
    vi.advanceTimersByTime(2001);
    expect(await cachedBoard('k', compute)).toBe(6);
    expect(await cachedBoard('k', compute)).toBe(6);
  });
});
