/**
 * The one error type the API throws on purpose. Every code maps to one HTTP
 * status here and nowhere else; clients rely on the codes, so they are stable.
 */
export const errorStatus = {
  // 400: the request itself is wrong
  VALIDATION_FAILED: 400,
  INVALID_CREDIT_CODE: 400,
  BAD_REQUEST: 400,
  INCOMPLETE_DEMAND: 400,
  INCOMPLETE_APPLICATION: 400,
  NOT_ORG_MEMBER: 400,
  WRONG_PASSWORD: 400,
  INCOMPLETE_SCORES: 400,
  COMMENT_REQUIRED: 400,
  NOT_IN_EXPERT_POOL: 400,
  // 401: who are you?
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  // 403: you may not
  FORBIDDEN: 403,
  ORG_KIND_NOT_ALLOWED: 403,
  ORG_BLACKLISTED: 403,
  ORG_AFFILIATED: 403,
  CONFLICT_OF_INTEREST: 403,
  // 404
  NOT_FOUND: 404,
  // 409: conflicts with the current state
  EMAIL_TAKEN: 409,
  CREDIT_CODE_TAKEN: 409,
  ALREADY_MEMBER: 409,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  INVALID_TRANSITION: 409,
  HAS_BIDS: 409,
  BID_DEADLINE_NOT_PASSED: 409,
  PHASE_CLOSED: 409,
  ROSTER_FROZEN: 409,
  TEAM_FULL: 409,
  ALREADY_IN_TEAM: 409,
  TEAM_NAME_TAKEN: 409,
  INVITATION_PENDING: 409,
  ONE_PROJECT_PER_TEAM: 409,
  DEMAND_NOT_OPEN: 409,
  TARGET_IMMUTABLE: 409,
  NAME_IMMUTABLE: 409,
  LAST_ADMIN: 409,
  ROUND_EXISTS: 409,
  ROUND_CLOSED: 409,
  DECLARATION_REQUIRED: 409,
  ALREADY_DECLARED: 409,
  TASK_SUBMITTED: 409,
  TASK_ENDED: 409,
  ALREADY_ASSIGNED: 409,
  // chat (issue 12)
  EDIT_WINDOW_CLOSED: 409,
  ALREADY_ANSWERED: 409,
  // 413
  PAYLOAD_TOO_LARGE: 413,
  FILE_TOO_LARGE: 413,
  // 415
  UNSUPPORTED_FILE_TYPE: 415,
  // 429
  RATE_LIMITED: 429,
  // docking fair (供需对接会)
  NOT_FAIR_PARTICIPANT: 409,
  ALREADY_REGISTERED: 409,
  AVAILABILITY_OUTSIDE_FAIR: 400,
  SELF_REQUEST: 400,
  SAME_SIDE_REQUEST: 400,
  REQUEST_EXISTS: 409,
  REQUEST_EXPIRED: 409,
  MEETING_CAP_REACHED: 409,
  INVALID_PIN: 400,
  MEETING_NOT_PLACED: 409,
  MEETING_CANCELLED: 409,
  INVALID_QR_TOKEN: 400,
  CHECKIN_NOT_OPEN: 409,
  OUTCOME_TOO_EARLY: 409,
  // results (issue 14): advancement, verification, backfill, awards
  REASON_REQUIRED: 400,
  INVALID_RESULT_SETTINGS: 400,
  ROUND_NOT_CLOSED: 409,
  ADVANCEMENT_CONFIRMED: 409,
  ADVANCEMENT_NOT_CONFIRMED: 409,
  ADVANCEMENT_STALE: 409,
  FINALIST_DECIDED: 409,
  NOT_FINALIST: 403,
  NO_FINAL_RESULTS: 409,
  AWARDS_LOCKED: 409,
  AWARDS_NOT_PROPOSED: 409,
  AWARD_NOT_REVOKED: 409,
  AWARD_ALREADY_REVOKED: 409,
  FREED_PLACE_DECIDED: 409,
  // implementations (落地实施, issue 15)
  SOURCE_NOT_ELIGIBLE: 409,
  IMPLEMENTATION_EXISTS: 409,
  BUDGET_OUT_OF_RANGE: 400,
  CRITERIA_UNASSIGNED: 400,
  SHARES_NOT_100: 400,
  PLAN_AGREED: 409,
  CHANGE_REQUEST_PENDING: 409,
  MILESTONE_LOCKED: 409,
  EVIDENCE_REQUIRED: 400,
  FIGURES_REQUIRED: 400,
  MILESTONES_OPEN: 409,
  // publicity, reports, feedback (issue 14, second half); EVIDENCE_REQUIRED above
  PUBLICITY_NOT_OPEN: 409,
  PUBLICITY_EXISTS: 409,
  AWARDS_NOT_APPROVED: 409,
  REPORT_ALREADY_RULED: 409,
  PLACE_ALREADY_DECIDED: 409,
  RESULTS_NOT_PUBLISHED: 409,
  // effect tracking (issue 15): effect reports
  EFFECT_REPORT_NOT_DUE: 409,
  EFFECT_REPORT_EXISTS: 409,
  // 5xx
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.statusCode = errorStatus[code];
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在`);
export const forbidden = (message = '无权执行此操作') => new AppError('FORBIDDEN', message);
export const unauthenticated = () => new AppError('UNAUTHENTICATED', '请先登录');
