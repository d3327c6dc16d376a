/**
 * A subnet as a TensorFlow.js Layers model (model.json + one weights .bin) that
 * tf.loadLayersModel reads anywhere tfjs runs. The functional model computes
 * exactly the engine's eval-mode forwardPath: same ops, same residual rule,
 * BN with the engine's epsilon and running statistics.
 */
import * as tf from '@tensorflow/tfjs';
import type { OpId } from '../../config/ops';
import { type BatchNormWeights, BN_EPSILON, BN_MOMENTUM, type SubnetWeights, type TensorData } from '../nn';
import { type ChoiceLayer, hasResidual, INVERTED_RESIDUAL, isIdentitySkip, MB_EXPANSION, type Path, pathKey, type SearchSpace } from '../space';
import type { ChannelStats } from '../data';

export type { BatchNormWeights, SubnetWeights, TensorData };

/**
 * The dilation-2 3×3 kernel as the 5×5 kernel with zeros between taps, the
 * function the engine computes (tfjs refuses stride together with dilation).
 */
export function spreadDilated(t: TensorData): TensorData {
  const [k, , cin, cout] = t.shape as [number, number, number, number];
  const span = 2 * (k - 1) + 1;
  const data = new Float32Array(span * span * cin * cout);
  const tap = cin * cout;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) data.set(t.data.subarray((i * k + j) * tap, (i * k + j + 1) * tap), (2 * i * span + 2 * j) * tap);
  }
  return { shape: [span, span, cin, cout], data };
}

