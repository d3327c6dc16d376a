/**
 * The one-shot supernet: a stem, every candidate op of every choice layer, a
 * head (the space's 1x1 conv + BN where it has one) and a classifier, all with
 * seeded init. A forward pass runs one path.
 */
import * as tf from '@tensorflow/tfjs';
import type { Config } from '../../config/schema';
import { batchNorm, batchNormVariables, createBatchNorm, relu, type BatchNorm, type ForwardContext } from './batchnorm';
import { heNormal, ownedVariable } from './init';
import { createOp, opVariables, type OpModule } from './ops';
import { featureShape, hasResidual, headChannels, type Path, type Rng, type ScoreMatrix, type SearchSpace } from '../space';

/** What trains: `bn` = BN-NAS (frozen random convs), `full` = every weight (the SPOS baseline). */
export interface TrainScope {
  mode: 'bn' | 'full';
  bnscope: 'last' | 'all';
  head: 'frozen' | 'train';
}

/** What a config trains in the BN-NAS supernet (mode 'both' trains it first; the SPOS one follows in train/compare.ts). */
export function scopeOf(config: Pick<Config, 'mode' | 'bnscope' | 'head'>): TrainScope {
  return { mode: config.mode === 'full' ? 'full' : 'bn', bnscope: config.bnscope, head: config.head };
}

export interface Supernet {
  space: SearchSpace;
  stem: { kernel: tf.Variable; bn: BatchNorm };
  /** choices[layer][op] */
  choices: OpModule[][];
  /** The head's 1x1 conv and its BN (space.headConv channels), or null where the space has none. */
  headConv: { kernel: tf.Variable; bn: BatchNorm } | null;
  /** The linear classifier. */
  head: { weight: tf.Variable; bias: tf.Variable };
}

/** Creates all variables, drawing He-normal kernels from `rng` in a fixed order (stem, layers, ops, head conv, classifier). */
export function createSupernet(space: SearchSpace, rng: Rng): Supernet {
  return assemble(space, rng, (layer) => space.ops.map((op) => createOp(op, layer, rng)));
}

/** A network holding only the path's ops (choices[l] = [that op]), so forwardPath runs it with an all-zero path. Same draw order as createSupernet. */
export function createSubnet(space: SearchSpace, path: Path, rng: Rng): Supernet {
  return assemble(space, rng, (layer) => [createOp(space.ops[path[layer.index]!]!, layer, rng)]);
}

function assemble(space: SearchSpace, rng: Rng, opsOf: (layer: SearchSpace['layers'][number]) => OpModule[]): Supernet {
  const stem = { kernel: heNormal([3, 3, space.inputChannels, space.stemChannels], 9 * space.inputChannels, rng), bn: createBatchNorm(space.stemChannels) };
  const choices = space.layers.map(opsOf);
  const features = featureShape(space).channels;
  const headConv = space.headConv === null ? null : { kernel: heNormal([1, 1, features, space.headConv], features, rng), bn: createBatchNorm(space.headConv) };
  const c = headChannels(space);
  const head = { weight: heNormal([c, space.numClasses], c, rng), bias: ownedVariable(tf.zeros([space.numClasses]), true) };
  return { space, stem, choices, headConv, head };
}

/** x [N,32,32,3] → logits [N, classes] through one path. */
export function forwardPath(net: Supernet, x: tf.Tensor4D, path: Path, ctx: ForwardContext): tf.Tensor2D {
  let h = batchNorm(tf.conv2d(x, net.stem.kernel as tf.Tensor4D, 1, 'same'), net.stem.bn, ctx);
  if (net.space.stemRelu) h = relu(h, ctx);
  for (let l = 0; l < net.choices.length; l++) {
    const layer = net.space.layers[l]!;
    const op = net.choices[l]![path[l]!]!;
    // Residual where shapes allow: the op's last-BN gamma then scales its
    // contribution against the identity. Without it the next BN undoes any
    // gamma scale and (with beta = 0) every gamma gradient is exactly zero.
    if (!hasResidual(layer)) h = op.forward(h, ctx);
    else if (op.scored !== null) h = tf.add(h, op.forward(h, ctx));
  }
  if (net.headConv !== null) h = batchNorm(tf.conv2d(h, net.headConv.kernel as tf.Tensor4D, 1, 'same'), net.headConv.bn, ctx);
  const pooled = tf.mean(relu(h, ctx), [1, 2]) as tf.Tensor2D;
  return tf.add(tf.matMul(pooled, net.head.weight as tf.Tensor2D), net.head.bias) as tf.Tensor2D;
}

