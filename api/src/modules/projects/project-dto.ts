import type { EditionPhases, OrgKind, ProjectMaterialRow, ProjectSections } from '../../db/schema.ts';
import type { ProjectAccess } from './project-access.ts';
import { materialCategories, missingItems } from './projects.schemas.ts';
import type { ProjectSummaryRow, ProjectWithContext } from './projects.repository.ts';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function targetDto(p: ProjectSummaryRow) {
  return {
    kind: p.demand_id ? ('demand' as const) : ('topic' as const),
    topicId: p.topic_id,
    topicTitle: p.topic_title,
    trackId: p.track_id,
    trackName: p.track_name,
    governmentAllowed: p.government_allowed,
    demandId: p.demand_id,
    demandTitle: p.demand_id ? p.demand_title : null,
    demandBidDeadline: iso(p.demand_bid_deadline),
    enterpriseName: p.enterprise_name ?? null,
  };
}

export function summaryDto(p: ProjectSummaryRow) {
  return {
    id: p.id,
    name: p.name,
    status: p.status,
    teamId: p.team_id,
    teamName: p.team_name,
    editionId: p.edition_id,
    target: targetDto(p),
    submittedVersion: p.submitted_version,
    submittedAt: iso(p.submitted_at),
    compliance: p.compliance_status ? { status: p.compliance_status, reason: p.compliance_reason, decidedAt: iso(p.compliance_at) } : null,
    updatedAt: iso(p.updated_at)!,
  };
}

export function materialDto(m: ProjectMaterialRow) {
  return {
    id: m.id,
    category: m.category,
    categoryLabel: materialCategories[m.category].label,
    fileName: m.file_name,
    mimeType: m.mime_type,
    size: Number(m.size),
    sha256: m.sha256,
    uploadedAt: iso(m.uploaded_at)!,
    uploadedBy: m.uploaded_by,
  };
}

export function projectDto(
  p: ProjectWithContext,
  ctx: {
    access: ProjectAccess;
    /** The copy shown: the working copy or the latest submitted version's name/sections/materials. */
    name: string;
    sections: ProjectSections;
    materials: ProjectMaterialRow[];
    workingMaterials: ProjectMaterialRow[];
    orgs: { id: string; name: string; kind: OrgKind; role: 'lead' | 'co_applicant' }[];
  },
) {
  const phases = p.phases as EditionPhases;
  const missing = missingItems(p.sections, new Set(ctx.workingMaterials.map((m) => m.category)));
  return {
    ...summaryDto(p),
    name: ctx.name,
    team: { id: p.team_id, name: p.team_name, orgs: ctx.orgs },
    version: p.version,
    sections: ctx.sections,
    materials: ctx.materials.map(materialDto),
    hasUnsubmittedChanges: p.changed_since_submit,
    withdrawnAt: iso(p.withdrawn_at),
    checklist: { complete: missing.length === 0, missing: ctx.access.view === 'working' ? missing : [] },
    submission: phases.submission,
    view: ctx.access.view,
    canEdit: ctx.access.canEdit,
    createdAt: iso(p.created_at)!,
  };
}
