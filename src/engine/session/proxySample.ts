/**
 * The zero-cost proxies against the truth: a seeded sample of paths scored at init by every proxy
 * (grad-norm, SNIP, synflow, NASWOT, with params and FLOPs), each ranked against the benchmark's accuracy,
 * beside the BN score on the same sample. Seconds per path, so a few hundred paths is a minute or two.
 */
import type { Config } from '../../config';
import type { TrainData } from '../data';
import { zeroCostProxies } from '../proxies';
import { TrainingAborted } from '../train';
import { createRng, samplePaths, spaceOf, pathKey, pathScore, type ScoreMatrix } from '../space';
import { PROXY_NAMES } from '../stats';
import { indexOfPath, rankAgreement, type RankAgreement, type TruthTable } from '../truth';
import type { CallHooks } from './session';

export interface ProxySample {
  paths: number;
  /** The sampled paths ('0-1-2-…'), in the order they were scored. */
  sample: string[];
  /** Each proxy's agreement with the truth over the sample (BN score included, as `bnScore`). */
  proxies: Record<string, RankAgreement>;
}

/** Scores `count` seeded sampled paths with the zero-cost proxies and ranks each against the table. */
export async function proxySampleVsTruth(
  config: Config,
  data: TrainData,
  table: TruthTable,
  scores: ScoreMatrix,
  count: number,
  hooks: CallHooks & { onProgress?(done: number, total: number): void } = {},
): Promise<ProxySample> {
  const space = spaceOf(config);
  const rng = createRng(config.seed).fork('proxy-sample');
  const paths = samplePaths(space.layers.length, space.ops.length, count, rng.fork('paths'));
  const columns: Record<string, number[]> = Object.fromEntries([...PROXY_NAMES, 'bnScore'].map((p) => [p, [] as number[]]));
  const truth: number[] = [];
  const depth = new Uint8Array(paths.length);
  for (const [i, path] of paths.entries()) {
    await hooks.gate?.();
    if (hooks.signal?.aborted) throw new TrainingAborted();
    const p = await zeroCostProxies(space, path, data.train, data.stats, rng.fork(`proxies:${pathKey(path)}`));
    for (const name of PROXY_NAMES) columns[name]!.push(p[name]);
    columns.bnScore!.push(pathScore(scores, path));
    const index = indexOfPath(path, space.ops.length);
    truth.push(table.mean[index]!);
    depth[i] = table.depth[index]!;
    hooks.onProgress?.(i + 1, paths.length);
  }
  return {
    paths: paths.length,
    sample: paths.map((p) => pathKey(p)),
    proxies: Object.fromEntries(Object.entries(columns).map(([name, v]) => [name, rankAgreement(v, truth, depth)])),
  };
}
