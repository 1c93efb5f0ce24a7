import type { EditionPhases, PhaseName } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { phaseLabels } from './catalog.schemas.ts';

export type PhaseState = 'before' | 'open' | 'after';

/** Where `now` falls relative to a phase's window (both ends inclusive). */
export function phaseState(phases: EditionPhases, phase: PhaseName, now: Date): PhaseState {
  const { start, end } = phases[phase];
  const t = now.getTime();
  if (t < Date.parse(start)) return 'before';
  if (t > Date.parse(end)) return 'after';
  return 'open';
}

export const hasPhaseStarted = (phases: EditionPhases, phase: PhaseName, now: Date) => phaseState(phases, phase, now) !== 'before';
export const hasPhaseEnded = (phases: EditionPhases, phase: PhaseName, now: Date) => phaseState(phases, phase, now) === 'after';

/** "2025-07-31 23:59" in Beijing time, the way the notices write dates. */
export function beijingDateTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * PHASE_CLOSED naming the phase and its dates, so the user knows when the action
 * was or will be possible. `action` says what was refused ("创建团队").
 */
export function phaseClosed(phases: EditionPhases, phase: PhaseName, now: Date, action: string, window = phases[phase]): AppError {
  const label = phaseLabels[phase];
  const state = now.getTime() < Date.parse(window.start) ? '尚未开始' : '已结束';
  return new AppError(
    'PHASE_CLOSED',
    `${label}阶段（${beijingDateTime(window.start)} 至 ${beijingDateTime(window.end)}，北京时间）${state}，不能${action}`,
    { phase, phaseLabel: label, start: window.start, end: window.end, state: state === '尚未开始' ? 'before' : 'after' },
  );
}

/** Refuses unless `now` is inside the phase's window. */
export function assertPhaseOpen(phases: EditionPhases, phase: PhaseName, now: Date, action: string): void {
  if (phaseState(phases, phase, now) !== 'open') throw phaseClosed(phases, phase, now, action);
}
