import { describe, expect, it } from 'vitest';
import { buildSlots, normalizeRegion, slotLabel, slotsWithin, windowOutsideFair } from './slots.ts';

describe('fair slots', () => {
  const days = [{ date: '2026-03-01', start: '09:00', end: '10:30' }];

  it('cuts a day into slots with breaks, all ending by the day end', () => {
    const slots = buildSlots(days, 20, 5);
    expect(slots.map((s) => s.id)).toEqual(['2026-03-01T09:00', '2026-03-01T09:25', '2026-03-01T09:50']);
    expect(slots[0]).toMatchObject({ start: '2026-03-01T01:00:00.000Z', end: '2026-03-01T01:20:00.000Z' });
    expect(buildSlots(days, 30, 0)).toHaveLength(3);
    expect(buildSlots(days, 120, 0)).toHaveLength(0);
  });

  it('keeps only the slots wholly inside availability windows; none means all', () => {
    const slots = buildSlots(days, 30, 0);
    expect(slotsWithin(slots, [])).toBeUndefined();
    expect(slotsWithin(slots, [{ start: '2026-03-01T09:00:00+08:00', end: '2026-03-01T09:45:00+08:00' }])).toEqual(['2026-03-01T09:00']);
  });

  it('finds windows outside the fair days or reversed', () => {
    expect(windowOutsideFair(days, [{ start: '2026-03-01T09:00:00+08:00', end: '2026-03-01T10:00:00+08:00' }])).toBeUndefined();
    expect(windowOutsideFair(days, [{ start: '2026-03-01T08:00:00+08:00', end: '2026-03-01T10:00:00+08:00' }])).toBeDefined();
    expect(windowOutsideFair(days, [{ start: '2026-03-01T10:00:00+08:00', end: '2026-03-01T09:00:00+08:00' }])).toBeDefined();
  });

  it('labels and regions', () => {
    expect(slotLabel('2026-03-01T01:00:00Z', '2026-03-01T01:20:00Z')).toBe('3月1日 09:00–09:20');
    expect(normalizeRegion('河北省石家庄市')).toBe('石家庄');
    expect(normalizeRegion('河北省雄安新区')).toBe('雄安新区');
    expect(normalizeRegion('北京市')).toBe('北京');
    expect(normalizeRegion('')).toBeNull();
  });
});
