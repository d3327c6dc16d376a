/**
 * How an Identity op scores. The supernet reports each op's mean |gamma| (0 for an op with no BN);
 * the rule turns that gamma matrix into the score matrix that ranks paths. Both rules read the
 * same gammas, so a run can be ranked either way without training again.
 *
 * - 'bn': the paper, literally: an op scores its last BN. A strided Identity is a 1x1 conv + BN
 *   projection, so it scores like a block (although it is the worst choice of its layer).
 * - 'skip': every Identity is a skip and scores 0, as the paper's official code scores its fixed
 *   skip layers.
 */
import type { OpId } from '../../config/ops';
import type { ScoreMatrix } from './path';
import type { SearchSpace } from './space';

export type IdentityRule = 'bn' | 'skip';

/** True for the ops that are an identity where shapes allow ('skip', NAS-Bench-Macro's 'id'). */
export function isIdentityOp(op: OpId): boolean {
  return op === 'skip' || op === 'id';
}

/** The score matrix of `gammas` (layers x ops, mean |gamma|) under `rule`; a new matrix. */
export function applyIdentityRule(gammas: ScoreMatrix, space: Pick<SearchSpace, 'ops'>, rule: IdentityRule): number[][] {
  if (rule === 'bn') return gammas.map((row) => [...row]);
  return gammas.map((row) => row.map((v, k) => (isIdentityOp(space.ops[k]!) ? 0 : v)));
}

/** Which ops of each layer carry a score under `rule` (the others score 0 whatever their BN learned). */
export function scoredMask(gammas: ScoreMatrix, space: Pick<SearchSpace, 'ops'>, rule: IdentityRule): boolean[][] {
  return gammas.map((row) => row.map((v, k) => (rule === 'skip' && isIdentityOp(space.ops[k]!) ? false : v !== 0)));
}
