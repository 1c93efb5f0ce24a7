import type { OrgKind } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';

/**
 * 参赛条件 (section 六 of the notice) as checks over an organisation: not on a credit
 * blacklist, not affiliated with the organisers, and a government body only in the
 * tracks the edition opens to government bodies. Run when an organisation leads or
 * joins a team, when a project picks its target, and again at submission; the
 * compliance queue shows the same checks to the committee.
 */
export interface EligibilityOrg {
  id: string;
  name: string;
  kind: OrgKind;
  blacklisted: boolean;
  blacklist_reason: string | null;
  organizer_affiliated: boolean;
}

/** The track a project targets, or, before a target is chosen, whether any track admits government bodies. */
export type TrackContext = { track: { name: string; government_allowed: boolean } } | { anyGovernmentTrack: boolean };

export interface EligibilityCheck {
  key: string;
  label: string;
  passed: boolean;
  message: string;
  code?: 'ORG_BLACKLISTED' | 'ORG_AFFILIATED' | 'ORG_KIND_NOT_ALLOWED';
}

export function eligibilityChecks(org: EligibilityOrg, context: TrackContext): EligibilityCheck[] {
  const checks: EligibilityCheck[] = [
    org.blacklisted
      ? {
          key: `${org.id}.blacklist`,
          label: '信用记录',
          passed: false,
          code: 'ORG_BLACKLISTED',
          message: `「${org.name}」被列入失信名单${org.blacklist_reason ? `（${org.blacklist_reason}）` : ''}，不得参赛`,
        }
      : { key: `${org.id}.blacklist`, label: '信用记录', passed: true, message: `「${org.name}」未被列入失信名单` },
    org.organizer_affiliated
      ? {
          key: `${org.id}.affiliation`,
          label: '与组织方关联',
          passed: false,
          code: 'ORG_AFFILIATED',
          message: `「${org.name}」是赛事组织方或其关联单位，不得报名本届比赛`,
        }
      : { key: `${org.id}.affiliation`, label: '与组织方关联', passed: true, message: `「${org.name}」与组织方无关联` },
  ];
  if (org.kind === 'government') {
    if ('track' in context) {
      checks.push(
        context.track.government_allowed
          ? { key: `${org.id}.kind`, label: '单位类型', passed: true, message: `政府部门可参加「${context.track.name}」赛道` }
          : {
              key: `${org.id}.kind`,
              label: '单位类型',
              passed: false,
              code: 'ORG_KIND_NOT_ALLOWED',
              message: `「${org.name}」是政府部门，「${context.track.name}」赛道不接受政府部门参赛`,
            },
      );
    } else if (!context.anyGovernmentTrack) {
      checks.push({
        key: `${org.id}.kind`,
        label: '单位类型',
        passed: false,
        code: 'ORG_KIND_NOT_ALLOWED',
        message: `本届赛事没有向政府部门开放的赛道，「${org.name}」不能参赛`,
      });
    }
  }
  return checks;
}

/**
 * Throws the first failed check's code (blacklist before affiliation before kind).
 * The committee's flags and reasons are theirs and the supervisor's: the refusal
 * says only that the organisation cannot take part (the kind rule is public).
 */
export function assertEligible(orgs: EligibilityOrg[], context: TrackContext): void {
  for (const org of orgs) {
    const failed = eligibilityChecks(org, context).find((c) => !c.passed);
    if (!failed) continue;
    const flagged = failed.code === 'ORG_BLACKLISTED' || failed.code === 'ORG_AFFILIATED';
    const message = flagged ? `「${org.name}」不符合参赛条件，不能参加本届比赛；如有疑问请联系组委会秘书处` : failed.message;
    throw new AppError(failed.code!, message, { orgId: org.id });
  }
}
