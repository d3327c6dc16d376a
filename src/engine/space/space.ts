/**
 * The search space: a stem (3x3 conv → BN, ReLU where `stemRelu`), stages of
 * choice layers, a head (1x1 conv → BN where `headConv`, then ReLU → global
 * pooling → linear classifier). Each choice layer holds every candidate op;
 * all candidates of a layer map the same input shape to the same output shape,
 * so any path is a valid network. A layer that keeps shape is residual:
 * out = x + op(x), and there `skip` / `id` is the identity (out = x, no BN, score 0).
 * Everything that builds, costs or exports a network reads its structure from
 * these fields, never from `family`.
 */
import type { OpId } from '../../config/ops';
import type { Config } from '../../config/schema';

export interface StageSpec {
  channels: number;
  layers: number;
}

export interface ChoiceLayer {
  index: number;
  /** Input channels, output channels. */
  cin: number;
  cout: number;
  /** 1, or 2 for the first layer of every stage after the first. */
  stride: number;
  /** Input and output spatial size (square). */
  inSize: number;
  outSize: number;
}

/** Which entry of the table of spaces built a space (registry.ts): the editable one (buildSpace), NAS-Bench-Macro's (buildNbMacroSpace), … */
export type SpaceFamily = Config['space'];

export interface SearchSpace {
  /** Its entry in the table of spaces (labels, the benchmark table); structure comes from the fields below. */
  family: SpaceFamily;
  ops: readonly OpId[];
  layers: readonly ChoiceLayer[];
  inputSize: number;
  inputChannels: number;
  stemChannels: number;
  /** Whether the stem's BN is followed by a ReLU (NAS-Bench-Macro's; the custom ops begin with their own ReLU). */
  stemRelu: boolean;
  /** Output channels of the head's 1x1 conv → BN (before the ReLU and the pooling), or null for none. */
  headConv: number | null;
  numClasses: number;
}

/** Builds the space for 32x32x3 inputs: stem 3x3 conv to the first stage's width, then the stages. */
export function buildSpace(ops: readonly OpId[], stages: readonly StageSpec[], numClasses = 10, inputSize = 32): SearchSpace {
  if (ops.length === 0) throw new Error('search space needs at least one candidate op');
  if (stages.length === 0) throw new Error('search space needs at least one stage');
  const stemChannels = stages[0]!.channels;
  const layers: ChoiceLayer[] = [];
  let channels = stemChannels;
  let size = inputSize;
  stages.forEach((stage, s) => {
    for (let i = 0; i < stage.layers; i++) {
      const stride = s > 0 && i === 0 ? 2 : 1;
      const outSize = Math.ceil(size / stride);
      layers.push({ index: layers.length, cin: channels, cout: stage.channels, stride, inSize: size, outSize });
      channels = stage.channels;
      size = outSize;
    }
  });
  return { family: 'custom', ops, layers, inputSize, inputChannels: 3, stemChannels, stemRelu: false, headConv: null, numClasses };
}

/** Channels and spatial size of the last choice layer's output, the head's input. */
export function featureShape(space: SearchSpace): { channels: number; size: number } {
  const last = space.layers[space.layers.length - 1]!;
  return { channels: last.cout, size: last.outSize };
}

/** The classifier's input width: the head conv's channels, or the last choice layer's. */
export function headChannels(space: SearchSpace): number {
  return space.headConv ?? featureShape(space).channels;
}

/** Stride-1 layers that keep the width add the op's output to their input (MobileNetV2 / SPOS style). */
export function hasResidual(layer: ChoiceLayer): boolean {
  return isIdentitySkip(layer);
}

/** True when `skip` and `id` in this layer are a plain identity (no parameters, no BN, score 0). */
export function isIdentitySkip(layer: ChoiceLayer): boolean {
  return layer.stride === 1 && layer.cin === layer.cout;
}

export function numPaths(space: SearchSpace): number {
  return space.ops.length ** space.layers.length;
}
