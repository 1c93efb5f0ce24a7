import type { EditionPhases, EditionRules, ProjectStatus, ComplianceStatus } from '../../db/schema.ts';
import { hasPhaseEnded } from '../catalog/phases.ts';
import { canManage, type TeamRelation } from './team-access.ts';
import type { InvitationWithNames, TeamMemberWithUser, TeamOrgWithOrg, TeamWithEdition } from './teams.repository.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

export function invitationDto(i: InvitationWithNames) {
  return {
    id: i.id,
    teamId: i.team_id,
    teamName: i.team_name,
    editionId: i.edition_id,
    leadOrgName: i.lead_org_name,
    org: { id: i.org_id, name: i.org_name },
    status: i.status,
    invitedBy: { id: i.invited_by, displayName: i.invited_by_name },
    createdAt: iso(i.created_at),
    respondedAt: i.responded_at ? iso(i.responded_at) : null,
  };
}

export function teamDto(
  team: TeamWithEdition,
  ctx: {
    orgs: TeamOrgWithOrg[];
    members: TeamMemberWithUser[];
    invitations: InvitationWithNames[];
    project: {
      id: string;
      name: string;
      status: ProjectStatus;
      compliance_status: ComplianceStatus | null;
      compliance_reason: string | null;
      topic_id: string;
      demand_id: string | null;
      topic_title: string;
      demand_title: string | null;
    } | null;
    relation: TeamRelation;
    now: Date;
  },
) {
  const phases = team.phases as EditionPhases;
  const rules = team.rules as EditionRules;
  return {
    id: team.id,
    name: team.name,
    editionId: team.edition_id,
    edition: { id: team.edition_id, name: team.edition_name },
    leadOrgId: team.lead_org_id,
    orgs: ctx.orgs.map((o) => ({
      id: o.id,
      name: o.name,
      kind: o.kind,
      role: o.role,
      ...(ctx.relation.overseer
        ? { blacklisted: o.blacklisted, blacklistReason: o.blacklist_reason, organizerAffiliated: o.organizer_affiliated }
        : {}),
      joinedAt: iso(o.joined_at),
    })),
    members: ctx.members.map((m) => ({
      userId: m.user_id,
      displayName: m.display_name,
      email: m.email,
      orgId: m.org_id,
      orgName: m.org_name,
      role: m.role,
      joinedAt: iso(m.joined_at),
    })),
    maxMembers: rules.maxTeamSize,
    invitations: ctx.invitations.map(invitationDto),
    project: ctx.project
      ? {
          id: ctx.project.id,
          name: ctx.project.name,
          status: ctx.project.status,
          compliance: ctx.project.compliance_status,
          complianceReason: ctx.project.compliance_reason,
          target: ctx.project.demand_id
            ? {
                kind: 'demand' as const,
                topicId: ctx.project.topic_id,
                demandId: ctx.project.demand_id,
                title: ctx.project.demand_title ?? '',
              }
            : { kind: 'topic' as const, topicId: ctx.project.topic_id, demandId: null, title: ctx.project.topic_title },
        }
      : null,
    registration: phases.registration,
    submission: phases.submission,
    rosterFrozen: hasPhaseEnded(phases, 'registration', ctx.now),
    canManage: canManage(ctx.relation),
    isMember: ctx.relation.isMember,
    createdAt: iso(team.created_at),
  };
}