/** Builds the functional Layers model of `path` holding `weights`; the caller disposes it. */
export function toLayersModel(space: SearchSpace, path: Path, weights: SubnetWeights): tf.LayersModel {
  checkWeights(space, path, weights);
  // Layers are built first and filled once the model exists (setWeights needs built layers).
  const fills: { layer: tf.layers.Layer; values: TensorData[] }[] = [];
  const add = <L extends tf.layers.Layer>(layer: L, values: TensorData[]) => {
    fills.push({ layer, values });
    return layer;
  };
  const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]) => layer.apply(x) as tf.SymbolicTensor;
  // Sizes come from the space, not from the weights, so setWeights rejects weights of another space.
  const conv = (name: string, x: tf.SymbolicTensor, kernel: TensorData, size: number, filters: number, stride: number) =>
    apply(
      add(
        tf.layers.conv2d({
          name,
          filters,
          kernelSize: size,
          strides: stride,
          padding: 'same',
          useBias: false,
          kernelInitializer: 'zeros',
        }),
        [kernel],
      ),
      x,
    );
  const depthwise = (name: string, x: tf.SymbolicTensor, kernel: TensorData, size: number, stride: number) =>
    apply(
      add(
        tf.layers.depthwiseConv2d({
          name,
          kernelSize: size,
          depthMultiplier: 1,
          strides: stride,
          padding: 'same',
          useBias: false,
          depthwiseInitializer: 'zeros',
        }),
        [kernel],
      ),
      x,
    );
  // Keras momentum is the old statistics' weight; matching it keeps fine-tuning of the export close to the engine's.
  const bn = (name: string, x: tf.SymbolicTensor, w: BatchNormWeights) =>
    apply(
      add(
        tf.layers.batchNormalization({
          name,
          axis: -1,
          epsilon: BN_EPSILON,
          momentum: 1 - BN_MOMENTUM,
        }),
        [w.gamma, w.beta, w.runningMean, w.runningVar],
      ),
      x,
    );
  const relu = (name: string, x: tf.SymbolicTensor) => apply(tf.layers.reLU({ name }), x);

  const input = tf.input({ shape: [space.inputSize, space.inputSize, space.inputChannels], name: 'image' });
  let h = bn('stem_bn', conv('stem_conv', input, weights.stem.kernel, 3, space.stemChannels, 1), weights.stem.bn);
  if (space.stemRelu) h = relu('stem_relu', h);
  space.layers.forEach((layer, l) => {
    const op = space.ops[path[l]!]!;
    const out = opBody(`layer${l}_${op}`, op, layer, h, weights.layers[l]!.kernels, weights.layers[l]!.bns, { conv, depthwise, bn, relu });
    // Same rule as forwardPath: residual where shapes keep, identity skip adds nothing.
    if (out !== null) h = hasResidual(layer) ? apply(tf.layers.add({ name: `layer${l}_add` }), [h, out]) : out;
  });
  if (space.headConv !== null) h = bn('head_conv_bn', conv('head_conv', h, weights.headConv!.kernel, 1, space.headConv, 1), weights.headConv!.bn);
  const pooled = apply(tf.layers.globalAveragePooling2d({ name: 'head_pool' }), relu('head_relu', h));
  const logits = apply(
    add(tf.layers.dense({ name: 'logits', units: space.numClasses, kernelInitializer: 'zeros' }), [weights.head.weight, weights.head.bias]),
    pooled,
  );
  const model = tf.model({ inputs: input, outputs: logits, name: `bnnas_subnet_${pathKey(path).replace(/-/g, '_')}` });
  try {
    tf.tidy(() => {
      for (const { layer, values } of fills) layer.setWeights(values.map((t) => tf.tensor(t.data, t.shape)));
    });
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

/**
 * Throws unless `weights` hold the ops of `path` with the right number of
 * kernels and BNs; up front, since layers built before a throw would leak
 * their variables. Shapes are checked by setWeights.
 */
function checkWeights(space: SearchSpace, path: Path, weights: SubnetWeights): void {
  if (path.length !== space.layers.length || weights.layers.length !== space.layers.length) {
    throw new Error(`path has ${path.length} layers and weights ${weights.layers.length}; the space has ${space.layers.length}`);
  }
  space.layers.forEach((layer, l) => {
    const op = space.ops[path[l]!];
    const w = weights.layers[l]!;
    if (op !== w.op) throw new Error(`layer ${l}: the path picks ${op}, the weights hold ${w.op}`);
    const [kernels, bns] =
      op === 'mb3' || op === 'mb3k3' || op === 'mb6k5'
        ? [3, 3]
        : op === 'sep3' || op === 'sep5'
          ? [2, 1]
          : (op === 'skip' || op === 'id') && isIdentitySkip(layer)
            ? [0, 0]
            : [1, 1];
    if (w.kernels.length !== kernels || w.bns.length !== bns)
      throw new Error(`layer ${l}: ${op} needs ${kernels} kernels and ${bns} BNs, the weights hold ${w.kernels.length} and ${w.bns.length}`);
  });
  // Snapshots from before head convs existed lack the key: read as none.
  const headConv = weights.headConv ?? null;
  if ((space.headConv === null) !== (headConv === null)) {
    throw new Error(
      space.headConv === null
        ? 'the space has no head conv, the weights hold one'
        : `the space has a ${space.headConv}-channel head conv, the weights hold none`,
    );
  }
}

interface Builders {
  conv(name: string, x: tf.SymbolicTensor, kernel: TensorData, size: number, filters: number, stride: number): tf.SymbolicTensor;
  depthwise(name: string, x: tf.SymbolicTensor, kernel: TensorData, size: number, stride: number): tf.SymbolicTensor;
  bn(name: string, x: tf.SymbolicTensor, w: BatchNormWeights): tf.SymbolicTensor;
  relu(name: string, x: tf.SymbolicTensor): tf.SymbolicTensor;
}

/** One op's ReLU → conv → BN stages (ops.ts), or null for the identity skip. */
function opBody(
  name: string,
  op: OpId,
  layer: ChoiceLayer,
  x: tf.SymbolicTensor,
  k: TensorData[],
  bns: BatchNormWeights[],
  b: Builders,
): tf.SymbolicTensor | null {
  const { cin, cout, stride: s } = layer;
  switch (op) {
    case 'conv3':
    case 'conv5':
    case 'dil3':
      return b.bn(
        `${name}_bn`,
        b.conv(`${name}_conv`, b.relu(`${name}_relu`, x), op === 'dil3' ? spreadDilated(k[0]!) : k[0]!, op === 'conv3' ? 3 : 5, cout, s),
        bns[0]!,
      );
    case 'sep3':
    case 'sep5':
      return b.bn(
        `${name}_bn`,
        b.conv(`${name}_pw`, b.depthwise(`${name}_dw`, b.relu(`${name}_relu`, x), k[0]!, op === 'sep3' ? 3 : 5, s), k[1]!, 1, cout, 1),
        bns[0]!,
      );
    case 'mb3': {
      const e = b.bn(`${name}_expand_bn`, b.conv(`${name}_expand`, b.relu(`${name}_expand_relu`, x), k[0]!, 1, cin * MB_EXPANSION, 1), bns[0]!);
      const d = b.bn(`${name}_dw_bn`, b.depthwise(`${name}_dw`, b.relu(`${name}_dw_relu`, e), k[1]!, 3, s), bns[1]!);
      return b.bn(`${name}_project_bn`, b.conv(`${name}_project`, b.relu(`${name}_project_relu`, d), k[2]!, 1, cout, 1), bns[2]!);
    }
    case 'skip':
      if (isIdentitySkip(layer)) return null;
      return b.bn(`${name}_bn`, b.conv(`${name}_conv`, b.relu(`${name}_relu`, x), k[0]!, 1, cout, s), bns[0]!);
    case 'id':
      if (isIdentitySkip(layer)) return null;
      return b.bn(`${name}_bn`, b.conv(`${name}_conv`, x, k[0]!, 1, cout, s), bns[0]!);
    case 'mb3k3':
    case 'mb6k5': {
      const { expansion, kernel } = INVERTED_RESIDUAL[op];
      const e = b.bn(`${name}_expand_bn`, b.conv(`${name}_expand`, x, k[0]!, 1, cin * expansion, 1), bns[0]!);
      const d = b.bn(`${name}_dw_bn`, b.depthwise(`${name}_dw`, b.relu(`${name}_dw_relu`, e), k[1]!, kernel, s), bns[1]!);
      return b.bn(`${name}_project_bn`, b.conv(`${name}_project`, b.relu(`${name}_project_relu`, d), k[2]!, 1, cout, 1), bns[2]!);
    }
  }
}

export interface LayersExportMeta {
  space: SearchSpace;
  path: Path;
  /** Train-set channel statistics the inputs must be normalised with. */
  stats: ChannelStats;
  classNames: readonly string[];
  /** Validation accuracy, 0..1, when known. */
  accuracy?: number;
  /** Name of the weights file model.json points at; default 'model.weights.bin' (as tf.io.browserDownloads('model') names it). */
  weightsFileName?: string;
}

/** model.json text and its weights file, for a download or tf.io.fromMemory. */
export async function exportLayersModel(
  model: tf.LayersModel,
  meta: LayersExportMeta,
): Promise<{ modelJson: string; weightsBin: ArrayBuffer; weightsFileName: string }> {
  const weightsFileName = meta.weightsFileName ?? 'model.weights.bin';
  const size = meta.space.inputSize,
    channels = meta.space.inputChannels;
  const userDefinedMetadata = {
    path: pathKey(meta.path),
    ops: meta.path.map((k) => meta.space.ops[k]!),
    mean: [...meta.stats.mean],
    std: [...meta.stats.std],
    normalization: `input NHWC float32 [N, ${size}, ${size}, ${channels}] of RGB / 255, minus mean, divided by std (per channel, train-set statistics); output logits [N, classes]`,
    classNames: [...meta.classNames],
    ...(meta.accuracy !== undefined ? { accuracy: meta.accuracy } : {}),
  };
  let out: { modelJson: string; weightsBin: ArrayBuffer } | undefined;
  // The metadata goes into the artifacts here rather than via setUserDefinedMetadata, so the caller's model is left as it was.
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightsBin = tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      // The layout tf.io.browserDownloads writes; loaders resolve the path against model.json's location.
      const json = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: 'BN-NAS Playground',
        weightsManifest: [{ paths: [`./${weightsFileName}`], weights: artifacts.weightSpecs ?? [] }],
        userDefinedMetadata,
      };
      out = { modelJson: JSON.stringify(json), weightsBin };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON({ ...artifacts, userDefinedMetadata }) };
    }),
  );
  return { ...out!, weightsFileName };
}
