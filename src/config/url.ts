import { clip } from './field';
import { CONFIG_KEYS, DEFAULT_CONFIG, fieldOf, isConfigKey, type Config, type ConfigKey } from './schema';
import { resolveConfig, type ConfigResult } from './validate';
import { spaceDefaults, unusedKeys, withUnusedAtDefaults } from './spaceDefaults';
import { EDITABLE_SPACE, isSpaceId } from './spaces';

/** Percent-escapes like encodeURIComponent but keeps ',' readable ('ops=conv3,conv5'). */
function escapeValue(text: string): string {
  return encodeURIComponent(text).replace(/%2C/g, ',');
}

/** Undoes percent-escapes; a malformed escape leaves the text as written. '+' stays '+' (never a space). */
function unescapeText(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The config as a hash string: the version, then in table order only the keys that apply to its space
 * and differ from that space's defaults ('v=1&seed=3&epochs=8'; no leading '#'; numbers as String(x)).
 * parseConfig reads it back to withUnusedAtDefaults(config): exactly `config` where the space's unused keys
 * are at their defaults. Links that list every key (all made before) still read as they always did.
 */
export function encodeConfig(config: Readonly<Config>): string {
  const base = baseFor(config.space);
  const unused = unusedKeys(config.space);
  const text = <K extends ConfigKey>(k: K, c: Readonly<Config>) => fieldOf(k).encode(c[k]);
  return CONFIG_KEYS.filter((k) => k === 'v' || (!unused.includes(k) && text(k, config) !== text(k, base)))
    .map((k) => `${k}=${escapeValue(text(k, config))}`)
    .join('&');
}

/** At most this many unknown-key warnings; the rest are counted in one line. */
const MAX_KEY_WARNINGS = 10;

/** Keys that only steer retraining or the search on the final scores: changing them after a run leaves the supernet and its scores the same. */
export const RETRAIN_KEYS: readonly ConfigKey[] = ['repochs', 'rlr', 'rseeds'];
export const SEARCH_KEYS: readonly ConfigKey[] = ['topk', 'flops', 'params', 'idscore'];

/** The supernet run a config describes (without retrain and search settings): the key of saved runs and of trained weights. */
export function runIdentity(config: Readonly<Config>): string {
  // Keys the space ignores are not part of the run (a link drops them, so a reload must find the same run).
  const run = withUnusedAtDefaults(config);
  return CONFIG_KEYS.filter((k) => !RETRAIN_KEYS.includes(k) && !SEARCH_KEYS.includes(k))
    .map((k) => `${k}=${escapeValue(fieldOf(k).encode(run[k]))}`)
    .join('&');
}

const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;

/** True when `prefix` (the text before a '#' or '?') reads as a URL rather than as part of a hash. */
function isUrlPrefix(prefix: string): boolean {
  return URL_START.test(prefix) || !/[=&]/.test(prefix);
}

/**
 * The key=value part of `input`: a bare hash ('v=1&…') as is, '#v=1&…' without its '#',
 * a full URL's fragment, or its query string when the fragment is missing or empty.
 */
export function hashPart(input: string): string {
  const s = input.trim();
  const h = s.indexOf('#');
  const hasHash = h >= 0 && isUrlPrefix(s.slice(0, h));
  if (hasHash && h + 1 < s.length) return s.slice(h + 1);
  const body = hasHash ? s.slice(0, h) : s;
  const q = body.indexOf('?');
  if (q >= 0 && isUrlPrefix(body.slice(0, q))) return body.slice(q + 1);
  return URL_START.test(body) ? '' : body;
}

/** 'a=1&b=x%2Cy&c' → [['a','1'], ['b','x,y'], ['c','']]; empty segments are skipped. */
function splitPairs(hash: string): [string, string][] {
  return hash
    .split('&')
    .filter((part) => part !== '')
    .map((part): [string, string] => {
      const i = part.indexOf('=');
      return i < 0 ? [unescapeText(part).trim(), ''] : [unescapeText(part.slice(0, i)).trim(), unescapeText(part.slice(i + 1))];
    });
}

/**
 * Key/value text pairs (already unescaped) → a valid Config on top of `base`.
 * Unknown keys warn; a repeated key warns and the last one wins; bad values are clamped
 * or defaulted with a warning; keys not given keep `base`'s value. Never throws.
 */
export function parseConfigEntries(entries: Iterable<readonly [string, string]>, base: Readonly<Config> = DEFAULT_CONFIG): ConfigResult {
  const warnings: string[] = [];
  const last = new Map<string, string>();
  const count = new Map<string, number>();
  for (const [key, value] of entries) {
    last.set(key, value);
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  let unknown = 0;
  for (const [key, n] of count) {
    if (!isConfigKey(key)) {
      if (++unknown <= MAX_KEY_WARNINGS) warnings.push(`unknown key '${clip(key)}' ignored`);
    } else if (n > 1) warnings.push(`key '${key}' given ${n} times; the last wins (${key}=${clip(last.get(key) ?? '')})`);
  }
  if (unknown > MAX_KEY_WARNINGS) warnings.push(`… and ${(unknown - MAX_KEY_WARNINGS).toLocaleString('en')} more unknown keys ignored`);
  // A link that edits the custom space's ops or stages but names no space (every link made before
  // the space key existed) means the custom space: it must not silently run another one.
  if (!last.has('space') && (last.has('ops') || last.has('stages'))) last.set('space', EDITABLE_SPACE);
  const config = resolveConfig(
    (key) => {
      const text = last.get(key);
      return text === undefined ? undefined : { value: fieldOf(key).decode(text), shown: clip(text) };
    },
    base,
    warnings,
  );
  return { config, warnings };
}

/**
 * Any string (bare hash, '#…', full URL) → a valid Config and warnings. Never throws.
 * Missing keys take their defaults silently; a non-empty hash without 'v' warns and reads as v=1.
 */
export function parseConfig(input: string): ConfigResult {
  const pairs = splitPairs(hashPart(typeof input === 'string' ? input : ''));
  // Keys a link leaves out take the defaults of the link's space (config/spaceDefaults.ts).
  const result = parseConfigEntries(pairs, baseFor(spaceOfEntries(pairs)));
  return withVersionWarning(pairs, result);
}

/** The space entries name: `space` if given (and known), else the editable one when they edit its ops or stages, else the default. */
function spaceOfEntries(pairs: readonly (readonly [string, string])[]): Config['space'] {
  const given = new Map(pairs);
  const spaceText = given.get('space')?.trim().toLowerCase();
  if (spaceText !== undefined) return isSpaceId(spaceText) ? spaceText : DEFAULT_CONFIG.space;
  return given.has('ops') || given.has('stages') ? EDITABLE_SPACE : DEFAULT_CONFIG.space;
}

const baseFor = (space: Config['space']): Config => ({ ...DEFAULT_CONFIG, ...spaceDefaults(space) });

/**
 * A link with entries applied after it (the CLI's flags). When the entries move the config to
 * another space (`--stages` on a NAS-Bench-Macro link), keys that neither the link nor the entries
 * set take the new space's defaults, as a link naming that space would. Warnings are kept apart:
 * the CLI treats the entries' as errors and the link's as warnings.
 */
export function parseConfigThen(
  input: string,
  entries: readonly (readonly [string, string])[],
): { config: Config; linkWarnings: string[]; entryWarnings: string[] } {
  const pairs = splitPairs(hashPart(typeof input === 'string' ? input : ''));
  const moves = entries.some(([k]) => k === 'space' || k === 'ops' || k === 'stages');
  // The link read on the final space's defaults; the entries then set the space itself (ops or stages without space read as custom).
  const link = withVersionWarning(pairs, parseConfigEntries(pairs, baseFor(spaceOfEntries(moves ? entries : pairs))));
  const applied = parseConfigEntries(entries, link.config);
  return { config: applied.config, linkWarnings: link.warnings, entryWarnings: applied.warnings };
}

function withVersionWarning(pairs: readonly (readonly [string, string])[], result: ConfigResult): ConfigResult {
  if (pairs.length > 0 && !pairs.some(([k]) => k === 'v')) {
    result.warnings.unshift(`missing version key 'v'; reading as v=1`);
  }
  return result;
}
