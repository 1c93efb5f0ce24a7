import { describe, expect, it } from 'vitest';
import { formatShortDate, spansYears } from './format';

describe('short dates across a year change', () => {
  it('an edition whose phases cross New Year (Beijing time) needs years', () => {
    expect(spansYears(['2026-11-30T16:00:00Z', '2027-01-15T15:59:59Z'])).toBe(true);
    // 2025-12-31T16:00Z is already 2026-01-01 in Beijing
    expect(spansYears(['2026-01-01T00:00:00+08:00', '2025-12-31T16:00:00Z'])).toBe(false);
  });

  it('short dates carry the year only when asked', () => {
    expect(formatShortDate('2027-01-15T04:00:00Z')).toBe('1月15日');
    expect(formatShortDate('2027-01-15T04:00:00Z', true)).toBe('2027年1月15日');
  });
});
