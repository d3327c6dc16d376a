/**
 * Each search space has its own best recipe (docs/recipe.md measured both), so a
 * link that does not set a key takes that key's default for the link's space.
 * The table's defaults (schema.ts) are the default space's; each space's entry
 * (spaces.ts) holds the keys where its recipe differs. Every link made before the
 * space key existed edits the custom space, and keeps meaning exactly what it meant.
 */
import { DEFAULT_CONFIG, type Config, type ConfigKey } from './schema';
import { SPACE_IDS, SPACE_TABLE, spaceInfo } from './spaces';

/** The custom space's recipe where it differs from the table's (its entry's defaults). */
export const CUSTOM_SPACE_DEFAULTS: Readonly<Partial<Config>> = SPACE_TABLE.custom.defaults;

/** Every key some space's recipe sets: what switching space resets. */
const RECIPE_KEYS_OF_SPACES = [...new Set(SPACE_IDS.flatMap((id) => Object.keys(spaceInfo(id).defaults)))] as (keyof Config)[];

/**
 * The recipe keys of a space (data, sizes, optimizer, BN scope) at that space's defaults: what the page applies
 * when the user switches space, so the new space runs with the recipe measured for it.
 */
export function spaceRecipe(space: Config['space']): Partial<Config> {
  const base = { ...DEFAULT_CONFIG, ...spaceDefaults(space) };
  return Object.fromEntries(RECIPE_KEYS_OF_SPACES.map((k) => [k, base[k]])) as Partial<Config>;
}

/** The defaults a link on `space` starts from. */
export function spaceDefaults(space: Config['space']): Partial<Config> {
  return spaceInfo(space).defaults;
}

/** Keys `space` ignores: the custom space has no width multiplier; NAS-Bench-Macro's ops and stages are fixed. */
export function unusedKeys(space: Config['space']): readonly ConfigKey[] {
  return spaceInfo(space).unused;
}

/** `config` with the keys its space ignores at that space's defaults: the run it describes, as a link opens it. */
export function withUnusedAtDefaults(config: Readonly<Config>): Config {
  const base: Config = { ...DEFAULT_CONFIG, ...spaceDefaults(config.space) };
  const out = { ...config } as Record<string, unknown>;
  for (const k of unusedKeys(config.space)) out[k] = structuredClone(base[k]);
  return out as unknown as Config;
}
