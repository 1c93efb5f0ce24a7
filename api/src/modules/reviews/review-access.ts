import type { Executor } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import * as repo from './reviews.repository.ts';

export const conflictOfInterest = () =>
  new AppError('CONFLICT_OF_INTEREST', '你与该项目存在利益相关（利益相关性审查），不能查看该项目、其材料或评分');

/**
 * How a reviewer (not the team, not an overseer) may see a project: refused outright
 * when in conflict, whatever the URL; read-only (the submitted version) once they
 * declared no conflict on a task for it; otherwise the caller's own rules apply.
 */
export async function reviewerAccess(db: Executor, userId: string, projectId: string): Promise<'conflict' | 'reviewer' | null> {
  if (await repo.hasActiveConflict(db, userId, projectId)) return 'conflict';
  return (await repo.acceptedTaskFor(db, userId, projectId)) ? 'reviewer' : null;
}
