import { describe, expect, it } from 'vitest';
import type { EditionPhases } from '../../db/schema.ts';
import { assertPhaseOpen, beijingDateTime, phaseClosed, phaseState } from './phases.ts';

const w = (start: string, end: string) => ({ start, end });
const phases = {
  registration: w('2025-06-01T00:00:00.000Z', '2025-07-31T15:59:59.000Z'),
  submission: w('2025-06-01T00:00:00.000Z', '2025-08-10T15:59:59.000Z'),
  compliance: w('2025-08-11T00:00:00.000Z', '2025-08-20T00:00:00.000Z'),
  preliminaryReview: w('2025-08-21T00:00:00.000Z', '2025-09-01T00:00:00.000Z'),
  verification: w('2025-09-02T00:00:00.000Z', '2025-09-05T00:00:00.000Z'),
  final: w('2025-09-06T00:00:00.000Z', '2025-09-07T00:00:00.000Z'),
  dockingFair: w('2025-09-06T00:00:00.000Z', '2025-09-07T00:00:00.000Z'),
  publicity: w('2025-09-08T00:00:00.000Z', '2025-09-15T00:00:00.000Z'),
} satisfies EditionPhases;

describe('edition phases', () => {
  it('places a moment before, inside (both ends inclusive) or after a window', () => {
    expect(phaseState(phases, 'registration', new Date('2025-05-31T23:59:59.999Z'))).toBe('before');
    expect(phaseState(phases, 'registration', new Date('2025-06-01T00:00:00.000Z'))).toBe('open');
    expect(phaseState(phases, 'registration', new Date('2025-07-31T15:59:59.000Z'))).toBe('open');
    expect(phaseState(phases, 'registration', new Date('2025-07-31T15:59:59.001Z'))).toBe('after');
  });

  it('writes dates in Beijing time', () => {
    expect(beijingDateTime('2025-07-31T15:59:59.000Z')).toBe('2025-07-31 23:59');
    expect(beijingDateTime('2025-05-31T16:00:00.000Z')).toBe('2025-06-01 00:00');
  });

  it('PHASE_CLOSED names the phase, its dates and whether it is yet to come or over', () => {
    const early = phaseClosed(phases, 'submission', new Date('2025-05-01T00:00:00Z'), '提交申报书');
    expect(early.code).toBe('PHASE_CLOSED');
    expect(early.statusCode).toBe(409);
    expect(early.message).toBe('作品提交阶段（2025-06-01 08:00 至 2025-08-10 23:59，北京时间）尚未开始，不能提交申报书');
    expect(early.details).toMatchObject({ phase: 'submission', phaseLabel: '作品提交', state: 'before' });
    const late = phaseClosed(phases, 'submission', new Date('2025-09-01T00:00:00Z'), '提交申报书');
    expect(late.message).toContain('已结束');
    expect(() => assertPhaseOpen(phases, 'compliance', new Date('2025-08-15T00:00:00Z'), 'x')).not.toThrow();
    expect(() => assertPhaseOpen(phases, 'compliance', new Date('2025-08-25T00:00:00Z'), 'x')).toThrow(/资格审查阶段/);
  });
});
