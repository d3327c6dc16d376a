import { describe, expect, it } from 'vitest';
import { applyPreset, KEPT_BY_PRESETS, presetOf, PRESETS, RECIPE_KEYS } from './presets';
import { CONFIG_KEYS, DEFAULT_CONFIG, type Config } from './schema';
import { RETRAIN_KEYS } from './url';
import { mergeConfig } from './validate';

const fresh = (): Config => ({ ...DEFAULT_CONFIG, ops: [...DEFAULT_CONFIG.ops], stages: DEFAULT_CONFIG.stages.map((s) => ({ ...s })) });

// A config a user has been editing: recipe keys and kept keys off their defaults.
const edited: Config = mergeConfig(DEFAULT_CONFIG, {
  space: 'custom',
  ops: ['conv3', 'sep5'],
  stages: [{ channels: 8, layers: 3 }],
  data: 'generated',
  n: 777,
  val: 100,
  epochs: 9,
  batch: 32,
  lr: 0.3,
  opt: 'sgd',
  mode: 'both',
  bnscope: 'all',
  head: 'train',
  wd: 1e-3,
  aug: 'cropflip',
  clip: 2,
  idscore: 'bn',
  sposx: 3,
  sposlr: 0.2,
  sposn: 50,
  width: 0.5,
  seed: 42,
  topk: 7,
  flops: 3,
  params: 0.2,
  repochs: 2,
  rlr: 0.1,
  rseeds: 3,
  backend: 'cpu',
}).config;

describe('presets set a whole recipe', () => {
  it('the recipe keys and the kept keys split the table', () => {
    expect([...RECIPE_KEYS, ...KEPT_BY_PRESETS].sort()).toEqual([...CONFIG_KEYS].sort());
    for (const k of RETRAIN_KEYS) expect(KEPT_BY_PRESETS).toContain(k);
  });

  it('preset A then preset B is exactly B on a fresh page, for every pair, with no warnings', () => {
    for (const a of PRESETS) {
      for (const b of PRESETS) {
        const afterA = applyPreset(fresh(), a);
        const afterB = applyPreset(afterA.config, b);
        expect(afterA.warnings).toEqual([]);
        expect(afterB.warnings).toEqual([]);
        expect(afterB.config, `${a.id} then ${b.id}`).toEqual(applyPreset(fresh(), b).config);
      }
    }
  });

  it('on an edited config, a preset fixes every recipe key and keeps seed, top-k, budgets, retrain settings and backend', () => {
    for (const p of PRESETS) {
      const { config } = applyPreset(edited, p);
      const onFresh = applyPreset(fresh(), p).config;
      for (const k of RECIPE_KEYS) expect(config[k], `${p.id}: ${k}`).toEqual(onFresh[k]);
      expect({
        seed: config.seed,
        topk: config.topk,
        flops: config.flops,
        params: config.params,
        repochs: config.repochs,
        rlr: config.rlr,
        rseeds: config.rseeds,
        backend: config.backend,
      }).toEqual({ seed: 42, topk: 7, flops: 3, params: 0.2, repochs: 2, rlr: 0.1, rseeds: 3, backend: 'cpu' });
    }
  });

  it("'Paper recipe' after 'BN-NAS vs SPOS' runs BN-NAS alone on 3,500 images for 5 epochs (the NAS-Bench-Macro defaults)", () => {
    const compare = PRESETS.find((p) => p.id === 'compare')!;
    const paper = PRESETS.find((p) => p.id === 'paper')!;
    const { config } = applyPreset(applyPreset(fresh(), compare).config, paper);
    expect(config).toMatchObject({
      space: 'nbmacro',
      mode: 'bn',
      n: 3500,
      epochs: 5,
      opt: 'sgd',
      lr: 0.1,
      bnscope: 'last',
      head: 'frozen',
      width: 0.125,
      data: 'builtin',
    });
  });

  it('a preset from the custom space leaves no custom ops or stages behind', () => {
    const quick = PRESETS.find((p) => p.id === 'quick')!;
    const { config } = applyPreset(edited, quick);
    expect(config.ops).toEqual(['conv3', 'conv5', 'sep3', 'sep5', 'mb3']);
    expect(config.stages).toEqual([
      { channels: 16, layers: 2 },
      { channels: 32, layers: 2 },
      { channels: 64, layers: 2 },
    ]);
  });

  it('presetOf names the preset a config runs, and none once a recipe key moves', () => {
    for (const p of PRESETS) {
      const { config } = applyPreset(edited, p);
      expect(presetOf(config)?.id).toBe(p.id);
      expect(presetOf({ ...config, epochs: config.epochs + 1 })).toBeUndefined();
    }
    expect(presetOf(edited)).toBeUndefined();
  });
});
