import type { ScheduleInput, ScheduleResult } from './schedule-types.ts';

export type { MeetingToPlace, PlacedMeeting, ScheduleInput, ScheduleResult, SlotDef, UnplacedMeeting } from './schedule-types.ts';

/**
 * Places accepted meetings of the docking fair into slots and tables (issue 13).
 * Deterministic: the same input gives the same output.
 */
export async function scheduleMeetings(input: ScheduleInput): Promise<ScheduleResult> {
  void input;
  throw new Error('not implemented yet');
}
