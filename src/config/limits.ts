/**
 * The table's limits as UI inputs want them, so that a form never restates a limit or an option list:
 * change `CONFIG_FIELDS` in schema.ts and the inputs follow.
 */
import { CONFIG_FIELDS, type Config, type ConfigKey } from './schema';

/** A number key's [min, max] from the table, for an input's min and max. Throws for a key that is not an int or float. */
export function rangeOf(key: ConfigKey): { min: number; max: number } {
  const limits = CONFIG_FIELDS[key].limits;
  if (limits.kind !== 'int' && limits.kind !== 'float') throw new Error(`config key '${key}' is not a number (${limits.kind})`);
  return { min: limits.min, max: limits.max };
}

/** True for a key whose value is an integer: an input for it can take its range without a fractional step base. */
export function isIntKey(key: ConfigKey): boolean {
  return CONFIG_FIELDS[key].limits.kind === 'int';
}

/**
 * An enum key's values from the table, ordered as `labels` lists them (the page's reading order, e.g. the default first),
 * each with its label. `labels` must name every value of the key (the type says so); one the table drops is not shown.
 */
export function optionsOf<K extends ConfigKey>(key: K, labels: Record<Config[K] & string, string>): { value: Config[K]; label: string }[] {
  const limits = CONFIG_FIELDS[key].limits;
  if (limits.kind !== 'enum') throw new Error(`config key '${key}' is not an enum (${limits.kind})`);
  const order = Object.keys(labels);
  const rank = (v: string) => (order.includes(v) ? order.indexOf(v) : order.length);
  return [...limits.values].sort((a, b) => rank(a) - rank(b)).map((v) => ({ value: v as Config[K], label: (labels as Record<string, string>)[v] ?? v }));
}

/**
 * How many networks a zero-cost proxy sample scores (not a config key: it asks a question of a finished run).
 * The page offers fewer (about a second a network in the browser) than the CLI accepts.
 */
export const PROXY_SAMPLE_SIZE = { min: 10, max: 2000, pageMax: 1000, pageDefault: 200 } as const;
