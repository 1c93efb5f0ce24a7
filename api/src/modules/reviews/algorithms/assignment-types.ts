// Types of the expert assignment (issue 11). Re-exported by assign-experts.ts, which is
// the module other code imports from.

/** Something experts are assigned to: a sub-topic panel (all bids on one enterprise
 *  sub-topic, reviewed by the same experts) or one regular-topic project. */
export interface AssignmentItem {
  id: string;
  trackId: string;
  trackName: string;
  /** panel = all bids on one sub-topic, reviewed by the same experts */
  kind: 'panel' | 'project';
  /** projects an expert must review if assigned (panel: number of bids, project: 1) */
  load: number;
  expertsNeeded: number;
  /** keywords of the project/sub-topic text */
  terms: string[];
  /** Optional display name used in feasibility messages (the id otherwise). */
  name?: string;
}

export interface AssignmentExpert {
  id: string;
  name: string;
  /** Tracks the expert reviews. Empty = a generalist who may review any track. */
  trackIds: string[];
  fields: string[];
}

export interface AssignmentPair {
  itemId: string;
  expertId: string;
}

export interface AssignmentInput {
  items: AssignmentItem[];
  experts: AssignmentExpert[];
  /** excluded pairs */
  conflicts: AssignmentPair[];
  /** manual assignments that must stay */
  fixed: AssignmentPair[];
  /** max load per expert (projects to review, a panel counts its number of bids) */
  maxPerExpert: number;
  /** Optional: let experts review items outside their tracks (fit has no track part
   *  then). Default false: an expert with tracks reviews only those tracks. */
  allowCrossTrack?: boolean;
  /** Optional: fit given up per review above the balance target (default 0.1). */
  balanceWeight?: number;
}

export interface FeasibilityProblem {
  itemId?: string;
  trackId?: string;
  expertId?: string;
  message: string;
}

export interface AssignmentResult {
  feasible: boolean;
  problems: FeasibilityProblem[];
  assignments: { itemId: string; expertId: string; fit: number }[];
  unassigned: { itemId: string; missing: number; reason: string }[];
  loads: { expertId: string; load: number }[];
  /** Σ fit × item load over the assignments (fit per review done). */
  totalFit: number;
  optimal: boolean;
  /** Relative gap between the solution and the proven upper bound; null when unknown. */
  gap: number | null;
  solver: string;
  millis: number;
  /** Balance target (load per expert above which the balance penalty applies). */
  target?: number;
}
