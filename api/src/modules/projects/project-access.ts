import type { Executor } from '../../db/database.ts';
import type { EditionPhases, UserRow } from '../../db/schema.ts';
import { forbidden, notFound } from '../../errors.ts';
import { hasPhaseStarted } from '../catalog/phases.ts';
import { listMembershipsOfUser } from '../orgs/orgs.repository.ts';
import type { ProjectWithContext } from './projects.repository.ts';
import * as repo from './projects.repository.ts';
import { conflictOfInterest, reviewerAccess } from '../reviews/review-access.ts';

/**
 * Who sees a project, and which copy:
 * - the team's representatives edit the working copy; admins of the team's organisations read it;
 * - the committee and the supervisor read everything (the latest submitted version once there is one);
 * - the enterprise behind the targeted sub-topic reads eligible submitted bids once the
 *   preliminary review has begun (before, it only sees how many there are);
 * - anyone else, other teams included, gets 404: a bid's existence does not leak.
 */
export type ProjectView = 'working' | 'submitted';

export interface ProjectAccess {
  view: ProjectView;
  canEdit: boolean;
  isRepresentative: boolean;
  committee: boolean;
}

export async function accessTo(db: Executor, user: UserRow | null, project: ProjectWithContext, now: Date): Promise<ProjectAccess | null> {
  if (!user) return null;
  const committee = user.roles.includes('committee');
  if (await repo.isTeamMember(db, project.team_id, user.id)) {
    return { view: 'working', canEdit: project.status !== 'withdrawn', isRepresentative: true, committee };
  }
  if (await repo.isTeamOrgAdmin(db, project.team_id, user.id))
    return { view: 'working', canEdit: false, isRepresentative: false, committee };
  if (committee || user.roles.includes('supervisor')) {
    return { view: project.submitted_version ? 'submitted' : 'working', canEdit: false, isRepresentative: false, committee };
  }
  // Reviews: a reviewer in conflict never sees the project (403 whatever the URL); an assigned one reads the submitted version.
  const review = await reviewerAccess(db, user.id, project.id);
  if (review === 'conflict') throw conflictOfInterest();
  if (review === 'reviewer' && project.submitted_version) return { view: 'submitted', canEdit: false, isRepresentative: false, committee };
  if (project.demand_org_id && enterpriseSeesBid(project, now)) {
    const orgs = await listMembershipsOfUser(db, user.id);
    if (orgs.some((m) => m.org_id === project.demand_org_id))
      return { view: 'submitted', canEdit: false, isRepresentative: false, committee };
  }
  return null;
}

/** Only eligible, submitted bids go to review, and only once review has begun. */
export function enterpriseSeesBid(
  project: Pick<ProjectWithContext, 'status' | 'compliance_status' | 'phases' | 'submitted_version'>,
  now: Date,
) {
  return (
    project.status === 'submitted' &&
    project.compliance_status === 'eligible' &&
    project.submitted_version !== null &&
    hasPhaseStarted(project.phases as EditionPhases, 'preliminaryReview', now)
  );
}

export async function loadProject(db: Executor, user: UserRow | null, id: string, now: Date) {
  const project = await repo.findProject(db, id);
  const access = project ? await accessTo(db, user, project, now) : null;
  if (!project || !access) throw notFound('参赛项目');
  return { project, access };
}

/** Changes are for the team's representatives; others who can see the project get 403. */
export async function loadEditableProject(db: Executor, user: UserRow, id: string, now: Date) {
  const { project, access } = await loadProject(db, user, id, now);
  if (!access.isRepresentative) throw forbidden('只有本团队的参赛代表可以修改参赛项目');
  return project;
}
