import { z } from 'zod';

/**
 * One config key's declaration: its default, limits, help text, strict schema
 * and its URL codec. The table in `schema.ts` is built from these and drives
 * parse, encode, validation, help and UI limits.
 */
export interface Field<T> {
  readonly default: T;
  /** One line for UI tooltips and CLI --help. */
  readonly help: string;
  /** Short type-and-limits text, e.g. 'int 1..200'. */
  readonly type: string;
  /** Machine-readable limits: UI inputs read their min/max and options from here (limits.ts: rangeOf, optionsOf). */
  readonly limits: Limits;
  /** What a valid value is; every repaired value passes it. */
  readonly schema: z.ZodType<T>;
  /** Value → URL text (before escaping). */
  encode(value: T): string;
  /** URL text (unescaped) → a candidate value for `repair`; never throws. */
  decode(text: string): unknown;
  /** Any value → a valid value: as given when valid, else clamped or defaulted, warning through ctx. */
  repair(value: unknown, ctx: RepairContext): T;
}

export type Limits =
  | { readonly kind: 'version'; readonly value: number }
  | { readonly kind: 'int'; readonly min: number; readonly max: number }
  | { readonly kind: 'float'; readonly min: number; readonly max: number }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'budget'; readonly auto: 'auto'; readonly minExclusive: number; readonly max: number }
  | { readonly kind: 'ops'; readonly values: readonly string[]; readonly min: number; readonly max: number }
  | {
      readonly kind: 'stages';
      readonly maxStages: number;
      readonly channels: { readonly min: number; readonly max: number };
      readonly layers: { readonly min: number; readonly max: number };
      readonly maxTotalLayers: number;
    };

/** Where a repair reports: the key, how the given value reads, and the warning sink. */
export interface RepairContext {
  readonly key: string;
  /** The given value as written (URL text) or printed (JSON), already shortened. */
  readonly shown: string;
  warn(message: string): void;
  /** What a bad value falls back to: the base the input edits (e.g. the link's space default); the field's default when absent. */
  readonly fallback?: unknown;
}

/** The fallback of a repair: the context's base value, else the field's default. */
export function fallbackOf<T>(ctx: RepairContext, fieldDefault: T): T {
  return ctx.fallback === undefined ? fieldDefault : (ctx.fallback as T);
}

const MAX_SHOWN = 40;

/** Shortens text for a warning so a hostile or huge value cannot flood the UI. */
export function clip(text: string): string {
  return text.length <= MAX_SHOWN ? text : `${text.slice(0, MAX_SHOWN)}…`;
}

/** How any value prints in a warning: strings as is, numbers via String, the rest as JSON. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return clip(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined) return String(value);
  try {
    return clip(JSON.stringify(value) ?? String(value));
  } catch {
    return clip(Object.prototype.toString.call(value));
  }
}

/** Copies plain JSON-like data (arrays, objects, primitives) so results never share arrays. */
export function copyPlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map((x: unknown) => copyPlain(x)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = copyPlain(v);
    return out as T;
  }
  return value;
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Decimal text ('12', '-0.5', '1e-4') → number; anything else stays text for repair to reject. */
export function decodeNumber(text: string): unknown {
  const t = text.trim();
  return NUMBER_TEXT.test(t) ? Number(t) : t;
}

function notNumber<T>(ctx: RepairContext, fallback: T, encode: (v: T) => string): T {
  ctx.warn(`${ctx.key}=${ctx.shown} is not a number; using the default ${encode(fallback)}`);
  return fallback;
}

/** Integer in [min, max]: clamps with a warning, rounds non-integers with a warning, NaN/text → fallback. */
export function repairInt(value: unknown, ctx: RepairContext, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || Number.isNaN(value)) return notNumber(ctx, fallback, String);
  if (value > max) {
    ctx.warn(`${ctx.key}=${ctx.shown} is above the maximum ${max}; using ${max}`);
    return max;
  }
  if (value < min) {
    ctx.warn(`${ctx.key}=${ctx.shown} is below the minimum ${min}; using ${min}`);
    return min;
  }
  const rounded = Math.round(value) + 0; // + 0 turns -0 into 0
  if (rounded !== value) ctx.warn(`${ctx.key}=${ctx.shown} is not an integer; using ${rounded}`);
  return rounded;
}

