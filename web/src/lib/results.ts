import type { Schemas } from '$lib/api/client';

/** Aliases of the generated results shapes (issue 14) and small display helpers. */
export type ResultSettings = Schemas['ResultSettings'];
export type Advancement = Schemas['Advancement'];
export type AdvancementTrack = Advancement['computation']['tracks'][number];
export type Finalist = Schemas['Finalist'];
export type FinalistStatus = Schemas['FinalistStatus'];
export type FinalistEvidence = Schemas['FinalistEvidence'];
export type MyFinalist = Schemas['MyFinalist'];
export type Decision = Schemas['Decision'];
export type Award = Schemas['Award'];
export type Awards = Schemas['Awards'];
export type AwardLevel = Schemas['AwardLevel'];
export type AwardStatus = Schemas['AwardStatus'];
export type Outcome = AdvancementTrack['ranking'][number]['outcome'];
export type PlaceKind = Finalist['placeKind'];
