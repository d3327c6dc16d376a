import { z } from 'zod';

// No eval: zod probes `Function('')` to compile fast parsers, which the page's Content-Security-Policy refuses
// (and reports as a violation); the interpreted parsers are as correct, and these objects are small.
z.config({ jitless: true });
import { budgetField, copyPlain, enumField, floatField, intField, versionField, type Field, type Limits } from './field';
import { opsField, stagesField, type Stage } from './lists';
import type { OpId } from './ops';
import { DEFAULT_SPACE, SPACE_IDS, SPACE_TABLE, spacesUsing, type SpaceId } from './spaces';

/** A key's help prefixed with the spaces it applies to, when not all: 'custom only: …'. */
const onlyOn = (key: ConfigKey, help: string) => {
  const on = spacesUsing(key);
  return on.length === SPACE_IDS.length ? help : `${on.join(', ')} only: ${help}`;
};

export type { Stage } from './lists';

/** The search spaces' ids, from their table (spaces.ts). */
export const SPACES = SPACE_IDS;
export const DATA_SOURCES = ['builtin', 'generated', 'cifar10'] as const;
export const OPTIMIZERS = ['sgd', 'adam'] as const;
export const TRAIN_MODES = ['bn', 'full', 'both'] as const;
export const BN_SCOPES = ['last', 'all'] as const;
export const HEAD_MODES = ['frozen', 'train'] as const;
export const ID_SCORES = ['bn', 'skip'] as const;
export const AUGMENTATIONS = ['none', 'cropflip'] as const;
export const BACKENDS = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const;

/** Everything that defines a run. Plain, serialisable, round-trips through the URL hash. */
export interface Config {
  v: 1;
  seed: number;
  space: SpaceId;
  width: number;
  ops: OpId[];
  stages: Stage[];
  data: (typeof DATA_SOURCES)[number];
  n: number;
  val: number;
  epochs: number;
  batch: number;
  lr: number;
  opt: (typeof OPTIMIZERS)[number];
  mode: (typeof TRAIN_MODES)[number];
  bnscope: (typeof BN_SCOPES)[number];
  head: (typeof HEAD_MODES)[number];
  wd: number;
  aug: (typeof AUGMENTATIONS)[number];
  clip: number;
  idscore: (typeof ID_SCORES)[number];
  sposx: number;
  sposlr: number;
  sposn: number;
  repochs: number;
  rlr: number;
  rseeds: number;
  topk: number;
  flops: number | 'auto';
  params: number | 'auto';
  backend: (typeof BACKENDS)[number];
}

export type ConfigKey = keyof Config;

/**
 * THE table: every key's default, limits, codec and help, in URL order.
 * Change a default or a limit here and parse, encode, validation, help and the UI's inputs (through limits.ts) follow.
 */
