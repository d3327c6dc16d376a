import type { Config } from './schema';

/** A named set of config values applied over the current config with mergeConfig. */
export interface Preset { id: string; label: string; description: string; values: Partial<Config> }

/**
 * The paper's BN-NAS setting: SGD (lr 0.1) on each op's last BN only, classifier frozen.
 * At playground scale it learns little (docs/recipe.md: 7.9% supernet accuracy on
 * CIFAR-10, two-seed tau 0.03), so the default trains every BN at lr 1.0; this stays one click away.
 */
export const PAPER_PRESET: Partial<Config> = {
  bnscope: 'last',
  head: 'frozen',
  opt: 'sgd',
  lr: 0.1,
};

export const PRESETS: readonly Preset[] = [
  {
    id: 'quick', label: 'Quick demo',
    description: 'The default space on 640 images for 4 epochs: about 10 s on WASM (npm run bench measures it).',
    values: { n: 640, val: 128, epochs: 4, batch: 64 },
  },
  {
    id: 'classroom', label: 'Classroom',
    description: '2,000 images, 10 epochs: enough for the ranking to settle.',
    values: { n: 2000, val: 500, epochs: 10, batch: 64 },
  },
  {
    id: 'compare', label: 'BN-NAS vs SPOS',
    description: 'Both supernets on 640 images: BN-NAS for 3 epochs, SPOS for 30, then 16 sampled subnets ranked both ways: a few minutes on WASM.',
    values: { mode: 'both', n: 640, val: 256, epochs: 3, batch: 64, sposx: 10, sposn: 16 },
  },
  {
    id: 'paper', label: 'Paper recipe',
    description: "The paper's setting: only each op's last BN trains (SGD, lr 0.1), classifier frozen.",
    values: PAPER_PRESET,
  },
];
