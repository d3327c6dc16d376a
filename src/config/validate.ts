import { copyPlain, showValue } from './field';
import { CONFIG_KEYS, DEFAULT_CONFIG, fieldOf, isConfigKey, type Config, type ConfigKey } from './schema';

/** A valid Config and the warnings (human-readable, one per repair) that producing it raised. */
export interface ConfigResult {
  config: Config;
  warnings: string[];
}

/** One key's input: the candidate value and how it reads in warnings. */
export interface Given {
  readonly value: unknown;
  readonly shown: string;
}

/**
 * Builds a valid Config key by key, in table order: a given input is repaired by its field;
 * a missing one is taken from `base` (repaired too, so an invalid base cannot leak through).
 */
export function resolveConfig(given: (key: ConfigKey) => Given | undefined, base: Readonly<Config>, warnings: string[]): Config {
  const out: Partial<Record<ConfigKey, unknown>> = {};
  for (const key of CONFIG_KEYS) {
    out[key] = repairKey(key, given(key) ?? { value: base[key], shown: showValue(base[key]) }, warnings, base[key]);
  }
  return out as Config;
}

function repairKey<K extends ConfigKey>(key: K, given: Given, warnings: string[], fallback: Config[K]): Config[K] {
  const field = fieldOf(key);
  // A bad value falls back to the base's (the link's space default, or the config a flag edits), if the base's is valid.
  const usable = field.schema.safeParse(fallback).success ? copyPlain(fallback) : undefined;
  const value = field.repair(given.value, { key, shown: given.shown, warn: (m) => warnings.push(m), fallback: usable });
  if (field.schema.safeParse(value).success) return value;
  // Only reachable if a repair is wrong; it keeps the "always valid" promise regardless.
  warnings.push(`${key}=${showValue(value)} failed validation; using the default ${field.encode(field.default)}`);
  return copyPlain(field.default);
}

/**
 * Checks a whole config from anywhere (worker, storage, JSON): missing keys take defaults
 * silently, unknown keys and bad values are warned about, bad values clamped or defaulted.
 */
export function validateConfig(input: unknown): ConfigResult {
  const warnings: string[] = [];
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    warnings.push(`config ${showValue(input)} is not an object; using the defaults`);
    return { config: resolveConfig(() => undefined, DEFAULT_CONFIG, warnings), warnings };
  }
  const obj = input as Record<string, unknown>;
  const keys = Object.keys(obj);
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(obj, k) && obj[k] !== undefined;
  if (keys.length > 0 && !has('v')) warnings.push(`missing version key 'v'; reading as v=1`);
  for (const k of keys) if (!isConfigKey(k)) warnings.push(`unknown key '${showValue(k)}' ignored`);
  const config = resolveConfig((k) => (has(k) ? { value: obj[k], shown: showValue(obj[k]) } : undefined), DEFAULT_CONFIG, warnings);
  return { config, warnings };
}

/** `base` with `patch`'s defined values on top, validated (UI forms, CLI flags, presets). */
export function mergeConfig(base: Readonly<Config>, patch: Partial<Config>): ConfigResult {
  const merged: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) merged[k] = v;
  return validateConfig(merged);
}
