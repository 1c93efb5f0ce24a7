import { describe, expect, it } from 'vitest';
import { publicityState, publicityWindow } from './publicity-state.ts';

describe('publicityState', () => {
  const w = publicityWindow(new Date('2025-09-01T00:00:00+08:00'), 7);
  const none = { pending: 0, undecided: 0 };
  it('ends exactly 7 days after the start', () => {
    expect(w.end.toISOString()).toBe('2025-09-07T16:00:00.000Z');
  });
  it('scheduled, open, then final by the clock', () => {
    expect(publicityState(w, none, new Date('2025-08-31T23:59:59+08:00'))).toBe('scheduled');
    expect(publicityState(w, none, new Date('2025-09-01T00:00:00+08:00'))).toBe('open');
    expect(publicityState(w, none, new Date('2025-09-07T23:59:59+08:00'))).toBe('open');
    expect(publicityState(w, none, new Date('2025-09-08T00:00:00+08:00'))).toBe('final');
  });
  it('not final while a report is pending or an upheld one awaits the place decision', () => {
    const after = new Date('2025-09-10T00:00:00+08:00');
    expect(publicityState(w, { pending: 1, undecided: 0 }, after)).toBe('reviewing');
    expect(publicityState(w, { pending: 0, undecided: 1 }, after)).toBe('reviewing');
    expect(publicityState(w, { pending: 1, undecided: 0 }, new Date('2025-09-02T00:00:00+08:00'))).toBe('open');
  });
});
