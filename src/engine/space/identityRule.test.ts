import { describe, expect, it } from 'vitest';
import { applyIdentityRule, isIdentityOp, scoredMask } from './identityRule';

const space = { ops: ['id', 'mb3k3', 'mb6k5'] as const };
const gammas = [
  [0.9, 1.1, 1.0],
  [0, 0.5, 0.6],
];

describe('the Identity rule', () => {
  it("'skip' scores every Identity 0, the strided one (with a BN) too; 'bn' keeps its gamma", () => {
    expect(applyIdentityRule(gammas, space, 'skip')).toEqual([
      [0, 1.1, 1.0],
      [0, 0.5, 0.6],
    ]);
    expect(applyIdentityRule(gammas, space, 'bn')).toEqual(gammas);
    expect(applyIdentityRule(gammas, space, 'bn')).not.toBe(gammas);
  });

  it('knows both identity ops and marks which ops carry a score', () => {
    expect(['skip', 'id', 'conv3', 'mb3k3'].map((o) => isIdentityOp(o as never))).toEqual([true, true, false, false]);
    expect(scoredMask(gammas, space, 'bn')).toEqual([
      [true, true, true],
      [false, true, true],
    ]);
    expect(scoredMask(gammas, space, 'skip')).toEqual([
      [false, true, true],
      [false, true, true],
    ]);
    const custom = { ops: ['conv3', 'skip'] as const };
    expect(applyIdentityRule([[0.4, 0.7]], custom, 'skip')).toEqual([[0.4, 0]]);
  });
});
