import { z } from 'zod';
import { clip, copyPlain, decodeNumber, fallbackOf, repairInt, showValue, type Field, type RepairContext } from './field';
import { OP_IDS, type OpId } from './ops';

/** One stage of the search space: `layers` choice layers of `channels` output channels. */
export interface Stage {
  channels: number;
  layers: number;
}

/** Splits 'a,b,,c' into trimmed entries; '' gives no entries. */
function splitList(text: string): string[] {
  return text.trim() === '' ? [] : text.split(',').map((s) => s.trim());
}

/** The op list: unique op ids in the user's order (path indices refer to this order). */
export function opsField(o: { default: OpId[]; help: string }): Field<OpId[]> {
  const max = OP_IDS.length;
  const encode = (v: readonly OpId[]): string => v.join(',');
  return {
    default: o.default,
    help: o.help,
    type: `list of ${OP_IDS.join('|')}, 1..${max} unique`,
    limits: { kind: 'ops', values: OP_IDS, min: 1, max },
    schema: z
      .array(z.enum(OP_IDS))
      .min(1)
      .max(max)
      .refine((ops) => new Set(ops).size === ops.length, 'ops must be unique'),
    encode,
    decode: splitList,
    repair(value, ctx) {
      const fallback = (why: string): OpId[] => {
        ctx.warn(`${ctx.key}=${ctx.shown} ${why}; using the default ${encode(fallbackOf(ctx, o.default))}`);
        return copyPlain(fallbackOf(ctx, o.default));
      };
      if (!Array.isArray(value)) return fallback('is not a list of ops');
      if (value.length === 0) return fallback('is empty');
      const ops: OpId[] = [];
      for (const entry of value as unknown[]) {
        const text = typeof entry === 'string' ? entry : '';
        const op = OP_IDS.find((id) => id === text) ?? OP_IDS.find((id) => id === text.trim().toLowerCase());
        if (op === undefined) {
          ctx.warn(entry === '' ? `${ctx.key}: empty entry ignored` : `${ctx.key}: unknown op '${showValue(entry)}' ignored`);
        } else if (ops.includes(op)) {
          ctx.warn(`${ctx.key}: duplicate '${op}' removed`);
        } else {
          if (op !== entry) ctx.warn(`${ctx.key}: '${showValue(entry)}' read as ${op}`);
          ops.push(op);
        }
      }
      return ops.length > 0 ? ops : fallback('has no valid op');
    },
  };
}

const STAGE_TEXT = /^([^x]*)x([^x]*)$/i;

/** '16x2' → { channels: 16, layers: 2 }; anything else stays text so repair can name it. */
function decodeStage(text: string): unknown {
  const m = STAGE_TEXT.exec(text);
  if (m === null) return text;
  const channels = decodeNumber(m[1] ?? '');
  const layers = decodeNumber(m[2] ?? '');
  return typeof channels === 'number' && typeof layers === 'number' ? { channels, layers } : text;
}

interface StageLimits {
  default: Stage[];
  maxStages: number;
  channels: { min: number; max: number };
  layers: { min: number; max: number };
  maxTotalLayers: number;
  help: string;
}

/** The stages list, URL form '16x2,32x2,64x2' (channels x layers per stage). */
export function stagesField(o: StageLimits): Field<Stage[]> {
  const { channels: ch, layers: ly } = o;
  const encode = (v: readonly Stage[]): string => v.map((s) => `${s.channels}x${s.layers}`).join(',');
  return {
    default: o.default,
    help: o.help,
    type: `CxL list: 1..${o.maxStages} stages, C ${ch.min}..${ch.max}, L ${ly.min}..${ly.max}, ≤${o.maxTotalLayers} layers`,
    limits: { kind: 'stages', maxStages: o.maxStages, channels: ch, layers: ly, maxTotalLayers: o.maxTotalLayers },
    schema: z
      .array(
        z.strictObject({
          channels: z.number().int().min(ch.min).max(ch.max),
          layers: z.number().int().min(ly.min).max(ly.max),
        }),
      )
      .min(1)
      .max(o.maxStages)
      .refine((st) => st.reduce((n, s) => n + s.layers, 0) <= o.maxTotalLayers, 'too many layers in all'),
    encode,
    decode: (text) => splitList(text).map(decodeStage),
    repair(value, ctx) {
      const fallback = (why: string): Stage[] => {
        ctx.warn(`${ctx.key}=${ctx.shown} ${why}; using the default ${encode(fallbackOf(ctx, o.default))}`);
        return copyPlain(fallbackOf(ctx, o.default));
      };
      if (!Array.isArray(value)) return fallback('is not a list of stages');
      if (value.length === 0) return fallback('is empty');
      let stages: Stage[] = [];
      (value as unknown[]).forEach((entry, i) => {
        const stage = repairStage(entry, i, ctx, o);
        if (stage !== null) stages.push(stage);
      });
      if (stages.length === 0) return fallback('has no valid stage');
      if (stages.length > o.maxStages) {
        ctx.warn(`${ctx.key}=${ctx.shown} has ${stages.length} stages, above the maximum ${o.maxStages}; using the first ${o.maxStages}`);
        stages = stages.slice(0, o.maxStages);
      }
      const total = stages.reduce((n, s) => n + s.layers, 0);
      if (total > o.maxTotalLayers) {
        let left = o.maxTotalLayers;
        stages = stages.flatMap((s) => {
          const layers = Math.min(s.layers, left);
          left -= layers;
          return layers > 0 ? [{ channels: s.channels, layers }] : [];
        });
        ctx.warn(`${ctx.key}=${ctx.shown} has ${total} layers in all, above the maximum ${o.maxTotalLayers}; using ${encode(stages)}`);
      }
      return stages;
    },
  };
}

/** One stage entry → a valid Stage, or null (with a warning) when it cannot be read. */
function repairStage(entry: unknown, i: number, ctx: RepairContext, o: StageLimits): Stage | null {
  if (entry === '') {
    ctx.warn(`${ctx.key}: empty entry ignored`);
    return null;
  }
  const obj = entry !== null && typeof entry === 'object' ? (entry as Record<string, unknown>) : {};
  const { channels, layers } = obj;
  if (typeof channels !== 'number' || typeof layers !== 'number' || Number.isNaN(channels) || Number.isNaN(layers)) {
    const shown = typeof entry === 'string' ? clip(entry) : showValue(entry);
    ctx.warn(`${ctx.key}: malformed entry '${shown}' ignored (expected CHANNELSxLAYERS, e.g. 16x2)`);
    return null;
  }
  const at = (part: string, v: number): RepairContext => ({ key: `${ctx.key}[${i}].${part}`, shown: String(v), warn: ctx.warn });
  return {
    channels: repairInt(channels, at('channels', channels), o.channels.min, o.channels.max, o.default[0]?.channels ?? o.channels.min),
    layers: repairInt(layers, at('layers', layers), o.layers.min, o.layers.max, o.default[0]?.layers ?? o.layers.min),
  };
}
