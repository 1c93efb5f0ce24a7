// Expert assignment for the joint review (issue 11). Interface first; solver follows.
export type {
  AssignmentExpert,
  AssignmentInput,
  AssignmentItem,
  AssignmentPair,
  AssignmentResult,
  FeasibilityProblem,
} from './assignment-types.ts';
export { fitScore } from './fit.ts';
import type { AssignmentInput, AssignmentResult, FeasibilityProblem } from './assignment-types.ts';

export function checkFeasibility(_input: AssignmentInput): FeasibilityProblem[] {
  return [];
}

export async function assignExperts(_input: AssignmentInput): Promise<AssignmentResult> {
  throw new Error('assignExperts: not implemented yet');
}
