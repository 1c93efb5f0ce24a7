import { describe, expect, it } from 'vitest';
import type { DemandStatus } from '../../db/schema.ts';
import { beijingDate, canTransition, isDataItemOverdue, publicStatus, transitions, type DemandAction } from './demand-lifecycle.ts';

const statuses: DemandStatus[] = ['draft', 'pending_review', 'published', 'rejected', 'closed', 'disqualified', 'withdrawn'];

// The allowed moves, written out independently of the table in demand-lifecycle.ts.
const allowed: Record<string, DemandStatus> = {
  'draft:submit': 'pending_review',
  'rejected:submit': 'pending_review',
  'pending_review:approve': 'published',
  'pending_review:reject': 'rejected',
  'published:revise': 'pending_review',
  'published:close': 'closed',
  'published:disqualify': 'disqualified',
  'draft:withdraw': 'withdrawn',
  'pending_review:withdraw': 'withdrawn',
  'published:withdraw': 'withdrawn',
};

describe('demand lifecycle', () => {
  const actions = Object.keys(transitions) as DemandAction[];
  for (const from of statuses) {
    for (const action of actions) {
      const expected = allowed[`${from}:${action}`];
      it(`${from} --${action}--> ${expected ?? 'refused'}`, () => {
        expect(canTransition(action, from)).toBe(expected !== undefined);
        if (expected) expect(transitions[action].to).toBe(expected);
      });
    }
  }

  it('closed, disqualified and withdrawn are final', () => {
    for (const from of ['closed', 'disqualified', 'withdrawn'] as const) {
      expect(actions.filter((a) => canTransition(a, from))).toEqual([]);
    }
  });

  it('keeps the approved version public while a revision is reviewed', () => {
    expect(publicStatus('pending_review', true)).toBe('published');
    expect(publicStatus('rejected', true)).toBe('published');
    expect(publicStatus('pending_review', false)).toBeNull();
    expect(publicStatus('draft', false)).toBeNull();
    expect(publicStatus('withdrawn', true)).toBeNull();
    expect(publicStatus('disqualified', true)).toBe('disqualified');
  });
});

describe('data-opening watch', () => {
  const item = { availableFrom: '2025-07-01', openedAt: null };
  it('is not overdue during the day the data is due (Beijing time)', () => {
    expect(isDataItemOverdue(item, new Date('2025-07-01T23:59:00+08:00'))).toBe(false);
  });
  it('is overdue from the next Beijing day on', () => {
    expect(isDataItemOverdue(item, new Date('2025-07-02T00:00:00+08:00'))).toBe(true);
  });
  it('is never overdue once opened', () => {
    expect(isDataItemOverdue({ ...item, openedAt: '2025-07-05T10:00:00Z' }, new Date('2025-08-01T00:00:00Z'))).toBe(false);
  });
  it('computes the Beijing date across the UTC day boundary', () => {
    expect(beijingDate(new Date('2025-06-30T16:30:00Z'))).toBe('2025-07-01');
  });
});
