/**
 * The small supernet the training tests share (src/engine/train/*.test.ts): every kind of kernel and BN
 * chain on 3 layers, 48 generated images, and helpers to train it, snapshot it and release it.
 */
import * as tf from '@tensorflow/tfjs';
import type { OpId } from '../config/ops';
import { generateDataset } from '../engine/data/generated';
import { prepareData } from '../engine/data';
import { createRng } from '../engine/space/rng';
import { buildSpace } from '../engine/space/space';
import { allVariables, createSupernet, disposeSupernet, type Supernet, type TrainScope } from '../engine/nn/supernet';
import { SupernetTrainer, trainSupernet, type TrainData, type TrainSettings } from '../engine/train/train';

// conv, depthwise-separable, MBConv (3 BNs), dilated and skip: every kind of kernel and BN chain.
export const OPS: OpId[] = ['conv3', 'sep3', 'mb3', 'dil3', 'skip'];
// layers 0, 1: 4→4 stride 1 (residual, identity skip); layer 2: 4→8 stride 2 (strided skip)
export const space = buildSpace(OPS, [
  { channels: 4, layers: 2 },
  { channels: 8, layers: 1 },
]);
export const BN_LAST: TrainScope = { mode: 'bn', bnscope: 'last', head: 'frozen' };

/** 32 training and 16 validation images, seeded. */
export const trainData = (): TrainData => prepareData(generateDataset({ count: 48, seed: 11 }), { n: 32, val: 16, seed: 1 }).data;

export function settings(over: Partial<TrainSettings> = {}): TrainSettings {
  return { epochs: 1, batch: 8, lr: 0.1, opt: 'sgd', scope: BN_LAST, evalPaths: 1, ...over };
}

export async function snapshot(net: Supernet): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (const v of allVariables(net)) out.set(v.name, Float32Array.from((await v.data()) as Float32Array));
  return out;
}

export async function same(v: tf.Variable, before: Map<string, Float32Array>): Promise<boolean> {
  const now = (await v.data()) as Float32Array;
  return Buffer.from(now.buffer, now.byteOffset, now.byteLength).equals(Buffer.from(before.get(v.name)!.buffer));
}

export interface Run {
  net: Supernet;
  trainer: SupernetTrainer;
  paths: number[][];
  losses: number[];
}

/** A fresh supernet of `space` trained on `data` with seed `seed`: its paths, losses and score matrices. */
export async function train(data: TrainData, seed: number, s: TrainSettings): Promise<Run & { scores: number[][][] }> {
  const rng = createRng(seed);
  const net = createSupernet(space, rng.fork('init'));
  const trainer = new SupernetTrainer(net, data, s, rng.fork('train'));
  const paths: number[][] = [],
    losses: number[] = [];
  const result = await trainSupernet(trainer, {
    onStep: (r) => {
      paths.push(r.path);
      losses.push(r.loss);
    },
  });
  return { net, trainer, paths, losses, scores: result.epochs.map((e) => e.scores) };
}

export function release(run: { net: Supernet; trainer: SupernetTrainer }): void {
  run.trainer.dispose();
  disposeSupernet(run.net);
}
