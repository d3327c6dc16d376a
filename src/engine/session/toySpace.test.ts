/**
 * A third search space added through the registry alone (issue 19): its builder is registered here, and a
 * real supernet trains on it and ranks all its paths through the session the worker and the CLI use. Nothing
 * else was edited to make it run, so a space is one entry (config/spaces.ts for the page, the URL and the CLI)
 * plus its own builder, never a name checked across the code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { DEFAULT_CONFIG, type Config, type SpaceId } from '../../config';
import { useWasmBackend } from '../nn/wasmBackend';
import { allPathScores } from '../search';
import { benchmarkOf, pathKey, registerSpace, spaceEntry, spaceOf, unregisterSpace, type SearchSpace, type SpaceConfig } from '../space';
import type { TruthTable } from '../truth';
import type { RunResult } from './events';
import { Session } from './session';

// A test-only id: the config table's type knows two spaces; the registry takes any id at run time.
const TOY = 'toy2x2' as SpaceId;

/** 2 choice layers x 2 ops on 32x32x3: a stem to 4 channels, a residual layer, then a strided one to 8 channels. */
function buildToySpace(_config: SpaceConfig): SearchSpace {
  return {
    family: TOY,
    ops: ['conv3', 'skip'],
    inputSize: 32,
    inputChannels: 3,
    stemChannels: 4,
    stemRelu: true,
    headConv: null,
    numClasses: 10,
    layers: [
      { index: 0, cin: 4, cout: 4, stride: 1, inSize: 32, outSize: 32 },
      { index: 1, cin: 4, cout: 8, stride: 2, inSize: 32, outSize: 16 },
    ],
  };
}

const config: Config = { ...DEFAULT_CONFIG, space: TOY, seed: 7, data: 'generated', n: 64, val: 16, epochs: 2, batch: 16, topk: 4, lr: 0.1 };
let first: RunResult, second: RunResult;
let session: Session;
let tensorsBefore = 0;

beforeAll(async () => {
  await useWasmBackend();
  registerSpace(TOY, { build: buildToySpace, benchmark: null });
  session = new Session();
  // A benchmark table is loaded, as on the page after a NAS-Bench-Macro run: the toy space's entry has no
  // benchmark, so it must not be applied (its 8 x 3 shape would not even fit 2 x 2 and would throw).
  session.addTable({ benchmark: 'NAS-Bench-Macro', layers: 8, numOps: 3, count: 6561 } as TruthTable);
  tensorsBefore = tf.memory().numTensors;
  first = await session.run(config, { onEvent: () => {} });
  second = await session.run(config, { onEvent: () => {} });
}, 120_000);

afterAll(() => unregisterSpace(TOY));

describe('a third search space registered through the registry', () => {
  it('is built from its entry, with no benchmark; ids are not taken twice', () => {
    expect(spaceOf(config)).toEqual(buildToySpace(config));
    expect(benchmarkOf(spaceOf(config))).toBeNull();
    expect(spaceEntry('nbmacro').benchmark).toBe('NAS-Bench-Macro');
    // The session holds tables by benchmark and hands one only to a space whose entry names it.
    expect(session.tableFor(spaceOf(config))).toBeNull();
    expect(session.tableFor(spaceOf({ ...DEFAULT_CONFIG, space: 'nbmacro' }))?.benchmark).toBe('NAS-Bench-Macro');
    expect(() => registerSpace(TOY, { build: buildToySpace, benchmark: null })).toThrow(/already registered/);
    expect(() => spaceOf({ ...config, space: 'nope' as SpaceId })).toThrow(/unknown search space 'nope'/);
  });

  it('trains a real supernet on it: 2 x 2 gammas per epoch, the skip of the residual layer at 0, no leaks', () => {
    expect(first.epochs.length).toBe(2);
    expect(first.scoresByEpoch.map((g) => [g.length, g[0]!.length])).toEqual([
      [2, 2],
      [2, 2],
    ]);
    expect(first.gammas[0]![0]).toBeGreaterThan(0);
    // Layer 0 keeps its shape: its skip is the identity (no BN, score 0); layer 1's strided skip has a BN.
    expect(first.gammas[0]![1]).toBe(0);
    expect(first.gammas[1]![1]).toBeGreaterThan(0);
    expect(Number.isFinite(first.supernet.finalLoss)).toBe(true);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });

  it('ranks all 4 paths by their summed scores, without a ground truth', () => {
    // Independently: every path's score summed here, sorted best first.
    const all = [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ].map((p) => ({ path: pathKey(p), score: first.scores[0]![p[0]!]! + first.scores[1]![p[1]!]! }));
    all.sort((a, b) => b.score - a.score);
    expect(first.search.top.map((r) => r.score)).toEqual(all.map((r) => r.score));
    expect(new Set(first.search.top.map((r) => r.path))).toEqual(new Set(all.map((r) => r.path)));
    expect(allPathScores(first.scores).length).toBe(4);
    expect(first.search.top.every((r) => r.trueAccuracy === undefined)).toBe(true);
    expect(first.groundTruth).toBeUndefined();
  });

  it('the same seed gives the same ranking, and ranking the final gammas again gives it too', () => {
    expect(second.gammas).toEqual(first.gammas);
    expect(second.search.top).toEqual(first.search.top);
    const again = session.search(config, first.gammas);
    expect(again.search.top.map((r) => r.path)).toEqual(first.search.top.map((r) => r.path));
    expect(again.groundTruth).toBeUndefined();
  });
});
