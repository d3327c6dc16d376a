/** A trained subnet's variables read back as plain, structured-cloneable data (the worker's weights cache, the exporters). */
import * as tf from '@tensorflow/tfjs';
import type { OpId } from '../../config/ops';
import type { BatchNorm } from './batchnorm';
import type { Supernet } from './supernet';

/** One tensor's values, row-major (tfjs layout: conv kernels [kh, kw, in, out], depthwise [kh, kw, c, 1]). */
export interface TensorData {
  shape: number[];
  data: Float32Array;
}

export interface BatchNormWeights {
  gamma: TensorData;
  beta: TensorData;
  runningMean: TensorData;
  runningVar: TensorData;
}

/**
 * A subnet's variables as plain data (structured-cloneable: it crosses the
 * worker boundary and can be stored). Per layer, `kernels` and `bns` follow the
 * op's forward order (OpModule.kernels / .bns):
 *   conv3, conv5: [k×k conv]            bns: [bn]
 *   dil3:         [3×3 conv] (dilation 2; the raw kernel, not the 5×5 spread)
 *   sep3, sep5:   [depthwise k×k, pointwise 1×1]             bns: [bn]
 *   mb3, mb3k3, mb6k5: [1×1 expand, depthwise k×k, 1×1 project]   bns: [expand, depthwise, project]
 *   skip, id:     [] and [] where it is the identity, else [strided 1×1 conv], [bn]
 * `headConv` is the head's 1x1 conv [1, 1, c, headConv] and its BN where the space has one (NAS-Bench-Macro's), else null.
 */
export interface SubnetWeights {
  stem: { kernel: TensorData; bn: BatchNormWeights };
  layers: { op: OpId; kernels: TensorData[]; bns: BatchNormWeights[] }[];
  headConv: { kernel: TensorData; bn: BatchNormWeights } | null;
  head: { weight: TensorData; bias: TensorData };
}

/** Reads every variable of a subnet made by createSubnet (one op per layer) in one batch of read-backs. */
export async function snapshotWeights(net: Supernet): Promise<SubnetWeights> {
  net.choices.forEach((ops, l) => {
    if (ops.length !== 1) throw new Error(`snapshotWeights needs a subnet (one op per layer); layer ${l} holds ${ops.length}`);
  });
  const vars: tf.Variable[] = [];
  // Records the variable and returns where its data will land.
  const take = (v: tf.Variable) => vars.push(v) - 1;
  const takeBn = (bn: BatchNorm) => [take(bn.gamma), take(bn.beta), take(bn.runningMean), take(bn.runningVar)] as const;
  const stem = { kernel: take(net.stem.kernel), bn: takeBn(net.stem.bn) };
  const layers = net.choices.map(([m]) => ({ op: m!.op, kernels: m!.kernels.map(take), bns: m!.bns.map(takeBn) }));
  const headConv = net.headConv === null ? null : { kernel: take(net.headConv.kernel), bn: takeBn(net.headConv.bn) };
  const head = { weight: take(net.head.weight), bias: take(net.head.bias) };
  // slice(): own, tightly sized buffers (a backend may hand out views or its own storage).
  const values = (await Promise.all(vars.map((v) => v.data()))).map((d) => (d as Float32Array).slice());
  const at = (i: number): TensorData => ({ shape: [...vars[i]!.shape], data: values[i]! });
  const bnAt = ([g, b, m, v]: readonly number[]): BatchNormWeights => ({ gamma: at(g!), beta: at(b!), runningMean: at(m!), runningVar: at(v!) });
  return {
    stem: { kernel: at(stem.kernel), bn: bnAt(stem.bn) },
    layers: layers.map((l) => ({ op: l.op, kernels: l.kernels.map(at), bns: l.bns.map(bnAt) })),
    headConv: headConv === null ? null : { kernel: at(headConv.kernel), bn: bnAt(headConv.bn) },
    head: { weight: at(head.weight), bias: at(head.bias) },
  };
}