/**
 * The variables one training step on `path` may update, for the given scope:
 * full = every weight on the path (stem, ops, head conv, classifier); bn = the
 * ops' last BNs, or with bnscope 'all' every BN on the path (stem and head
 * conv BNs included), plus the classifier when head = 'train'. The head conv's
 * kernel, like every conv, trains in full mode only.
 */
export function trainableVariables(net: Supernet, path: Path, scope: TrainScope): tf.Variable[] {
  const ops = path.map((k, l) => net.choices[l]![k]!);
  const vars: tf.Variable[] = [];
  const bnParams = (bn: BatchNorm) => vars.push(bn.gamma, bn.beta);
  if (scope.mode === 'full') {
    vars.push(net.stem.kernel);
    bnParams(net.stem.bn);
    for (const m of ops) {
      vars.push(...m.kernels);
      m.bns.forEach(bnParams);
    }
    if (net.headConv !== null) {
      vars.push(net.headConv.kernel);
      bnParams(net.headConv.bn);
    }
    vars.push(net.head.weight, net.head.bias);
    return vars;
  }
  if (scope.bnscope === 'all') bnParams(net.stem.bn);
  for (const m of ops) {
    if (scope.bnscope === 'all') m.bns.forEach(bnParams);
    else if (m.scored) bnParams(m.scored);
  }
  if (scope.bnscope === 'all' && net.headConv !== null) bnParams(net.headConv.bn);
  if (scope.head === 'train') vars.push(net.head.weight, net.head.bias);
  return vars;
}

/** Every variable (running statistics included), in creation order: stem, ops, head conv, classifier. */
export function allVariables(net: Supernet): tf.Variable[] {
  return [
    net.stem.kernel,
    ...batchNormVariables(net.stem.bn),
    ...net.choices.flatMap((ops) => ops.flatMap(opVariables)),
    ...(net.headConv === null ? [] : [net.headConv.kernel, ...batchNormVariables(net.headConv.bn)]),
    net.head.weight,
    net.head.bias,
  ];
}

export function countElements(vars: tf.Variable[]): number {
  return vars.reduce((a, v) => a + v.size, 0);
}

/** Parameters any path can train in this scope (the union over paths), for reporting. */
export function trainableParamCount(net: Supernet, scope: TrainScope): number {
  const seen = new Set<string>();
  let total = 0;
  const K = net.space.ops.length;
  for (let k = 0; k < K; k++) {
    for (const v of trainableVariables(
      net,
      net.space.layers.map(() => k),
      scope,
    )) {
      if (!seen.has(v.name)) {
        seen.add(v.name);
        total += v.size;
      }
    }
  }
  return total;
}

/**
 * The BN-NAS indicator: scores[l][k] = mean over channels of |gamma| of op k's
 * last BN in layer l; 0 for the identity skip, which has no BN. One read-back.
 */
export async function scoreMatrix(net: Supernet): Promise<number[][]> {
  const scored = net.choices.flat().map((m) => m.scored);
  const present = scored.filter((bn): bn is BatchNorm => bn !== null);
  const means = present.length === 0 ? new Float32Array(0) : await readAndDispose(tf.tidy(() => tf.stack(present.map((bn) => tf.mean(tf.abs(bn.gamma))))));
  let i = 0;
  const flat = scored.map((bn) => (bn === null ? 0 : means[i++]!));
  const k = net.space.ops.length;
  return net.choices.map((_, l) => flat.slice(l * k, (l + 1) * k));
}

async function readAndDispose(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

export function disposeSupernet(net: Supernet): void {
  tf.dispose(allVariables(net));
}

export type { ScoreMatrix };
