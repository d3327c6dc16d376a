/** Structural constants of the candidate ops, shared by the cost model, the tfjs ops and the exporters. */
import type { OpId } from '../../config/ops';

/** MBConv expansion ratio of `mb3` (the custom space's ReLU-first inverted residual, 3x3 depthwise). */
export const MB_EXPANSION = 3;

/** NAS-Bench-Macro's inverted residuals: 1x1 expand → BN → ReLU → k×k depthwise → BN → ReLU → 1x1 project → BN. */
export type InvertedResidualId = Extract<OpId, 'mb3k3' | 'mb6k5'>;

/** Expansion ratio and depthwise kernel of each NAS-Bench-Macro inverted residual (MB3_K3, MB6_K5). */
export const INVERTED_RESIDUAL: { readonly [K in InvertedResidualId]: { readonly expansion: number; readonly kernel: number } } = {
  mb3k3: { expansion: 3, kernel: 3 },
  mb6k5: { expansion: 6, kernel: 5 },
};