export const CONFIG_FIELDS: { readonly [K in ConfigKey]: Field<Config[K]> } = {
  v: versionField(1, 'config format version'),
  seed: intField({ default: 1, min: 0, max: 2147483647, help: 'seed for every random choice (init, data, path sampling, search)' }),
  space: enumField(SPACES, DEFAULT_SPACE, `search space: ${SPACE_IDS.map((id) => `${id} (${SPACE_TABLE[id].help})`).join(' or ')}`),
  // 0.25 by default: a path averages 4.3 MFLOPs (the default custom space's 11.8), a BN-only step at
  // batch 64 ~0.2 s on WASM in Node (custom ~0.3 s, width 0.5 ~0.5 s); width 1 (the benchmark's
  // network, 55.5 MFLOPs a path, a 4.2M-parameter supernet) is ~13x the FLOPs of 0.25. 0.125 keeps 4 stem channels.
  width: floatField({
    default: 0.125,
    min: 0.125,
    max: 1,
    help: onlyOn(
      'width',
      "multiplier of every channel count (stem 32, stages 64/128/256, head 1280), each rounded to the nearest integer; 1 = the benchmark's network",
    ),
  }),
  ops: opsField({ default: ['conv3', 'conv5', 'sep3', 'sep5', 'mb3'], help: onlyOn('ops', 'candidate ops of every choice layer, comma-separated') }),
  stages: stagesField({
    default: [
      { channels: 16, layers: 2 },
      { channels: 32, layers: 2 },
      { channels: 64, layers: 2 },
    ],
    maxStages: 4,
    channels: { min: 4, max: 256 },
    layers: { min: 1, max: 6 },
    maxTotalLayers: 12,
    help: onlyOn('stages', 'stages as CHANNELSxLAYERS, comma-separated'),
  }),
  data: enumField(
    DATA_SOURCES,
    'builtin',
    'dataset: builtin = 4,000 real CIFAR-10 images shipped with the app; generated = seeded synthetic images; cifar10 = your CIFAR-10 binary files',
  ),
  n: intField({ default: 3500, min: 64, max: 50000, help: 'training images' }),
  val: intField({ default: 500, min: 0, max: 10000, help: 'validation images (scored and ranked on)' }),
  epochs: intField({ default: 5, min: 1, max: 200, help: 'supernet training epochs' }),
  batch: intField({ default: 64, min: 8, max: 512, help: 'batch size' }),
  lr: floatField({
    default: 0.02,
    min: 1e-4,
    max: 10,
    help: "learning rate (decays linearly to 0); each space's recipe sets its own (docs/recipe.md), ~0.05 for full SPOS",
  }),
  opt: enumField(OPTIMIZERS, 'adam', 'optimizer for the trained parameters'),
  mode: enumField(
    TRAIN_MODES,
    'bn',
    'bn: train BN parameters only (BN-NAS); full: train all weights (SPOS baseline); both: BN-NAS, then a full SPOS supernet on the same data and seed, ranked side by side',
  ),
  bnscope: enumField(
    BN_SCOPES,
    'last',
    "in bn mode, which BNs train: each op's last BN (the paper) or all BNs (each space's recipe picks one, see docs/recipe.md); the score is always the last BN's",
  ),
  head: enumField(HEAD_MODES, 'frozen', 'in bn mode, whether the classifier head trains'),
  wd: floatField({ default: 0, min: 0, max: 0.01, help: 'weight decay on the trained supernet parameters (L2, added to the gradient); the Long run: 4e-5' }),
  aug: enumField(AUGMENTATIONS, 'none', 'supernet training images: none, or cropflip (pad 4, random 32x32 crop, horizontal flip, as retraining does)'),
  clip: floatField({ default: 0, min: 0, max: 100, help: "clip the supernet step's gradient to this global L2 norm (0 = off)" }),
  idscore: enumField(
    ID_SCORES,
    'skip',
    "how an Identity scores: skip = every Identity is a skip and scores 0 (the paper's official code fixes skip layers at 0); bn = literally its BN: a strided Identity (1x1 conv + BN projection) scores its gamma like a block. Both rankings come from the same gammas",
  ),
  sposx: intField({
    default: 10,
    min: 1,
    max: 20,
    help: "in mode both, SPOS supernet epochs as a multiple of BN-NAS's (the paper: 10, i.e. 100 vs 10 epochs)",
  }),
  sposlr: floatField({ default: 0.05, min: 1e-4, max: 1, help: 'in mode both, learning rate of the full SPOS supernet (SGD momentum 0.9, decays linearly)' }),
  sposn: intField({
    default: 20,
    min: 2,
    max: 500,
    help: 'in mode both, subnets (uniformly sampled) that SPOS evaluates by validation accuracy after BN recalibration',
  }),
  repochs: intField({ default: 5, min: 1, max: 200, help: 'epochs of each subnet retrained from scratch (the check of the BN score)' }),
  rlr: floatField({ default: 0.05, min: 1e-4, max: 2, help: 'learning rate of retraining (SGD momentum 0.9, weight decay 5e-4, cosine to 0)' }),
  rseeds: intField({
    default: 1,
    min: 1,
    max: 5,
    help: 'seeds per retrained subnet: accuracy is their mean, and their spread is the noise floor of every proxy',
  }),
  topk: intField({ default: 10, min: 1, max: 100, help: 'top paths kept by the search for retraining' }),
  flops: budgetField({ default: 'auto', max: 1e6, help: "FLOPs budget in MFLOPs; 'auto' = the median path's FLOPs (half the paths fit)" }),
  params: budgetField({ default: 'auto', max: 1e6, help: "params budget in millions; 'auto' = the median path's parameter count (half the paths fit)" }),
  backend: enumField(BACKENDS, 'auto', 'tfjs backend; auto picks the fastest available'),
};

/** Config keys in table (= URL) order. */
export const CONFIG_KEYS = Object.keys(CONFIG_FIELDS) as ConfigKey[];

const KEY_SET: ReadonlySet<string> = new Set(CONFIG_KEYS);

/** True for the table's keys only (never for inherited names like 'constructor'). */
export function isConfigKey(key: string): key is ConfigKey {
  return KEY_SET.has(key);
}

/** The table's field for `key`, typed to that key's value. */
export function fieldOf<K extends ConfigKey>(key: K): Field<Config[K]> {
  return CONFIG_FIELDS[key] as Field<Config[K]>;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The defaults, read from the table (frozen; parse and validate always return fresh copies). */
export const DEFAULT_CONFIG: Readonly<Config> = deepFreeze(
  Object.fromEntries(CONFIG_KEYS.map((k) => [k, copyPlain(CONFIG_FIELDS[k].default)])) as unknown as Config,
);

/** Strict schema of a valid Config (no unknown keys, every value in limits). */
export const ConfigSchema: z.ZodType<Config> = z.strictObject(
  Object.fromEntries(CONFIG_KEYS.map((k) => [k, CONFIG_FIELDS[k].schema])),
) as unknown as z.ZodType<Config>;

/** One key's help entry for CLI --help and UI labels. */
export interface ConfigKeyInfo {
  key: ConfigKey;
  /** Type and limits in words, e.g. 'int 1..200'. */
  type: string;
  /** The default in URL form, e.g. '16x2,32x2,64x2'. */
  default: string;
  limits: Limits;
  help: string;
}

/** Every key's type, default, limits and help, in table order. */
export function describeConfigKeys(): ConfigKeyInfo[] {
  return CONFIG_KEYS.map((key) => {
    const f = fieldOf(key);
    return { key, type: f.type, default: f.encode(f.default), limits: f.limits, help: f.help };
  });
}

/** Aligned help lines, one per key ('  epochs  int 1..200  default 10  supernet training epochs'). */
export function formatConfigHelp(prefix = ''): string {
  const rows = describeConfigKeys().filter((r) => r.key !== 'v');
  const w0 = Math.max(...rows.map((r) => prefix.length + r.key.length));
  const w1 = Math.max(...rows.map((r) => r.type.length));
  const w2 = Math.max(...rows.map((r) => r.default.length)) + 'default '.length;
  return rows.map((r) => `  ${(prefix + r.key).padEnd(w0)}  ${r.type.padEnd(w1)}  ${`default ${r.default}`.padEnd(w2)}  ${r.help}`).join('\n');
}
