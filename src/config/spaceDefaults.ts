/**
 * Each search space has its own best recipe (docs/recipe.md measured both), so a
 * link that does not set a key takes that key's default for the link's space.
 * The table's defaults (schema.ts) are the nbmacro space's; the custom space's
 * differ in these keys. Every link made before the space key existed edits the
 * custom space, and keeps meaning exactly what it meant.
 */
import { DEFAULT_CONFIG, type Config, type ConfigKey } from './schema';

export const CUSTOM_SPACE_DEFAULTS: Readonly<Partial<Config>> = Object.freeze({
  data: 'generated', n: 2000, epochs: 10, lr: 1, opt: 'sgd', bnscope: 'all',
});

/**
 * The recipe keys of a space (data, sizes, optimizer, BN scope) at that space's defaults: what the page applies
 * when the user switches space, so the new space runs with the recipe measured for it.
 */
export function spaceRecipe(space: Config['space']): Partial<Config> {
  const keys = Object.keys(CUSTOM_SPACE_DEFAULTS) as (keyof Config)[];
  const base = { ...DEFAULT_CONFIG, ...spaceDefaults(space) };
  return Object.fromEntries(keys.map((k) => [k, base[k]])) as Partial<Config>;
}

/** The defaults a link on `space` starts from. */
export function spaceDefaults(space: Config['space']): Partial<Config> {
  return space === 'custom' ? CUSTOM_SPACE_DEFAULTS : {};
}

/** Keys `space` ignores: the custom space has no width multiplier; NAS-Bench-Macro's ops and stages are fixed. */
export function unusedKeys(space: Config['space']): readonly ConfigKey[] {
  return space === 'custom' ? ['width'] : ['ops', 'stages'];
}

/** `config` with the keys its space ignores at that space's defaults: the run it describes, as a link opens it. */
export function withUnusedAtDefaults(config: Readonly<Config>): Config {
  const base: Config = { ...DEFAULT_CONFIG, ...spaceDefaults(config.space) };
  const out = { ...config } as Record<string, unknown>;
  for (const k of unusedKeys(config.space)) out[k] = structuredClone(base[k]);
  return out as unknown as Config;
}
