import { describe, expect, it } from 'vitest';
import { availableSlotIds, buildSlots } from './fair-slots.ts';

describe('buildSlots', () => {
  it('cuts each day into slots with breaks and drops a slot that would overrun the day', () => {
    const slots = buildSlots(
      [
        { date: '2026-12-11', start: '09:00', end: '10:00' },
        { date: '2026-12-10', start: '14:00', end: '15:10' },
      ],
      20,
      5,
    );
    expect(slots.map((s) => s.id)).toEqual(['2026-12-10#1', '2026-12-10#2', '2026-12-10#3', '2026-12-11#1', '2026-12-11#2']);
    expect(slots[0]).toEqual({ id: '2026-12-10#1', start: '2026-12-10T14:00:00+08:00', end: '2026-12-10T14:20:00+08:00' });
    expect(slots[2]).toMatchObject({ start: '2026-12-10T14:50:00+08:00', end: '2026-12-10T15:10:00+08:00' });
    expect(slots[4]).toMatchObject({ start: '2026-12-11T09:25:00+08:00', end: '2026-12-11T09:45:00+08:00' });
  });

  it('refuses a zero slot length', () => {
    expect(() => buildSlots([{ date: '2026-12-10', start: '09:00', end: '10:00' }], 0, 5)).toThrow();
  });
});

describe('availableSlotIds', () => {
  it('keeps the slots entirely inside an interval, whatever the offset of the interval', () => {
    const slots = buildSlots([{ date: '2026-12-10', start: '09:00', end: '11:00' }], 30, 0);
    // 09:30–10:30 Beijing time = 01:30–02:30 UTC
    expect(availableSlotIds(slots, [{ start: '2026-12-10T01:30:00Z', end: '2026-12-10T02:45:00Z' }])).toEqual(['2026-12-10#2', '2026-12-10#3']);
    expect(availableSlotIds(slots, [])).toEqual([]);
  });
});
