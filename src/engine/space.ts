/**
 * The search space: a stem, stages of choice layers, global pooling, a linear
 * classifier. Each choice layer holds every candidate op; all candidates of a
 * layer map the same input shape to the same output shape, so any path is a
 * valid network. A layer that keeps shape is residual: out = x + op(x), and
 * there `skip` is the identity (out = x, no BN, score 0).
 */
import type { OpId } from '../config/ops';

export interface StageSpec { channels: number; layers: number }

export interface ChoiceLayer {
  index: number;
  /** Input channels, output channels. */
  cin: number; cout: number;
  /** 1, or 2 for the first layer of every stage after the first. */
  stride: number;
  /** Input and output spatial size (square). */
  inSize: number; outSize: number;
}

export interface SearchSpace {
  ops: readonly OpId[];
  layers: readonly ChoiceLayer[];
  inputSize: number;
  inputChannels: number;
  stemChannels: number;
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
  return { ops, layers, inputSize, inputChannels: 3, stemChannels, numClasses };
}

/** Width of the last choice layer, the classifier's input. */
export function headChannels(space: SearchSpace): number {
  return space.layers[space.layers.length - 1]!.cout;
}

/** Stride-1 layers that keep the width add the op's output to their input (MobileNetV2 / SPOS style). */
export function hasResidual(layer: ChoiceLayer): boolean {
  return isIdentitySkip(layer);
}

/** True when `skip` in this layer is a plain identity (no parameters, no BN, score 0). */
export function isIdentitySkip(layer: ChoiceLayer): boolean {
  return layer.stride === 1 && layer.cin === layer.cout;
}

export function numPaths(space: SearchSpace): number {
  return space.ops.length ** space.layers.length;
}
