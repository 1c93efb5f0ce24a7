import type { Executor } from '../../db/database.ts';

/** Why a project did or did not advance (filled from results' advancement and finalists). */
export async function advancementFeedback(_db: Executor, _editionId: string, _projectId: string) {
  return null;
}
