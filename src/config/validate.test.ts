import { describe, expect, it } from 'vitest';
import { ConfigSchema, DEFAULT_CONFIG, type Config } from './schema';
import { mergeConfig, validateConfig } from './validate';

describe('validateConfig', () => {
  it('passes a valid config through unchanged, as a copy', () => {
    const c: Config = { ...DEFAULT_CONFIG, ops: ['skip', 'mb3'], flops: 3.5 };
    const { config, warnings } = validateConfig(c);
    expect(warnings).toEqual([]);
    expect(config).toEqual(c);
    expect(config.ops).not.toBe(c.ops);
  });

  it('survives JSON round trips', () => {
    expect(validateConfig(JSON.parse(JSON.stringify(DEFAULT_CONFIG)))).toEqual({ config: DEFAULT_CONFIG, warnings: [] });
  });

  it('replaces non-objects with the defaults, warning once', () => {
    for (const bad of [null, undefined, 42, 'v=1', [1, 2]]) {
      const { config, warnings } = validateConfig(bad);
      expect(config).toEqual(DEFAULT_CONFIG);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/is not an object; using the defaults$/);
    }
  });

  it('fills missing keys silently, warns about unknown keys, versions and bad values', () => {
    expect(validateConfig({})).toEqual({ config: DEFAULT_CONFIG, warnings: [] });
    const { config, warnings } = validateConfig({
      v: 3,
      epochs: 5000,
      lr: 'fast',
      ops: ['conv3', 'conv3', 7],
      stages: [{ channels: 16 }, { channels: 8, layers: 2.5 }],
      flops: -1,
      opt: 'sgd',
      extra: true,
    });
    expect(config).toEqual({
      ...DEFAULT_CONFIG,
      epochs: 200,
      ops: ['conv3'],
      stages: [{ channels: 8, layers: 3 }],
      opt: 'sgd',
    });
    expect(warnings).toEqual([
      "unknown key 'extra' ignored",
      'unknown version v=3; reading as v=1',
      "ops: duplicate 'conv3' removed",
      "ops: unknown op '7' ignored",
      `stages: malformed entry '{"channels":16}' ignored (expected CHANNELSxLAYERS, e.g. 16x2)`,
      'stages[1].layers=2.5 is not an integer; using 3',
      'epochs=5000 is above the maximum 200; using 200',
      'lr=fast is not a number; using the default 0.02',
      'flops=-1 is not above 0; using the default auto',
    ]);
  });

  it('warns about a missing version on a non-empty object', () => {
    expect(validateConfig({ epochs: 3 }).warnings).toEqual(["missing version key 'v'; reading as v=1"]);
  });

  it('rejects wrong types for every kind of key', () => {
    const { config, warnings } = validateConfig({ v: 1, seed: '5', ops: 'conv3', stages: {}, data: 1, flops: null, params: [] });
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(warnings).toHaveLength(6);
    expect(ConfigSchema.safeParse(config).success).toBe(true);
  });
});

describe('mergeConfig', () => {
  it('puts defined patch values over the base', () => {
    const { config, warnings } = mergeConfig(DEFAULT_CONFIG, { epochs: 3, mode: 'full', lr: undefined });
    expect(warnings).toEqual([]);
    expect(config).toEqual({ ...DEFAULT_CONFIG, epochs: 3, mode: 'full' });
  });

  it('clamps bad patch values with warnings', () => {
    const { config, warnings } = mergeConfig(DEFAULT_CONFIG, { batch: 1024, topk: 0 });
    expect(config).toMatchObject({ batch: 512, topk: 1 });
    expect(warnings).toEqual(['batch=1024 is above the maximum 512; using 512', 'topk=0 is below the minimum 1; using 1']);
  });

  it('warns about unknown patch keys', () => {
    const patch = { epochs: 2, nope: 1 } as Partial<Config>;
    expect(mergeConfig(DEFAULT_CONFIG, patch).warnings).toEqual(["unknown key 'nope' ignored"]);
  });
});