/** The `v` key: always `value`; anything else warns and reads as `value`. */
export function versionField(value: 1, help: string): Field<1> {
  return {
    default: value,
    help,
    type: String(value),
    limits: { kind: 'version', value },
    schema: z.literal(value),
    encode: String,
    decode: decodeNumber,
    repair(given, ctx) {
      if (given !== value) ctx.warn(`unknown version ${ctx.key}=${ctx.shown}; reading as ${ctx.key}=${value}`);
      return value;
    },
  };
}

export function intField(o: { default: number; min: number; max: number; help: string }): Field<number> {
  return {
    default: o.default,
    help: o.help,
    type: `int ${o.min}..${o.max}`,
    limits: { kind: 'int', min: o.min, max: o.max },
    schema: z.number().int().min(o.min).max(o.max),
    encode: String,
    decode: decodeNumber,
    repair: (value, ctx) => repairInt(value, ctx, o.min, o.max, fallbackOf(ctx, o.default)),
  };
}

export function floatField(o: { default: number; min: number; max: number; help: string }): Field<number> {
  return {
    default: o.default,
    help: o.help,
    type: `number ${o.min}..${o.max}`,
    limits: { kind: 'float', min: o.min, max: o.max },
    schema: z.number().min(o.min).max(o.max),
    encode: String,
    decode: decodeNumber,
    repair(value, ctx) {
      if (typeof value !== 'number' || Number.isNaN(value)) return notNumber(ctx, fallbackOf(ctx, o.default), String);
      if (value > o.max) {
        ctx.warn(`${ctx.key}=${ctx.shown} is above the maximum ${o.max}; using ${o.max}`);
        return o.max;
      }
      if (value < o.min) {
        ctx.warn(`${ctx.key}=${ctx.shown} is below the minimum ${o.min}; using ${o.min}`);
        return o.min;
      }
      return value + 0;
    },
  };
}

/** Matches a string exactly, or ignoring case and spaces (with a warning); null if no match. */
function matchName<V extends string>(values: readonly V[], text: string, ctx: RepairContext): V | null {
  const exact = values.find((v) => v === text);
  if (exact !== undefined) return exact;
  const loose = values.find((v) => v === text.trim().toLowerCase());
  if (loose !== undefined) ctx.warn(`${ctx.key}=${ctx.shown} read as ${loose}`);
  return loose ?? null;
}

export function enumField<const V extends readonly [string, ...string[]]>(values: V, def: V[number], help: string): Field<V[number]> {
  return {
    default: def,
    help,
    type: values.join('|'),
    limits: { kind: 'enum', values },
    schema: z.enum(values),
    encode: (v) => v,
    decode: (text) => text,
    repair(value, ctx) {
      const hit = typeof value === 'string' ? matchName<V[number]>(values, value, ctx) : null;
      if (hit !== null) return hit;
      const fallback = fallbackOf(ctx, def);
      ctx.warn(`${ctx.key}=${ctx.shown} is not one of ${values.join('|')}; using the default ${fallback}`);
      return fallback;
    },
  };
}

/** A budget: 'auto' or a positive number up to `max`; non-positive or unreadable values fall back to the default. */
export function budgetField(o: { default: number | 'auto'; max: number; help: string }): Field<number | 'auto'> {
  const show = (v: number | 'auto'): string => String(v);
  return {
    default: o.default,
    help: o.help,
    type: `auto | number in (0, ${o.max}]`,
    limits: { kind: 'budget', auto: 'auto', minExclusive: 0, max: o.max },
    schema: z.union([z.literal('auto'), z.number().positive().max(o.max)]),
    encode: show,
    decode: (text) => (text.trim().toLowerCase() === 'auto' ? text : decodeNumber(text)),
    repair(value, ctx) {
      if (typeof value === 'string' && matchName(['auto'] as const, value, ctx) !== null) return 'auto';
      if (typeof value !== 'number' || Number.isNaN(value)) return notNumber(ctx, fallbackOf(ctx, o.default), show);
      if (value > o.max) {
        ctx.warn(`${ctx.key}=${ctx.shown} is above the maximum ${o.max}; using ${o.max}`);
        return o.max;
      }
      if (value <= 0) {
        ctx.warn(`${ctx.key}=${ctx.shown} is not above 0; using the default ${show(fallbackOf(ctx, o.default))}`);
        return fallbackOf(ctx, o.default);
      }
      return value;
    },
  };
}
