import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from './schema';
import { CUSTOM_SPACE_DEFAULTS } from './spaceDefaults';
import { encodeConfig, parseConfig } from './url';

const parse = (extra: string) => parseConfig(`v=1&${extra}`);

/** The nbmacro space's defaults, written out (the table's). */
const NBMACRO_RECIPE = { space: 'nbmacro', width: 0.125, data: 'builtin', n: 3500, val: 500, epochs: 5, lr: 0.02, opt: 'adam', bnscope: 'last' } as const;
/** The custom space's defaults, written out (config/spaceDefaults.ts). */
const CUSTOM_RECIPE = { space: 'custom', data: 'generated', n: 2000, val: 500, epochs: 10, lr: 1, opt: 'sgd', bnscope: 'all' } as const;
/** Where a custom-space link starts from. */
const CUSTOM_CONFIG: Config = { ...DEFAULT_CONFIG, ...CUSTOM_SPACE_DEFAULTS, space: 'custom' };

describe('links from before the space key, and hostile links', () => {
  it('a link that sets ops or stages but no space means the custom space', () => {
    expect(parse('stages=8x1,16x1').config.space).toBe('custom');
    expect(parse('ops=conv3,skip').config.space).toBe('custom');
    expect(parse('space=nbmacro&stages=8x1,16x1').config.space).toBe('nbmacro');
    expect(parse('stages=8x1,16x1').warnings).toEqual([]);
  });

  it('caps unknown-key warnings: 33,000 unknown keys give 11 lines, not 33,000', () => {
    const hash = Array.from({ length: 33_000 }, (_, i) => `zz${i}=1`).join('&');
    const { warnings } = parse(hash);
    expect(warnings).toHaveLength(11);
    expect(warnings[10]).toBe('… and 32,990 more unknown keys ignored');
  });
});

