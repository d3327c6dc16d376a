/** The candidate operations a choice layer can pick, in their canonical order. */
export const OP_IDS = ['conv3', 'conv5', 'sep3', 'sep5', 'mb3', 'dil3', 'skip'] as const;

/** One candidate operation's id, e.g. 'sep3'. */
export type OpId = (typeof OP_IDS)[number];

/** One line per op saying what it computes (UI legends, CLI help, exports). */
export const OP_DESCRIPTIONS: { readonly [K in OpId]: string } = {
  conv3: 'ReLU → 3×3 conv → BN',
  conv5: 'ReLU → 5×5 conv → BN',
  sep3: 'ReLU → depthwise 3×3 → pointwise 1×1 → BN (depthwise-separable)',
  sep5: 'ReLU → depthwise 5×5 → pointwise 1×1 → BN (depthwise-separable)',
  mb3: 'inverted residual: 1×1 expand ×3 → 3×3 depthwise → 1×1 project, BN after each',
  dil3: 'ReLU → 3×3 conv, dilation 2 (5×5 receptive field) → BN',
  skip: 'identity where shapes allow (no BN → scores 0), else strided 1×1 conv → BN',
};

/** True when `x` names one of OP_IDS (exact spelling). */
export function isOpId(x: unknown): x is OpId {
  return typeof x === 'string' && (OP_IDS as readonly string[]).includes(x);
}
