import { describe, expect, it } from 'vitest';
import {
  CONFIG_FIELDS, CONFIG_KEYS, ConfigSchema, DEFAULT_CONFIG, describeConfigKeys, formatConfigHelp, isConfigKey,
} from './schema';
import { PAPER_PRESET } from './presets';
import { mergeConfig } from './validate';

describe('defaults and the key table', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_CONFIG).toEqual({
      v: 1, seed: 1, space: 'custom', width: 0.25, ops: ['conv3', 'conv5', 'sep3', 'sep5', 'mb3'],
      stages: [{ channels: 16, layers: 2 }, { channels: 32, layers: 2 }, { channels: 64, layers: 2 }],
      data: 'generated', n: 2000, val: 500, epochs: 10, batch: 64, lr: 1, opt: 'sgd', mode: 'bn',
      bnscope: 'all', head: 'frozen', sposx: 10, sposlr: 0.05, sposn: 20, repochs: 5, rlr: 0.05, rseeds: 1, topk: 10, flops: 'auto', params: 'auto', backend: 'auto',
    });
  });

  it('takes every default from the one table, in table order', () => {
    expect(Object.keys(DEFAULT_CONFIG)).toEqual(CONFIG_KEYS);
    for (const k of CONFIG_KEYS) expect(DEFAULT_CONFIG[k]).toEqual(CONFIG_FIELDS[k].default);
  });

  it('defaults are valid and frozen', () => {
    expect(ConfigSchema.safeParse(DEFAULT_CONFIG).success).toBe(true);
    expect(Object.isFrozen(DEFAULT_CONFIG)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CONFIG.ops)).toBe(true);
    expect(Object.isFrozen(DEFAULT_CONFIG.stages[0])).toBe(true);
  });

  it('the strict schema rejects unknown keys and out-of-limit values', () => {
    expect(ConfigSchema.safeParse({ ...DEFAULT_CONFIG, foo: 1 }).success).toBe(false);
    expect(ConfigSchema.safeParse({ ...DEFAULT_CONFIG, epochs: 201 }).success).toBe(false);
    expect(ConfigSchema.safeParse({ ...DEFAULT_CONFIG, ops: ['conv3', 'conv3'] }).success).toBe(false);
    const tooDeep = [{ channels: 16, layers: 6 }, { channels: 32, layers: 6 }, { channels: 64, layers: 1 }];
    expect(ConfigSchema.safeParse({ ...DEFAULT_CONFIG, stages: tooDeep }).success).toBe(false);
    expect(ConfigSchema.safeParse({ ...DEFAULT_CONFIG, flops: 0 }).success).toBe(false);
  });

  it('knows its keys, and not inherited names', () => {
    expect(isConfigKey('epochs')).toBe(true);
    expect(isConfigKey('constructor')).toBe(false);
    expect(isConfigKey('__proto__')).toBe(false);
  });

  it('describes every key for help, with URL-form defaults', () => {
    const info = describeConfigKeys();
    expect(info.map((r) => r.key)).toEqual(CONFIG_KEYS);
    const byKey = Object.fromEntries(info.map((r) => [r.key, r]));
    expect(byKey.epochs).toMatchObject({ type: 'int 1..200', default: '10', limits: { kind: 'int', min: 1, max: 200 } });
    expect(byKey.stages?.default).toBe('16x2,32x2,64x2');
    expect(byKey.ops?.default).toBe('conv3,conv5,sep3,sep5,mb3');
    expect(byKey.opt?.limits).toEqual({ kind: 'enum', values: ['sgd', 'adam'] });
    for (const r of info) expect(r.help.length).toBeGreaterThan(0);
  });

  it('formats help with one line per key (v left out)', () => {
    const lines = formatConfigHelp('--').split('\n');
    expect(lines).toHaveLength(CONFIG_KEYS.length - 1);
    expect(lines.find((l) => l.trim().startsWith('--epochs '))).toMatch(/int 1\.\.200 +default 10 +supernet training epochs/);
  });

  it('the paper preset merges without warnings', () => {
    const { config, warnings } = mergeConfig(DEFAULT_CONFIG, PAPER_PRESET);
    expect(warnings).toEqual([]);
    expect(config).toMatchObject(PAPER_PRESET);
  });
});
