import type { FairRow, MeetingSide } from '../../db/schema.ts';
import type { MeetingWithDemand, ParticipantWithName } from './fair.repository.ts';
import { buildSlots } from './slots.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function participantRef(p: Pick<ParticipantWithName, 'id' | 'kind' | 'name'> | undefined) {
  return p
    ? { id: p.id, kind: p.kind, name: p.name }
    : { id: '00000000-0000-0000-0000-000000000000', kind: 'team' as const, name: '（已移除）' };
}

export function participantDto(p: ParticipantWithName, canAct: boolean) {
  return {
    id: p.id,
    fairId: p.fair_id,
    kind: p.kind,
    orgId: p.org_id,
    teamId: p.team_id,
    name: p.name,
    orgName: p.org_name ?? '',
    region: p.region,
    availability: p.availability,
    acceptedMeetings: Number(p.accepted_meetings),
    canAct,
  };
}

export function fairSlots(fair: FairRow) {
  return buildSlots(fair.days, fair.slot_minutes, fair.break_minutes);
}

export function fairDto(
  fair: FairRow,
  extra: {
    programme: { id: string; title: string; speaker: string; starts_at: Date; ends_at: Date }[];
    participantCount: number;
    myParticipants: { id: string; kind: 'enterprise' | 'team'; name: string }[];
  },
) {
  return {
    id: fair.id,
    editionId: fair.edition_id,
    name: fair.name,
    venue: fair.venue,
    days: fair.days,
    slotMinutes: fair.slot_minutes,
    breakMinutes: fair.break_minutes,
    tables: fair.tables,
    requestTtlHours: fair.request_ttl_hours,
    maxMeetingsPerParticipant: fair.max_meetings,
    checkinGraceMinutes: fair.checkin_grace_minutes,
    slots: fairSlots(fair),
    programme: extra.programme.map(presentationDto),
    participantCount: extra.participantCount,
    myParticipants: extra.myParticipants,
  };
}

export function presentationDto(p: { id: string; title: string; speaker: string; starts_at: Date; ends_at: Date }) {
  return { id: p.id, title: p.title, speaker: p.speaker, start: iso(p.starts_at)!, end: iso(p.ends_at)! };
}

export interface OutcomeRow {
  meeting_id: string;
  side: MeetingSide;
  result: 'none' | 'intent' | 'signed';
  amount_wan: string | null;
  note: string;
  recorded_at: Date;
}

export function meetingDto(m: MeetingWithDemand, names: Map<string, ParticipantWithName>, outcomes: OutcomeRow[]) {
  return {
    id: m.id,
    fairId: m.fair_id,
    requestId: m.request_id,
    enterprise: participantRef(names.get(m.enterprise_participant_id)),
    team: participantRef(names.get(m.team_participant_id)),
    demandId: m.demand_id,
    demandTitle: m.demand_title,
    status: m.status,
    slotId: m.slot_id,
    start: iso(m.starts_at),
    end: iso(m.ends_at),
    table: m.table_no,
    pinned: m.pinned,
    unplacedReason: m.status === 'active' ? m.unplaced_reason : null,
    enterpriseCheckedInAt: iso(m.enterprise_checked_in_at),
    teamCheckedInAt: iso(m.team_checked_in_at),
    enterpriseNoShow: !!m.enterprise_no_show_at,
    teamNoShow: !!m.team_no_show_at,
    outcomes: outcomes
      .filter((o) => o.meeting_id === m.id)
      .map((o) => ({
        side: o.side,
        result: o.result,
        amountWan: o.amount_wan === null ? null : Number(o.amount_wan),
        note: o.note,
        recordedAt: iso(o.recorded_at)!,
      })),
    cancelReason: m.cancel_reason,
  };
}
