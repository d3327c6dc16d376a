import { copyPlain } from './field';
import { CONFIG_KEYS, DEFAULT_CONFIG, type Config, type ConfigKey } from './schema';
import { CUSTOM_SPACE_DEFAULTS, spaceDefaults } from './spaceDefaults';
import { RECIPE_SPACE } from './spaces';
import { validateConfig, type ConfigResult } from './validate';

/**
 * Keys a preset leaves as the user set them: the seed (a preset on another seed is a replicate), the
 * backend (a property of the machine), the retrain settings, and the questions asked of the final
 * ranking (top-k, budgets) — none changes what the supernet learns, and a user who set a budget
 * still wants that budget answered. The Identity rule is not among them: the Long run's claim rests on it.
 */
export const KEPT_BY_PRESETS = ['v', 'seed', 'backend', 'topk', 'flops', 'params', 'repochs', 'rlr', 'rseeds'] as const satisfies readonly ConfigKey[];
type KeptKey = (typeof KEPT_BY_PRESETS)[number];
const isKept = (k: ConfigKey): k is KeptKey => (KEPT_BY_PRESETS as readonly ConfigKey[]).includes(k);

/** Every key a preset fixes: its own value, or its space's default. */
export const RECIPE_KEYS: readonly ConfigKey[] = CONFIG_KEYS.filter((k) => !isKept(k));

/** A recipe: the values it names; every other recipe key takes its space's default. */
export type RecipeValues = Partial<Omit<Config, KeptKey>>;

/** A named recipe (applied with applyPreset) and what it runs, in words the page shows. */
export interface Preset {
  id: string;
  label: string;
  description: string;
  values: RecipeValues;
}

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
export const LONG_RUN: RecipeValues = {
  space: RECIPE_SPACE,
  width: 0.125,
  data: 'builtin',
  n: 3500,
  val: 500,
  epochs: 55,
  batch: 64,
  lr: 0.25,
  opt: 'sgd',
  mode: 'bn',
  bnscope: 'all',
  head: 'train',
  wd: 4e-5,
  aug: 'cropflip',
  clip: 0,
  idscore: 'skip',
};
const LONG_RUN_DESCRIPTION =
  'Every BN and the classifier train (SGD 0.25, weight decay, crop + flip) for 55 epochs (2,970 steps) on 3,500 built-in images, and every Identity scores 0: the supernet leaves chance and its ranking beats the depth count, mostly by structure (see BN score vs truth).';

export const PRESETS: readonly Preset[] = [
  {
    id: 'quick',
    label: 'Quick demo',
    description: 'NAS-Bench-Macro on 2,000 built-in CIFAR-10 images for 4 epochs, checked against 6,561 really trained networks (npm run bench times it).',
    values: {
      space: RECIPE_SPACE,
      width: 0.125,
      data: 'builtin',
      n: 2000,
      val: 500,
      epochs: 4,
      batch: 64,
      lr: 0.02,
      opt: 'adam',
      bnscope: 'last',
      head: 'frozen',
      mode: 'bn',
    },
  },
  {
    id: 'classroom',
    label: 'Classroom (custom space)',
    description: 'The editable custom space on 2,000 generated images, 10 epochs, every BN at lr 1.0 (its recipe in docs/recipe.md).',
    values: { space: 'custom', ...CUSTOM_SPACE_DEFAULTS, n: 2000, val: 500, epochs: 10, batch: 64, head: 'frozen', mode: 'bn' },
  },
  {
    id: 'compare',
    label: 'BN-NAS vs SPOS',
    description:
      'Both supernets on NAS-Bench-Macro (1,000 built-in images): BN-NAS for 2 epochs, SPOS for 10, then 20 sampled subnets ranked both ways and against the truth.',
    values: {
      space: RECIPE_SPACE,
      width: 0.125,
      data: 'builtin',
      mode: 'both',
      n: 1000,
      val: 500,
      epochs: 2,
      batch: 64,
      sposx: 5,
      sposn: 20,
      sposlr: 0.05,
      lr: 0.02,
      opt: 'adam',
      bnscope: 'last',
    },
  },
  {
    id: 'long',
    label: 'Long run',
    description: LONG_RUN_DESCRIPTION,
    values: LONG_RUN,
  },
  {
    id: 'paper',
    label: 'Paper recipe',
    description:
      "The paper's setting on NAS-Bench-Macro: only each op's last BN trains (SGD, lr 0.1), classifier frozen; BN-NAS alone on 3,500 built-in images for 5 epochs.",
    values: { space: RECIPE_SPACE, ...PAPER_PRESET },
  },
];

/**
 * `config` with every recipe key set to the preset's value or, where the preset names none, its
 * space's default; the kept keys (KEPT_BY_PRESETS) stay. So A then B equals B on a fresh page.
 */
export function applyPreset(config: Readonly<Config>, preset: Preset): ConfigResult {
  const space = preset.values.space ?? DEFAULT_CONFIG.space;
  const base: Config = { ...DEFAULT_CONFIG, ...spaceDefaults(space) };
  const values = preset.values as Partial<Config>;
  const out: Record<string, unknown> = { ...config };
  for (const k of RECIPE_KEYS) out[k] = copyPlain(values[k] ?? base[k]);
  return validateConfig(out);
}

/** The preset whose recipe `config` runs exactly (every recipe key equal), if any. */
export function presetOf(config: Readonly<Config>): Preset | undefined {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return PRESETS.find((p) => {
    const applied = applyPreset(config, p).config;
    return RECIPE_KEYS.every((k) => same(applied[k], config[k]));
  });
}
