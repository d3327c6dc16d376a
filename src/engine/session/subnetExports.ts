/**
 * A retrained subnet leaving the page: as a TensorFlow.js Layers model (from the seed-0 weights this session
 * kept when it retrained it) or as a self-contained PyTorch file (structure only, at any width).
 */
import { runIdentity, usesKey, type Config } from '../../config';
import type { ChannelStats } from '../data';
import { exportLayersModel, pytorchSource, toLayersModel } from '../export';
import type { SubnetWeights } from '../nn';
import { describePath, parsePathKey, spaceOf } from '../space';
import type { PytorchMeta } from './hooks';

/** Seed-0 weights of the subnets retrained in a session, by run, data and path: lost when the session ends. */
export class RetrainedWeights {
  private readonly kept = new Map<string, { weights: SubnetWeights; accuracy: number }>();

  get count(): number {
    return this.kept.size;
  }

  keep(config: Config, dataId: string, key: string, weights: SubnetWeights, accuracy: number): void {
    this.kept.set(weightsKey(config, dataId, key), { weights, accuracy });
  }

  /** The subnet `key` of a run on `dataId` as model.json and its weights file; `stats` normalise its input as training did. */
  async exportTfjs(
    config: Config,
    dataId: string,
    key: string,
    stats: ChannelStats,
    classNames: string[],
  ): Promise<{ modelJson: string; weightsBin: ArrayBuffer; weightsFileName: string }> {
    const kept = this.kept.get(weightsKey(config, dataId, key));
    if (!kept) throw new Error(`no trained weights for ${key} in this session: retrain it (weights are kept until the page reloads)`);
    const space = spaceOf(config);
    const path = parsePathKey(key, space.layers.length, space.ops.length)!;
    const model = toLayersModel(space, path, kept.weights);
    try {
      return await exportLayersModel(model, {
        space,
        path,
        stats,
        classNames,
        accuracy: kept.accuracy,
        weightsFileName: `subnet-${key}.weights.bin`,
      });
    } finally {
      model.dispose();
    }
  }
}

const weightsKey = (config: Config, dataId: string, path: string) => `${runIdentity(config)}|${dataId}|${path}`;

/** The subnet `key` as a PyTorch module with its CIFAR-10 training script; on a space with a width, at `meta.width` (default the run's). */
export function subnetPytorch(config: Config, key: string, meta: PytorchMeta): string {
  const width = usesKey(config.space, 'width') ? (meta.width ?? config.width) : undefined;
  const space = spaceOf(width === undefined ? config : { ...config, width });
  const path = parsePathKey(key, space.layers.length, space.ops.length);
  if (!path) throw new Error(`path '${key}' does not fit this search space`);
  const row = describePath(space, path);
  return pytorchSource(space, path, {
    path: key,
    score: meta.score,
    accuracy: meta.accuracy,
    flops: row.flops,
    params: row.params,
    width,
    runWidth: usesKey(config.space, 'width') ? config.width : undefined,
  });
}
