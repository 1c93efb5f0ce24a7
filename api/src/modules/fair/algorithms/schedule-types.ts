/** Types of the docking-fair scheduler (issue 13); re-exported by schedule-meetings.ts. */

export interface SlotDef {
  id: string;
  /** ISO date-time. */
  start: string;
  /** ISO date-time. */
  end: string;
}

export interface MeetingToPlace {
  id: string;
  /** Participant id on the enterprise side. */
  a: string;
  /** Participant id on the team side. */
  b: string;
  /** The committee fixed this meeting at a slot and table (tables 1..T). */
  pinned?: { slotId: string; table: number };
}

export interface ScheduleInput {
  slots: SlotDef[];
  /** Tables per slot, numbered 1..tables. */
  tables: number;
  meetings: MeetingToPlace[];
  /** participantId → ids of the slots they are available in; a participant absent from the map is available in every slot. */
  availability: Record<string, string[]>;
  /** Budget for the exact solver (default 2,000 ms; it blocks the thread); the combinatorial parts do not use it. */
  timeLimitMs?: number;
  /** Optional display names (participantId → name) used in the Chinese reasons; default "企业方 <id>" / "团队方 <id>". */
  labels?: Record<string, string>;
}

export interface PlacedMeeting {
  meetingId: string;
  slotId: string;
  table: number;
}

export interface UnplacedMeeting {
  meetingId: string;
  /** Specific, in Chinese. */
  reason: string;
}

export interface ScheduleResult {
  placed: PlacedMeeting[];
  unplaced: UnplacedMeeting[];
  /** max(Δ, ⌈M/T⌉) over all meetings: the fewest slots any clash-free schedule of them needs. */
  lowerBound: number;
  /** Distinct slots holding at least one placed meeting. */
  slotsUsed: number;
  method: 'edge-colouring' | 'milp' | 'heuristic';
  /** The number of placed meetings is proven maximal. */
  optimal: boolean;
  /** (upperBound − placed) / upperBound when not proven optimal, 0 when optimal, null when no bound is known. */
  gap: number | null;
  millis: number;
  /** Proven upper bound on the meetings that can be placed (extra field). */
  upperBound?: number;
}
