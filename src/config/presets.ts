import type { Config } from './schema';
import { CUSTOM_SPACE_DEFAULTS } from './spaceDefaults';

/** A named set of config values applied over the current config with mergeConfig. */
export interface Preset { id: string; label: string; description: string; values: Partial<Config> }

/**
 * The paper's BN-NAS setting: SGD (lr 0.1) on each op's last BN only, classifier frozen.
 * On the custom space it learns little at playground scale (docs/recipe.md), so that space's
 * default trains every BN at lr 1.0; on NAS-Bench-Macro it ranks as well as any recipe measured
 * (the default there, Adam 0.02 on the last BNs, is within its seed noise). One click away on both.
 */
export const PAPER_PRESET: Partial<Config> = {
  bnscope: 'last',
  head: 'frozen',
  opt: 'sgd',
  lr: 0.1,
};

/**
 * The cheapest recipe measured to leave chance on NAS-Bench-Macro (docs/recipe.md, "A supernet that
 * learns"): every BN and the classifier train (a frozen classifier pins the logits), SGD with
 * momentum, weight decay and pad-crop + flip for 2,970 steps, and every Identity scored as a skip.
 * The only recipe of those measured that beat the depth count and the MB6_K5 count on seeds 1, 2, 3.
 */
export const LONG_RUN: Partial<Config> = {
  space: 'nbmacro', width: 0.125, data: 'builtin', n: 3500, val: 500, epochs: 55, batch: 64,
  lr: 0.25, opt: 'sgd', mode: 'bn', bnscope: 'all', head: 'train', wd: 4e-5, aug: 'cropflip', clip: 0, idscore: 'skip',
};
const LONG_RUN_DESCRIPTION = 'Every BN and the classifier train (SGD 0.25, weight decay, crop + flip) for 55 epochs (2,970 steps) on 3,500 built-in images, and every Identity scores 0: the supernet leaves chance and its ranking beats the depth count, mostly by structure (see BN score vs truth).';

export const PRESETS: readonly Preset[] = [
  {
    id: 'quick', label: 'Quick demo',
    description: 'NAS-Bench-Macro on 2,000 built-in CIFAR-10 images for 4 epochs, checked against 6,561 really trained networks (npm run bench times it).',
    values: { space: 'nbmacro', width: 0.125, data: 'builtin', n: 2000, val: 500, epochs: 4, batch: 64, lr: 0.02, opt: 'adam', bnscope: 'last', head: 'frozen', mode: 'bn' },
  },
  {
    id: 'classroom', label: 'Classroom (custom space)',
    description: 'The editable custom space on 2,000 generated images, 10 epochs, every BN at lr 1.0 (its recipe in docs/recipe.md).',
    values: { space: 'custom', ...CUSTOM_SPACE_DEFAULTS, n: 2000, val: 500, epochs: 10, batch: 64, head: 'frozen', mode: 'bn' },
  },
  {
    id: 'compare', label: 'BN-NAS vs SPOS',
    description: 'Both supernets on NAS-Bench-Macro (1,000 built-in images): BN-NAS for 2 epochs, SPOS for 10, then 20 sampled subnets ranked both ways and against the truth.',
    values: { space: 'nbmacro', width: 0.125, data: 'builtin', mode: 'both', n: 1000, val: 500, epochs: 2, batch: 64, sposx: 5, sposn: 20, sposlr: 0.05, lr: 0.02, opt: 'adam', bnscope: 'last' },
  },
  {
    id: 'long', label: 'Long run',
    description: LONG_RUN_DESCRIPTION,
    values: LONG_RUN,
  },
  {
    id: 'paper', label: 'Paper recipe',
    description: "The paper's setting: only each op's last BN trains (SGD, lr 0.1), classifier frozen.",
    values: PAPER_PRESET,
  },
];
