/**
 * Where an edition's publicity (公示) stands, computed from the app's clock and its reports —
 * no committee action makes results final, the calendar and the rulings do:
 *   scheduled  now < start
 *   open       start ≤ now < end (end = start + rules.publicityDays days): reports are taken
 *   reviewing  the period is over but a report awaits the supervisor's ruling, or an upheld
 *              report awaits the committee's decision on the freed place
 *   final      the period is over and every report is ruled and every place decided
 *              (with no report at all, the moment the period ends)
 */
export type PublicityState = 'scheduled' | 'open' | 'reviewing' | 'final';

export function publicityState(
  window: { start: Date; end: Date },
  open: { pending: number; undecided: number },
  now: Date,
): PublicityState {
  const t = now.getTime();
  if (t < window.start.getTime()) return 'scheduled';
  if (t < window.end.getTime()) return 'open';
  return open.pending > 0 || open.undecided > 0 ? 'reviewing' : 'final';
}

export const DAY_MS = 24 * 3600 * 1000;

/** The window: the end is `days` whole days after the start. */
export const publicityWindow = (start: Date, days: number) => ({ start, end: new Date(start.getTime() + days * DAY_MS) });
