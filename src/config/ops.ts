/**
 * The candidate operations a choice layer can pick, in their canonical order.
 * The first seven are the custom space's (ReLU → conv → BN, each ending with
 * its scored BN); the last three are NAS-Bench-Macro's blocks (the NAS-Bench-Macro
 * space's ops, digits 0, 1, 2 of its keys). Any op fits any layer, so the
 * custom space may pick the NAS-Bench-Macro blocks too (they start without a
 * ReLU: MobileNetV2's linear bottleneck); its default list keeps to its own.
 */
export const OP_IDS = ['conv3', 'conv5', 'sep3', 'sep5', 'mb3', 'dil3', 'skip', 'id', 'mb3k3', 'mb6k5'] as const;

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
  id: 'NAS-Bench-Macro Identity: the input where shapes allow (no BN → scores 0), else strided 1×1 conv → BN (no ReLU)',
  mb3k3: 'NAS-Bench-Macro MB3_K3: 1×1 expand ×3 → BN → ReLU → 3×3 depthwise → BN → ReLU → 1×1 project → BN (linear bottleneck)',
  mb6k5: 'NAS-Bench-Macro MB6_K5: 1×1 expand ×6 → BN → ReLU → 5×5 depthwise → BN → ReLU → 1×1 project → BN (linear bottleneck)',
};

/** Short display name of each op (legends, tables): the id, or NAS-Bench-Macro's own name for its blocks. */
export const OP_LABELS: { readonly [K in OpId]: string } = {
  conv3: 'conv3',
  conv5: 'conv5',
  sep3: 'sep3',
  sep5: 'sep5',
  mb3: 'mb3',
  dil3: 'dil3',
  skip: 'skip',
  id: 'Identity',
  mb3k3: 'MB3_K3',
  mb6k5: 'MB6_K5',
};

/** True when `x` names one of OP_IDS (exact spelling). */
export function isOpId(x: unknown): x is OpId {
  return typeof x === 'string' && (OP_IDS as readonly string[]).includes(x);
}
