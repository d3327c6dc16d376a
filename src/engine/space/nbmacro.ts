/**
 * The NAS-Bench-Macro search space (X. Su et al., CVPR 2021; shared/data/nas-bench-macro/README.md),
 * as the authors' train/model.py builds it, at a width multiplier:
 *   stem 3x3 conv 3→32w → BN → ReLU (32x32);
 *   8 choice layers in stages of 2, 3, 3, the first of each with stride 2 and twice the channels:
 *     32w→64w (16x16), 64w→128w (8x8), 128w→256w (4x4);
 *   head 1x1 conv → 1280w → BN → ReLU → global average pool → linear → 10.
 * Ops by index = the digits of the benchmark's keys: 0 'id', 1 'mb3k3', 2 'mb6k5'.
 * Channel rounding: every channel count is Math.max(1, Math.round(c * width)) of its
 * width-1 value, each on its own (so at width 0.3 the stages are 10 → 19 → 38 → 77, not exact
 * doublings); the expanded width of an MBConv is then cin x expansion, as the authors' round(inp * t).
 */
import type { OpId } from '../../config/ops';
import type { ChoiceLayer, SearchSpace } from './space';

/** The nbmacro space's ops, in the benchmark's digit order. */
export const NBMACRO_SPACE_OPS: readonly OpId[] = Object.freeze(['id', 'mb3k3', 'mb6k5'] as const);
/** Choice layers per stage. */
export const NBMACRO_STAGE_LAYERS: readonly number[] = Object.freeze([2, 3, 3]);
/** Width-1 channels of the stem, of the stages, and of the head conv. */
export const NBMACRO_STEM_CHANNELS = 32;
export const NBMACRO_STAGE_CHANNELS: readonly number[] = Object.freeze([64, 128, 256]);
export const NBMACRO_HEAD_CHANNELS = 1280;

/** A width-1 channel count at `width`: nearest integer, at least 1. */
export function scaleChannels(channels: number, width: number): number {
  return Math.max(1, Math.round(channels * width));
}

/** NAS-Bench-Macro at `width` (1 = the benchmark's network) for 32x32x3 inputs and 10 classes. */
export function buildNbMacroSpace(width: number): SearchSpace {
  if (!(width > 0 && Number.isFinite(width))) throw new Error(`nbmacro width must be a positive number, got ${width}`);
  const stemChannels = scaleChannels(NBMACRO_STEM_CHANNELS, width);
  const layers: ChoiceLayer[] = [];
  let channels = stemChannels;
  let size = 32;
  NBMACRO_STAGE_LAYERS.forEach((count, s) => {
    const cout = scaleChannels(NBMACRO_STAGE_CHANNELS[s]!, width);
    for (let i = 0; i < count; i++) {
      const stride = i === 0 ? 2 : 1;
      const outSize = Math.ceil(size / stride);
      layers.push({ index: layers.length, cin: channels, cout, stride, inSize: size, outSize });
      channels = cout;
      size = outSize;
    }
  });
  return {
    family: 'nbmacro',
    ops: NBMACRO_SPACE_OPS,
    layers,
    inputSize: 32,
    inputChannels: 3,
    stemChannels,
    stemRelu: true,
    headConv: scaleChannels(NBMACRO_HEAD_CHANNELS, width),
    numClasses: 10,
  };
}
