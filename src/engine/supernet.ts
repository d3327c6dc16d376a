/**
 * The one-shot supernet: a stem, every candidate op of every choice layer, and
 * a classifier, all with seeded init. A forward pass runs one path.
 */
import * as tf from '@tensorflow/tfjs';
import { batchNorm, batchNormVariables, createBatchNorm, relu, type BatchNorm, type ForwardContext } from './batchnorm';
import { heNormal, ownedVariable } from './init';
import { createOp, opVariables, type OpModule } from './ops';
import { hasResidual, headChannels, type SearchSpace } from './space';
import type { Path, ScoreMatrix } from './path';
import type { Rng } from './rng';

/** What trains: `bn` = BN-NAS (frozen random convs), `full` = every weight (the SPOS baseline). */
export interface TrainScope { mode: 'bn' | 'full'; bnscope: 'last' | 'all'; head: 'frozen' | 'train' }

export interface Supernet {
  space: SearchSpace;
  stem: { kernel: tf.Variable; bn: BatchNorm };
  /** choices[layer][op] */
  choices: OpModule[][];
  head: { weight: tf.Variable; bias: tf.Variable };
}

/** Creates all variables, drawing He-normal kernels from `rng` in a fixed order (stem, layers, ops, head). */
export function createSupernet(space: SearchSpace, rng: Rng): Supernet {
  const stem = { kernel: heNormal([3, 3, space.inputChannels, space.stemChannels], 9 * space.inputChannels, rng), bn: createBatchNorm(space.stemChannels) };
  const choices = space.layers.map((layer) => space.ops.map((op) => createOp(op, layer, rng)));
  const c = headChannels(space);
  const head = { weight: heNormal([c, space.numClasses], c, rng), bias: ownedVariable(tf.zeros([space.numClasses]), true) };
  return { space, stem, choices, head };
}

/** x [N,32,32,3] → logits [N, classes] through one path. */
export function forwardPath(net: Supernet, x: tf.Tensor4D, path: Path, ctx: ForwardContext): tf.Tensor2D {
  let h = batchNorm(tf.conv2d(x, net.stem.kernel as tf.Tensor4D, 1, 'same'), net.stem.bn, ctx);
  for (let l = 0; l < net.choices.length; l++) {
    const layer = net.space.layers[l]!;
    const op = net.choices[l]![path[l]!]!;
    // Residual where shapes allow: the op's last-BN gamma then scales its
    // contribution against the identity. Without it the next BN undoes any
    // gamma scale and (with beta = 0) every gamma gradient is exactly zero.
    if (!hasResidual(layer)) h = op.forward(h, ctx);
    else if (op.scored !== null) h = tf.add(h, op.forward(h, ctx));
  }
  const pooled = tf.mean(relu(h, ctx), [1, 2]) as tf.Tensor2D;
  return tf.add(tf.matMul(pooled, net.head.weight as tf.Tensor2D), net.head.bias) as tf.Tensor2D;
}

/** The variables one training step on `path` may update, for the given scope. */
export function trainableVariables(net: Supernet, path: Path, scope: TrainScope): tf.Variable[] {
  const ops = path.map((k, l) => net.choices[l]![k]!);
  const vars: tf.Variable[] = [];
  const bnParams = (bn: BatchNorm) => vars.push(bn.gamma, bn.beta);
  if (scope.mode === 'full') {
    vars.push(net.stem.kernel);
    bnParams(net.stem.bn);
    for (const m of ops) { vars.push(...m.kernels); m.bns.forEach(bnParams); }
    vars.push(net.head.weight, net.head.bias);
    return vars;
  }
  if (scope.bnscope === 'all') bnParams(net.stem.bn);
  for (const m of ops) {
    if (scope.bnscope === 'all') m.bns.forEach(bnParams);
    else if (m.scored) bnParams(m.scored);
  }
  if (scope.head === 'train') vars.push(net.head.weight, net.head.bias);
  return vars;
}

export function allVariables(net: Supernet): tf.Variable[] {
  return [
    net.stem.kernel, ...batchNormVariables(net.stem.bn),
    ...net.choices.flatMap((ops) => ops.flatMap(opVariables)),
    net.head.weight, net.head.bias,
  ];
}

export function countElements(vars: tf.Variable[]): number {
  return vars.reduce((a, v) => a + v.size, 0);
}

/**
 * The BN-NAS indicator: scores[l][k] = mean over channels of |gamma| of op k's
 * last BN in layer l; 0 for the identity skip, which has no BN. One read-back.
 */
export async function scoreMatrix(net: Supernet): Promise<number[][]> {
  const scored = net.choices.flat().map((m) => m.scored);
  const present = scored.filter((bn): bn is BatchNorm => bn !== null);
  const means = present.length === 0 ? new Float32Array(0)
    : await readAndDispose(tf.tidy(() => tf.stack(present.map((bn) => tf.mean(tf.abs(bn.gamma))))));
  let i = 0;
  const flat = scored.map((bn) => (bn === null ? 0 : means[i++]!));
  const k = net.space.ops.length;
  return net.choices.map((_, l) => flat.slice(l * k, (l + 1) * k));
}

async function readAndDispose(t: tf.Tensor): Promise<Float32Array> {
  try { return (await t.data()) as Float32Array; } finally { t.dispose(); }
}

export function disposeSupernet(net: Supernet): void {
  tf.dispose(allVariables(net));
}

export type { ScoreMatrix };
