/** What the team, roster and invitation use cases share: roster rules, loading and locking a team. */
import type { DB, Executor, Trx } from '../../db/database.ts';
import type { EditionPhases, UserRow } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { assertPhaseOpen, beijingDateTime, hasPhaseEnded } from '../catalog/phases.ts';
import { canView, relationsTo, relationTo, type TeamRelation } from './team-access.ts';
import { teamDto } from './team-dto.ts';
import * as repo from './teams.repository.ts';

/** After the registration deadline the roster is fixed (报名截止之后，参赛代表不可更改). */
export function assertRosterOpen(phases: EditionPhases, now: Date) {
  if (hasPhaseEnded(phases, 'registration', now)) {
    throw new AppError(
      'ROSTER_FROZEN',
      `报名已于 ${beijingDateTime(phases.registration.end)}（北京时间）截止，团队名单已锁定，不能再更改`,
      {
        registrationEnd: phases.registration.end,
      },
    );
  }
  assertPhaseOpen(phases, 'registration', now, '更改团队名单');
}

export function alreadyInTeam(teamName?: string) {
  return new AppError(
    'ALREADY_IN_TEAM',
    teamName
      ? `该用户已是本届赛事团队「${teamName}」的参赛代表，每人只能代表一个团队`
      : '该用户已是本届赛事另一个团队的参赛代表，每人只能代表一个团队',
  );
}

/** Loads a team with what its DTO needs, checking the viewer may see it (404 otherwise, so existence does not leak). */
export async function loadVisibleTeam(db: Executor, user: UserRow | null, id: string) {
  const [team] = await repo.findTeamsByIds(db, [id]);
  if (!team) throw notFound('团队');
  const orgs = await repo.listTeamOrgs(db, [id]);
  const relation = await relationTo(
    db,
    user,
    team,
    orgs.map((o) => o.id),
  );
  if (!canView(relation)) throw notFound('团队');
  return { team, orgs, relation };
}

export async function buildTeams(db: Executor, user: UserRow | null, teamIds: string[], now: Date) {
  const [teams, orgs, members, invitations, projects] = await Promise.all([
    repo.findTeamsByIds(db, teamIds),
    repo.listTeamOrgs(db, teamIds),
    repo.listTeamMembers(db, teamIds),
    repo.listInvitationsOfTeams(db, teamIds),
    repo.listProjectsOfTeams(db, teamIds),
  ]);
  const orgsOf = (teamId: string) => orgs.filter((o) => o.team_id === teamId);
  const relations = await relationsTo(
    db,
    user,
    teams.map((t) => ({ ...t, orgIds: orgsOf(t.id).map((o) => o.id) })),
  );
  return teams.flatMap((team, i) =>
    // Listings only ever hold teams the viewer may see; a single team not visible is a 404 below.
    canView(relations[i]!)
      ? [
          teamDto(team, {
            orgs: orgsOf(team.id),
            members: members.filter((m) => m.team_id === team.id),
            invitations: invitations.filter((inv) => inv.team_id === team.id),
            project: projects.find((p) => p.team_id === team.id) ?? null,
            relation: relations[i]!,
            now,
          }),
        ]
      : [],
  );
}

/**
 * Runs a roster change with the team row locked, so two requests for the last seat
 * (or any two roster changes of one team) are serialised.
 */
export async function withLockedTeam<T>(
  db: DB,
  user: UserRow,
  teamId: string,
  now: Date,
  change: (ctx: { trx: Trx; team: repo.TeamWithEdition; relation: TeamRelation; orgIds: string[] }) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const { team, orgs, relation } = await loadVisibleTeam(trx, user, teamId);
    await repo.lockTeam(trx, teamId);
    return change({ trx, team, relation, orgIds: orgs.map((o) => o.id) });
  });
}
