/** 留档备查: the audit trail. Its SQL lives in audit.repository.ts; most callers import from here. */
export { listAudit, recordAudit } from './audit.repository.ts';
