export { OP_IDS, OP_DESCRIPTIONS, OP_LABELS, isOpId, type OpId } from './ops';
export type { Field, Limits, RepairContext } from './field';
export { clip } from './field';
export {
  BACKENDS,
  BN_SCOPES,
  CONFIG_FIELDS,
  CONFIG_KEYS,
  ConfigSchema,
  DATA_SOURCES,
  DEFAULT_CONFIG,
  HEAD_MODES,
  OPTIMIZERS,
  SPACES,
  TRAIN_MODES,
  describeConfigKeys,
  fieldOf,
  formatConfigHelp,
  isConfigKey,
  type Config,
  type ConfigKey,
  type ConfigKeyInfo,
  type Stage,
} from './schema';
export { isIntKey, optionsOf, PROXY_SAMPLE_SIZE, rangeOf } from './limits';
export { applyPreset, KEPT_BY_PRESETS, PAPER_PRESET, presetOf, PRESETS, RECIPE_KEYS, type Preset } from './presets';
export { mergeConfig, validateConfig, type ConfigResult } from './validate';
export { encodeConfig, hashPart, parseConfig, parseConfigEntries, parseConfigThen, RETRAIN_KEYS, runIdentity, SEARCH_KEYS } from './url';
export { ASSET_STALL_MS, BUILTIN_CIFAR10, knownDataId } from './datasets';
export { BENCHMARK_TABLE, benchmarkInfo, type BenchmarkId, type BenchmarkInfo } from './benchmarks';
export { CUSTOM_SPACE_DEFAULTS, spaceDefaults, spaceRecipe, unusedKeys, withUnusedAtDefaults } from './spaceDefaults';
export {
  DEFAULT_SPACE,
  EDITABLE_SPACE,
  RECIPE_SPACE,
  spacesUsing,
  isSpaceId,
  SPACE_IDS,
  SPACE_TABLE,
  spaceInfo,
  usesKey,
  type SpaceId,
  type SpaceInfo,
} from './spaces';
