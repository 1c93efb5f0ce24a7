/** Recommendations both ways between sub-topics (demands) and teams, with reasons (issue 13). */

export interface DemandProfile {
  id: string;
  title: string;
  /** Need + goals + data scope. */
  text: string;
  trackId: string;
  topicId: string;
  region: string | null;
  /** 'download' | 'api' | 'sandbox' | 'onsite'. */
  accessModes: string[];
}

export interface TeamProfile {
  id: string;
  name: string;
  /** Capability profile + project application. */
  text: string;
  trackIds: string[];
  topicIds: string[];
  regions: string[];
  dataCapabilities: string[];
  preferredAccessModes?: string[];
}

export interface Recommendation {
  id: string;
  /** 0..1 */
  score: number;
  /** 匹配原因, a few Chinese words each. */
  reasons: string[];
}

export function recommendDemandsForTeam(team: TeamProfile, demands: DemandProfile[], limit: number): Recommendation[] {
  void team; void demands; void limit;
  return [];
}

export function recommendTeamsForDemand(demand: DemandProfile, teams: TeamProfile[], limit: number): Recommendation[] {
  void demand; void teams; void limit;
  return [];
}
