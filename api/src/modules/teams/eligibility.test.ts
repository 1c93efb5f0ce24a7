import { describe, expect, it } from 'vitest';
import type { AppError } from '../../errors.ts';
import { assertEligible, eligibilityChecks, type EligibilityOrg } from './eligibility.ts';

const org = (overrides: Partial<EligibilityOrg> = {}): EligibilityOrg => ({
  id: 'o1',
  name: '测试单位',
  kind: 'enterprise',
  blacklisted: false,
  blacklist_reason: null,
  organizer_affiliated: false,
  ...overrides,
});
const industry = { track: { name: '工业制造', government_allowed: false } };
const cityGovernance = { track: { name: '城市治理', government_allowed: true } };

const codeOf = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as AppError).code;
  }
};

describe('eligibility (参赛条件)', () => {
  it('a clean enterprise passes every check in any track', () => {
    expect(eligibilityChecks(org(), industry).every((c) => c.passed)).toBe(true);
    expect(codeOf(() => assertEligible([org()], industry))).toBeNull();
  });

  it('blacklist and affiliation refuse, blacklist reported first', () => {
    expect(codeOf(() => assertEligible([org({ blacklisted: true, blacklist_reason: '失信被执行人' })], industry))).toBe('ORG_BLACKLISTED');
    expect(codeOf(() => assertEligible([org({ organizer_affiliated: true })], industry))).toBe('ORG_AFFILIATED');
    expect(codeOf(() => assertEligible([org({ organizer_affiliated: true, blacklisted: true, blacklist_reason: 'x' })], industry))).toBe(
      'ORG_BLACKLISTED',
    );
    const checks = eligibilityChecks(org({ blacklisted: true, blacklist_reason: '失信被执行人' }), industry);
    expect(checks.find((c) => !c.passed)!.message).toContain('失信被执行人');
  });

  it('government bodies only in government-open tracks, or when some track is open before a target is chosen', () => {
    const bureau = org({ kind: 'government', name: '市数据局' });
    expect(codeOf(() => assertEligible([bureau], industry))).toBe('ORG_KIND_NOT_ALLOWED');
    expect(codeOf(() => assertEligible([bureau], cityGovernance))).toBeNull();
    expect(codeOf(() => assertEligible([bureau], { anyGovernmentTrack: false }))).toBe('ORG_KIND_NOT_ALLOWED');
    expect(codeOf(() => assertEligible([bureau], { anyGovernmentTrack: true }))).toBeNull();
    // Other kinds get no kind check at all.
    expect(eligibilityChecks(org({ kind: 'university' }), industry)).toHaveLength(2);
  });

  it('checks every organisation of a joint team', () => {
    expect(codeOf(() => assertEligible([org(), org({ id: 'o2', organizer_affiliated: true })], industry))).toBe('ORG_AFFILIATED');
  });
});
