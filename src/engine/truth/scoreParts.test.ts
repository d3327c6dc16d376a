import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { kendallTauB } from '../../testing/kendallByPairs';
import { buildNbMacroSpace, createRng, pathAt } from '../space';
import { parseNbMacroTable } from './nbmacro';
import { foundOf, trivialPickOf } from './groundTruth';
import { insideNoise } from '../stats';
import { opDifferenceNoise, residualRatio, scoreParts, structuralRule, structuralRuleScores } from './scoreParts';

import { readNbMacroJson } from '../../testing/nbmacroJson';

const url = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const json = readNbMacroJson();
const table = parseNbMacroTable(new Uint8Array(readFileSync(url('../../../public/nas-bench-macro.bin'))));
const space = buildNbMacroSpace(0.25);
const N = 6561;
const keys = Array.from({ length: N }, (_, i) => pathAt(i, 8, 3).join(''));
/** A gamma matrix as the supernet reports it: the stride-1 Identity has no BN (0), the strided one (layers 0, 2, 5) does. */
const gammas = [
  [1.2, 1.4, 1.0],
  [0, 0.6, 0.7],
  [1.1, 1.2, 1.3],
  [0, 0.5, 0.9],
  [0, 0.8, 0.6],
  [1.3, 1.0, 1.5],
  [0, 0.7, 0.7],
  [0, 0.4, 0.8],
];

describe('scoreParts', () => {
  it('skip rule: levels are the mean of the blocks, Identity 0 in both parts, the parts sum to the score', () => {
    const p = scoreParts(gammas, space, 'skip');
    expect(p.levels[0]).toBeCloseTo((1.4 + 1.0) / 2, 12);
    expect(p.levels[3]).toBeCloseTo((0.5 + 0.9) / 2, 12);
    expect(p.layerLevels[0]).toEqual([0, p.levels[0], p.levels[0]]);
    expect(p.opDifferences[0]![0]).toBe(0);
    expect(p.opDifferences[0]![1]).toBeCloseTo(0.2, 12);
    gammas.forEach((row, l) =>
      row.forEach((g, k) => {
        const scored = k === 0 ? 0 : g;
        expect(p.layerLevels[l]![k]! + p.opDifferences[l]![k]!).toBeCloseTo(scored, 12);
      }),
    );
  });

  it('bn rule: a strided Identity is scored, a BN-less one is not', () => {
    const p = scoreParts(gammas, space, 'bn');
    expect(p.levels[0]).toBeCloseTo((1.2 + 1.4 + 1.0) / 3, 12);
    expect(p.levels[1]).toBeCloseTo((0.6 + 0.7) / 2, 12);
    expect(p.layerLevels[1]![0]).toBe(0);
    expect(p.opDifferences[0]![0]).toBeCloseTo(1.2 - p.levels[0]!, 12);
  });
});

describe('the structural rule', () => {
  it('r is the mean residual level over the mean reduction level (layers 0, 2, 5 reduce)', () => {
    const levels = [2, 1, 4, 1, 1, 6, 2, 1];
    expect(residualRatio(space, levels)).toBeCloseTo((1 + 1 + 1 + 2 + 1) / 5 / ((2 + 4 + 6) / 3), 12);
  });

  it('ranks as a hand count over the table: Identity 0, a block 1 in layers 0/2/5, r elsewhere', () => {
    const r = 0.6;
    const hand = keys.map((k) => [...k].reduce((s, d, l) => s + (d === '0' ? 0 : [0, 2, 5].includes(l) ? 1 : r), 0));
    const m = structuralRuleScores(space, r);
    expect(m[0]).toEqual([0, 1, 1]);
    expect(m[1]).toEqual([0, r, r]);
    const got = structuralRule(space, [1, 0.6, 1, 0.6, 0.6, 1, 0.6, 0.6], table);
    expect(got.r).toBeCloseTo(0.6, 12);
    // Kendall by counting all 21.5 million pairs, independent of the engine's O(n log n) count.
    expect(got.kendall).toBeCloseTo(kendallTauB(hand, Array.from(table.mean)), 10);
    expect(got.kendall).toBeGreaterThan(0.69); // the study's finding: this fixed rule beats the depth count
  });
});

describe('the op differences noise band', () => {
  it('is seeded, deals only within a layer, and centres near the agreement of random differences', () => {
    const p = scoreParts(gammas, space, 'skip');
    const a = opDifferenceNoise(p, table, createRng(7), 6);
    const b = opDifferenceNoise(p, table, createRng(7), 6);
    expect(a).toEqual(b);
    expect(a.kendall.draws).toBe(6);
    expect(Number.isFinite(a.withinDepthKendall.sd)).toBe(true);
    expect(insideNoise(a.withinDepthKendall.mean, a.withinDepthKendall)).toBe(true);
    expect(insideNoise(a.withinDepthKendall.mean + 2.01 * a.withinDepthKendall.sd, a.withinDepthKendall)).toBe(false);
  });
});

describe('the trivial pick', () => {
  it('is the network with the most non-Identity layers, ties to the most FLOPs, as a loop over the JSON finds', () => {
    let best = '';
    for (const k of Object.keys(json).sort()) {
      const depth = [...k].filter((d) => d !== '0').length,
        bd = [...best].filter((d) => d !== '0').length;
      if (best === '' || depth > bd || (depth === bd && json[k]!.flops > json[best]!.flops)) best = k;
    }
    const pick = trivialPickOf(table);
    expect(pick.path.replaceAll('-', '')).toBe(best);
    expect(pick.trueAccuracy).toBeCloseTo(json[best]!.mean_acc, 4);
    expect(pick).toMatchObject(foundOf(table, pick.index));
    expect(pick.rule).toMatch(/non-Identity layers.*FLOPs/);
  });
});
