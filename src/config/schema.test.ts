import { describe, expect, it } from 'vitest';
import { CONFIG_FIELDS, CONFIG_KEYS, ConfigSchema, DEFAULT_CONFIG, describeConfigKeys, formatConfigHelp, isConfigKey } from './schema';
import { PAPER_PRESET } from './presets';
import { CUSTOM_SPACE_DEFAULTS, spaceDefaults } from './spaceDefaults';
import { mergeConfig, validateConfig } from './validate';

describe('defaults and the key table', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_CONFIG).toEqual({
      v: 1,
      seed: 1,
      space: 'nbmacro',
      width: 0.125,
      ops: ['conv3', 'conv5', 'sep3', 'sep5', 'mb3'],
      stages: [
        { channels: 16, layers: 2 },
        { channels: 32, layers: 2 },
        { channels: 64, layers: 2 },
      ],
      data: 'builtin',
      n: 3500,
      val: 500,
      epochs: 5,
      batch: 64,
      lr: 0.02,
      opt: 'adam',
      mode: 'bn',
      bnscope: 'last',
      head: 'frozen',
      wd: 0,
      aug: 'none',
      clip: 0,
      idscore: 'skip',
      sposx: 10,
      sposlr: 0.05,
      sposn: 20,
      repochs: 5,
      rlr: 0.05,
      rseeds: 1,
      topk: 10,
      flops: 'auto',
      params: 'auto',
      backend: 'auto',
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
    const tooDeep = [
      { channels: 16, layers: 6 },
      { channels: 32, layers: 6 },
      { channels: 64, layers: 1 },
    ];
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
    expect(byKey.epochs).toMatchObject({ type: 'int 1..200', default: '5', limits: { kind: 'int', min: 1, max: 200 } });
    expect(byKey.space).toMatchObject({ type: 'custom|nbmacro', default: 'nbmacro' });
    expect(byKey.width?.default).toBe('0.125');
    expect(byKey.lr?.default).toBe('0.02');
    expect(byKey.stages?.default).toBe('16x2,32x2,64x2');
    expect(byKey.ops?.default).toBe('conv3,conv5,sep3,sep5,mb3');
    expect(byKey.opt?.limits).toEqual({ kind: 'enum', values: ['sgd', 'adam'] });
    for (const r of info) expect(r.help.length).toBeGreaterThan(0);
  });

  it('formats help with one line per key (v left out)', () => {
    const lines = formatConfigHelp('--').split('\n');
    expect(lines).toHaveLength(CONFIG_KEYS.length - 1);
    expect(lines.find((l) => l.trim().startsWith('--epochs '))).toMatch(/int 1\.\.200 +default 5 +supernet training epochs/);
  });

  it('the paper preset merges without warnings', () => {
    const { config, warnings } = mergeConfig(DEFAULT_CONFIG, PAPER_PRESET);
    expect(warnings).toEqual([]);
    expect(config).toMatchObject(PAPER_PRESET);
  });
});

describe('per-space defaults', () => {
  it('the custom space has its own recipe (docs/recipe.md)', () => {
    expect(CUSTOM_SPACE_DEFAULTS).toEqual({
      data: 'generated',
      n: 2000,
      epochs: 10,
      lr: 1,
      opt: 'sgd',
      bnscope: 'all',
    });
  });

  it("spaceDefaults: the custom space's overrides, none for nbmacro (the table is nbmacro's)", () => {
    expect(spaceDefaults('custom')).toEqual(CUSTOM_SPACE_DEFAULTS);
    expect(spaceDefaults('nbmacro')).toEqual({});
    expect(DEFAULT_CONFIG.space).toBe('nbmacro');
  });

  it("the custom space's defaults over the table make a valid config", () => {
    const custom = { ...DEFAULT_CONFIG, ...CUSTOM_SPACE_DEFAULTS, space: 'custom' as const };
    for (const k of Object.keys(CUSTOM_SPACE_DEFAULTS)) expect(isConfigKey(k)).toBe(true);
    expect(ConfigSchema.safeParse(custom).success).toBe(true);
    expect(validateConfig(custom)).toEqual({ config: custom, warnings: [] });
  });
});
