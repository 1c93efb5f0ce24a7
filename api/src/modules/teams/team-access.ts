import type { Executor } from '../../db/database.ts';
import type { UserRow } from '../../db/schema.ts';
import { listMembershipsOfUser } from '../orgs/orgs.repository.ts';
import { listTeamRolesOfUser } from './teams.repository.ts';

/** What one user is to one team: decides what they see and may change. */
export interface TeamRelation {
  user: UserRow | null;
  /** A representative (参赛代表) of the team. */
  isMember: boolean;
  isLeader: boolean;
  /** Admin of the lead organisation (牵头单位). */
  isLeadOrgAdmin: boolean;
  /** Admin of any of the team's organisations. */
  isOrgAdmin: boolean;
  overseer: boolean;
  committee: boolean;
}

export async function relationTo(
  db: Executor,
  user: UserRow | null,
  team: { id: string; lead_org_id: string },
  orgIds: string[],
): Promise<TeamRelation> {
  const [relation] = await relationsTo(db, user, [{ ...team, orgIds }]);
  return relation!;
}

/** The user's relation to several teams, with two queries whatever their number. */
export async function relationsTo(
  db: Executor,
  user: UserRow | null,
  teams: { id: string; lead_org_id: string; orgIds: string[] }[],
): Promise<TeamRelation[]> {
  const committee = !!user?.roles.includes('committee');
  const overseer = committee || !!user?.roles.includes('supervisor');
  if (!user || !teams.length) {
    return teams.map(() => ({ user, isMember: false, isLeader: false, isLeadOrgAdmin: false, isOrgAdmin: false, overseer, committee }));
  }
  const [memberships, orgMemberships] = await Promise.all([
    listTeamRolesOfUser(
      db,
      user.id,
      teams.map((t) => t.id),
    ),
    listMembershipsOfUser(db, user.id),
  ]);
  const adminOf = new Set(orgMemberships.filter((m) => m.role === 'admin').map((m) => m.org_id));
  return teams.map((team) => {
    const membership = memberships.find((m) => m.team_id === team.id);
    return {
      user,
      isMember: !!membership,
      isLeader: membership?.role === 'leader',
      isLeadOrgAdmin: adminOf.has(team.lead_org_id),
      isOrgAdmin: team.orgIds.some((id) => adminOf.has(id)),
      overseer,
      committee,
    };
  });
}

/** The leader and the lead organisation's admins manage the roster and invitations. */
export const canManage = (r: TeamRelation) => r.isLeader || r.isLeadOrgAdmin;
/** Other teams never learn about a team; its own people and the overseers do. */
export const canView = (r: TeamRelation) => r.isMember || r.isOrgAdmin || r.overseer;
