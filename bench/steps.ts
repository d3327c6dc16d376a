/**
 * Step timings of the default supernet, shared by the Node and browser benches:
 * forward, BN-only step and full step (each with its read-back) on seeded
 * sampled paths at batch 64. Medians of repeated runs after a warm-up.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_CONFIG, parseConfig } from '../src/config';
import { createRng, samplePath, spaceOf, supernetParams } from '../src/engine/space';
import { createSupernet, disposeSupernet, forwardPath, scopeOf, trainableVariables } from '../src/engine/nn';

export interface StepTimings {
  backend: string;
  /** The config the supernet was built from (its URL hash). */
  hash: string;
  /** Parameters of the whole supernet. */
  supernetParams: number;
  batch: number;
  paths: string[];
  forwardMs: number;
  bnStepMs: number;
  fullStepMs: number | null;
  fullError?: string;
  bnOverFull: number | null;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function timeIt(run: () => Promise<void>, repeats: number): Promise<number> {
  await run(); // warm-up: kernel compilation, buffer allocation
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Times the three figures on `paths` sampled paths of a config's space (the default's unless `hash` is given); averages the per-path medians. */
export async function measureSteps(opts: { batch?: number; paths?: number; repeats?: number; skipFull?: boolean; hash?: string } = {}): Promise<StepTimings> {
  const batch = opts.batch ?? 64,
    repeats = opts.repeats ?? 3;
  const config = opts.hash ? parseConfig(opts.hash).config : DEFAULT_CONFIG;
  const space = spaceOf(config);
  const rng = createRng(1);
  const net = createSupernet(space, rng.fork('init'));
  const pathRng = rng.fork('bench-paths');
  const paths = Array.from({ length: opts.paths ?? 3 }, () => samplePath(space.layers.length, space.ops.length, pathRng));
  const x = tf.randomNormal([batch, 32, 32, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
  const onehot = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: batch }, (_, i) => i % 10),
      'int32',
    ),
    10,
  );
  const step = (path: number[], mode: 'bn' | 'full') => async () => {
    const vars = trainableVariables(net, path, scopeOf({ ...config, mode }));
    const out = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(
        () => tf.losses.softmaxCrossEntropy(onehot, forwardPath(net, x, path, { training: true }), undefined, 0.1) as tf.Scalar,
        vars,
      );
      return [value, ...Object.values(grads)];
    });
    await Promise.all(out.map((t) => t.data()));
    tf.dispose(out);
  };
  const forward = (path: number[]) => async () => {
    const y = tf.tidy(() => forwardPath(net, x, path, { training: true }));
    await y.data();
    y.dispose();
  };
  const fwd: number[] = [],
    bn: number[] = [],
    full: number[] = [];
  let fullError: string | undefined;
  try {
    for (const path of paths) {
      fwd.push(await timeIt(forward(path), repeats));
      bn.push(await timeIt(step(path, 'bn'), repeats));
      if (!opts.skipFull && !fullError) {
        try {
          full.push(await timeIt(step(path, 'full'), repeats));
        } catch (e) {
          fullError = (e as Error).message;
        }
      }
    }
  } finally {
    tf.dispose([x, onehot]);
    disposeSupernet(net);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const fullMs = full.length === paths.length ? mean(full) : null;
  return {
    backend: tf.getBackend(),
    hash: opts.hash ?? 'default',
    supernetParams: supernetParams(space),
    batch,
    paths: paths.map((p) => p.join('-')),
    forwardMs: mean(fwd),
    bnStepMs: mean(bn),
    fullStepMs: fullMs,
    ...(fullError ? { fullError } : {}),
    bnOverFull: fullMs ? mean(bn) / fullMs : null,
  };
}