describe('per-space defaults of links', () => {
  it('an empty link gives the nbmacro defaults', () => {
    for (const input of ['', '#', 'v=1', 'https://x.org/nas/']) {
      const { config, warnings } = parseConfig(input);
      expect(warnings).toEqual([]);
      expect(config).toEqual(DEFAULT_CONFIG);
      expect(config).toMatchObject(NBMACRO_RECIPE);
    }
  });

  it('a link that sets no space, ops or stages keeps the nbmacro defaults for what it leaves out', () => {
    expect(parse('epochs=7&seed=3')).toEqual({ config: { ...DEFAULT_CONFIG, epochs: 7, seed: 3 }, warnings: [] });
    expect(parse('epochs=7').config).toMatchObject({ ...NBMACRO_RECIPE, epochs: 7 });
  });

  it('stages without space: the custom defaults for the keys left out, the given keys win', () => {
    const stages = [
      { channels: 8, layers: 1 },
      { channels: 16, layers: 1 },
    ];
    expect(parse('stages=8x1,16x1')).toEqual({ config: { ...CUSTOM_CONFIG, stages }, warnings: [] });
    expect(parse('stages=8x1,16x1').config).toMatchObject(CUSTOM_RECIPE);
    expect(parse('stages=8x1,16x1&epochs=3&opt=adam&data=builtin&bnscope=last')).toEqual({
      config: { ...CUSTOM_CONFIG, stages, epochs: 3, opt: 'adam', data: 'builtin', bnscope: 'last' },
      warnings: [],
    });
    expect(parse('stages=8x1,16x1&epochs=3&opt=adam&data=builtin&bnscope=last').config).toMatchObject({
      space: 'custom',
      data: 'builtin',
      n: 2000,
      val: 500,
      epochs: 3,
      lr: 1,
      opt: 'adam',
      bnscope: 'last',
    });
  });

  it('ops without space: the custom defaults for the keys left out, the given keys win', () => {
    expect(parse('ops=conv3,skip')).toEqual({ config: { ...CUSTOM_CONFIG, ops: ['conv3', 'skip'] }, warnings: [] });
    expect(parse('ops=conv3,skip').config).toMatchObject(CUSTOM_RECIPE);
    expect(parse('ops=conv3,skip&lr=0.5&n=640&val=64')).toEqual({
      config: { ...CUSTOM_CONFIG, ops: ['conv3', 'skip'], lr: 0.5, n: 640, val: 64 },
      warnings: [],
    });
  });

  it('an old link (no v, no space) reads as v1 on the custom space', () => {
    expect(parseConfig('ops=conv3,skip&epochs=4')).toEqual({
      config: { ...CUSTOM_CONFIG, ops: ['conv3', 'skip'], epochs: 4 },
      warnings: ["missing version key 'v'; reading as v=1"],
    });
    expect(parseConfig('https://x.org/nas/#stages=8x2')).toEqual({
      config: { ...CUSTOM_CONFIG, stages: [{ channels: 8, layers: 2 }] },
      warnings: ["missing version key 'v'; reading as v=1"],
    });
  });

  it('space=custom alone gets the custom defaults', () => {
    expect(parse('space=custom')).toEqual({ config: CUSTOM_CONFIG, warnings: [] });
    expect(parse('space=custom').config).toMatchObject(CUSTOM_RECIPE);
    expect(parse('space=custom&epochs=3&opt=adam')).toEqual({ config: { ...CUSTOM_CONFIG, epochs: 3, opt: 'adam' }, warnings: [] });
    expect(parse('space=custom&stages=8x1')).toEqual({ config: { ...CUSTOM_CONFIG, stages: [{ channels: 8, layers: 1 }] }, warnings: [] });
  });

  it('space=nbmacro with stages or ops keeps the nbmacro defaults; stages and ops only ride along', () => {
    expect(parse('space=nbmacro&stages=8x1')).toEqual({
      config: { ...DEFAULT_CONFIG, stages: [{ channels: 8, layers: 1 }] },
      warnings: [],
    });
    expect(parse('space=nbmacro&stages=8x1').config).toMatchObject(NBMACRO_RECIPE);
    expect(parse('space=nbmacro&ops=conv3,skip&epochs=2')).toEqual({
      config: { ...DEFAULT_CONFIG, ops: ['conv3', 'skip'], epochs: 2 },
      warnings: [],
    });
  });

  it('the space that wins a repeated space key also picks the defaults', () => {
    expect(parse('space=custom&space=nbmacro&stages=8x1')).toEqual({
      config: { ...DEFAULT_CONFIG, stages: [{ channels: 8, layers: 1 }] },
      warnings: ["key 'space' given 2 times; the last wins (space=nbmacro)"],
    });
    expect(parse('space=nbmacro&space=custom')).toEqual({
      config: CUSTOM_CONFIG,
      warnings: ["key 'space' given 2 times; the last wins (space=custom)"],
    });
  });

  it("encode ∘ parse round-trips both spaces' defaults with no warnings", () => {
    expect(parseConfig(encodeConfig(DEFAULT_CONFIG))).toEqual({ config: DEFAULT_CONFIG, warnings: [] });
    expect(parseConfig(encodeConfig(CUSTOM_CONFIG))).toEqual({ config: CUSTOM_CONFIG, warnings: [] });
    expect(encodeConfig(parseConfig('').config)).toBe(encodeConfig(DEFAULT_CONFIG));
    expect(encodeConfig(parseConfig('v=1&space=custom').config)).toBe('v=1&space=custom');
    // The link the page wrote before links were short: every key, and it opens the same config.
    expect(
      parseConfig(
        'v=1&seed=1&space=custom&width=0.125&ops=conv3,conv5,sep3,sep5,mb3&stages=16x2,32x2,64x2&data=generated&n=2000&val=500&epochs=10' +
          '&batch=64&lr=1&opt=sgd&mode=bn&bnscope=all&head=frozen&wd=0&aug=none&clip=0&idscore=skip&sposx=10&sposlr=0.05&sposn=20&repochs=5&rlr=0.05&rseeds=1&topk=10&flops=auto&params=auto&backend=auto',
      ),
    ).toEqual({ config: CUSTOM_CONFIG, warnings: [] });
  });
});

describe('the space a link names decides its defaults, however it is spelled', () => {
  it('space=CUSTOM reads as custom, with the custom defaults and one warning', () => {
    const { config, warnings } = parseConfig('v=1&space=CUSTOM');
    expect(config).toEqual({ ...DEFAULT_CONFIG, ...CUSTOM_SPACE_DEFAULTS, space: 'custom' });
    expect(warnings).toEqual(['space=CUSTOM read as custom']);
  });

  it("a bad value falls back to the link's space default", () => {
    expect(parseConfig('v=1&space=custom&data=bogus').config.data).toBe('generated');
    expect(parseConfig('v=1&data=bogus').config.data).toBe('builtin');
  });
});

describe('switching space applies its recipe', () => {
  it("spaceRecipe gives the recipe keys at each space's defaults", async () => {
    const { spaceRecipe } = await import('./spaceDefaults');
    expect(spaceRecipe('custom')).toEqual({ data: 'generated', n: 2000, epochs: 10, lr: 1, opt: 'sgd', bnscope: 'all' });
    expect(spaceRecipe('nbmacro')).toEqual({ data: 'builtin', n: 3500, epochs: 5, lr: 0.02, opt: 'adam', bnscope: 'last' });
  });
});
