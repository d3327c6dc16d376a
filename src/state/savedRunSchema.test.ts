import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, mergeConfig } from '../config';
import { generateDataset, prepareData } from '../engine/data';
import { useWasmBackend } from '../engine/nn/wasmBackend';
import { runExperiment } from '../engine/session/experiment';
import { PROXY_NAMES } from '../engine/stats';
import { checkSavedRun, SAVED_RUN_VERSION } from './savedRunSchema';

let good: Record<string, unknown> & { config: typeof DEFAULT_CONFIG };

beforeAll(async () => {
  await useWasmBackend();
  const config = mergeConfig(DEFAULT_CONFIG, {
    space: 'custom',
    seed: 2,
    n: 64,
    val: 16,
    epochs: 2,
    batch: 16,
    mode: 'both',
    sposx: 1,
    sposn: 3,
    ops: ['conv3', 'skip'],
    stages: [
      { channels: 4, layers: 1 },
      { channels: 8, layers: 1 },
    ],
  }).config;
  const { data } = prepareData(generateDataset({ count: 80, seed: 2 }), config);
  const r = await runExperiment(config, data, { onStep: () => {} });
  const { epochs, stability, scoresByEpoch: _s, ...rest } = r;
  good = {
    version: SAVED_RUN_VERSION,
    config,
    dataId: 'generated:80:2',
    result: { ...rest, backend: 'wasm', dataId: 'generated:80:2' },
    epochs,
    stability,
    retrained: [
      {
        path: r.search.top[0]!.path,
        ops: r.search.top[0]!.ops,
        score: 1,
        accuracy: 0.5,
        accuracies: [0.5],
        epochs: 1,
        seconds: 1,
        curve: [0.5],
        flops: 1,
        params: 1,
        proxies: Object.fromEntries(PROXY_NAMES.map((p) => [p, 1])),
      },
    ],
    savedAt: new Date().toISOString(),
  };
}, 60_000);

/** Damaged copies of a good record, as storage, old or newer versions and hand edits make them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the damage reaches into any field of a plain JSON record
type Json = Record<string, any>;
const corruptions: [string, (r: Json) => void][] = [
  [
    'epochs null',
    (r) => {
      r.epochs = null;
    },
  ],
  [
    'result {}',
    (r) => {
      r.result = {};
    },
  ],
  [
    'top rows garbage',
    (r) => {
      r.result.search.top = [{ path: 7, ops: 'x' }];
    },
  ],
  [
    'more score rows than layers',
    (r) => {
      r.epochs[0].scores = [...r.epochs[0].scores, [1, 2]];
    },
  ],
  [
    'final scores wider than the ops',
    (r) => {
      r.result.scores[0] = [...r.result.scores[0], 9];
    },
  ],
  [
    'an older version',
    (r) => {
      r.version = SAVED_RUN_VERSION - 1;
    },
  ],
  [
    'a newer version',
    (r) => {
      r.version = SAVED_RUN_VERSION + 1;
    },
  ],
  [
    'no version',
    (r) => {
      delete r.version;
    },
  ],
  [
    'config with a bad value',
    (r) => {
      r.config.epochs = 'many';
    },
  ],
  [
    'config with an unknown key',
    (r) => {
      r.config.extra = 1;
    },
  ],
  [
    'NaN in the scores',
    (r) => {
      r.epochs[0].scores[0][0] = NaN;
    },
  ],
  [
    'Infinity loss',
    (r) => {
      r.epochs[0].loss = Infinity;
    },
  ],
  [
    'stability not an array',
    (r) => {
      r.stability = { epoch: 1 };
    },
  ],
  [
    'retrained accuracy 300%',
    (r) => {
      r.retrained[0].accuracy = 3;
    },
  ],
  [
    'retrained without proxies',
    (r) => {
      delete r.retrained[0].proxies;
    },
  ],
  [
    'comparison sample garbage',
    (r) => {
      r.result.comparison.sample = [null];
    },
  ],
  [
    'comparison speedup missing',
    (r) => {
      delete r.result.comparison.speedup;
    },
  ],
  [
    'search without top',
    (r) => {
      r.result.search.top = [];
    },
  ],
  [
    'savedAt not a date',
    (r) => {
      r.savedAt = 'yesterday';
    },
  ],
  [
    'a string instead of a record',
    (r) => {
      Object.keys(r).forEach((k) => delete r[k]);
    },
  ],
  [
    'dataId missing',
    (r) => {
      delete r.dataId;
    },
  ],
  [
    'budget exact garbage',
    (r) => {
      r.result.search.flops.exact = { path: 'x' };
    },
  ],
  [
    'epoch report without valAccuracy',
    (r) => {
      delete r.epochs[0].valAccuracy;
    },
  ],
  [
    'top with a negative true rank',
    (r) => {
      r.result.search.top[0].trueRank = -1;
    },
  ],
];

describe('saved-run schema', () => {
  it('accepts a record written by this version', () => {
    expect(checkSavedRun(structuredClone(good))).toEqual({ run: expect.anything() });
  });

  it.each(corruptions)('rejects %s, naming the field', (_name, damage) => {
    const copy = structuredClone(good) as unknown as Json;
    damage(copy);
    const checked = checkSavedRun(copy);
    expect(checked).toHaveProperty('problem');
    expect((checked as { problem: string }).problem.length).toBeGreaterThan(3);
  });

  it('keeps every proxy of the proxy table through a restore', () => {
    // A distinct value for each: zod drops a key the schema does not list, so a proxy missing there would vanish.
    const proxies = Object.fromEntries(PROXY_NAMES.map((p, i) => [p, i + 1]));
    const copy = structuredClone(good) as unknown as Json;
    copy.retrained[0].proxies = proxies;
    const checked = checkSavedRun<Json & { config: typeof DEFAULT_CONFIG }>(copy);
    expect(checked).toHaveProperty('run');
    expect((checked as { run: Json }).run.retrained[0].proxies).toEqual(proxies);
  });

  it('reads a record saved when the ranking was also kept beside the result, dropping the copy', () => {
    const old = { ...structuredClone(good), top: structuredClone((good.result as Json).search.top) };
    const checked = checkSavedRun<Json & { config: typeof DEFAULT_CONFIG }>(old);
    expect(checked).toHaveProperty('run');
    const run = (checked as { run: Json }).run;
    expect(run).not.toHaveProperty('top');
    expect(run.result.search.top).toEqual((good.result as Json).search.top);
  });

  it('rejects what is not a record at all', () => {
    for (const raw of [null, undefined, 'run', 42, [], { version: 2 }]) expect(checkSavedRun(raw)).toHaveProperty('problem');
  });
});
