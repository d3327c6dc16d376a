/** The train/val split a run trains on: seeded, with the train set's channel statistics. */
import type { Config } from '../../config/schema';
import { createRng } from '../space';
import { channelStats, splitDataset, type ChannelStats, type Dataset } from './dataset';

/** What a supernet trains and is validated on. */
export interface TrainData {
  train: Dataset;
  val: Dataset;
  stats: ChannelStats;
}

export interface PreparedData {
  data: TrainData;
  warnings: string[];
}

/** Seeded train/val split of `dataset` with the sizes the config asks for, and the train set's channel stats. */
export function prepareData(dataset: Dataset, config: Pick<Config, 'n' | 'val' | 'seed'>): PreparedData {
  const split = splitDataset(dataset, config.n, config.val, createRng(config.seed).fork('split'));
  return { data: { train: split.train, val: split.val, stats: channelStats(split.train) }, warnings: split.warnings };
}
