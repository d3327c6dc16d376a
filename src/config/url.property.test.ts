import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OP_IDS } from './ops';
import { CONFIG_KEYS, ConfigSchema, DEFAULT_CONFIG, type Config, type ConfigKey, type Stage } from './schema';
import { CUSTOM_SPACE_DEFAULTS } from './spaceDefaults';
import { fieldOf } from './schema';
import { encodeConfig, parseConfig } from './url';
import { validateConfig } from './validate';

// Valid configs, written from the documented limits rather than from the table.
const stagesArb: fc.Arbitrary<Stage[]> = fc
  .array(fc.record({ channels: fc.integer({ min: 4, max: 256 }), layers: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 4 })
  .filter((st) => st.reduce((n, s) => n + s.layers, 0) <= 12);
const budgetArb = fc.oneof(fc.constant('auto' as const), fc.double({ min: Number.MIN_VALUE, max: 1e6, noNaN: true }));

const validConfigArb: fc.Arbitrary<Config> = fc.record({
  v: fc.constant(1 as const),
  seed: fc.integer({ min: 0, max: 2147483647 }),
  space: fc.constantFrom('custom' as const, 'nbmacro' as const),
  width: fc.double({ min: 0.125, max: 1, noNaN: true }),
  ops: fc.uniqueArray(fc.constantFrom(...OP_IDS), { minLength: 1, maxLength: 10 }),
  stages: stagesArb,
  data: fc.constantFrom('builtin' as const, 'generated' as const, 'cifar10' as const),
  n: fc.integer({ min: 64, max: 50000 }),
  val: fc.integer({ min: 0, max: 10000 }),
  epochs: fc.integer({ min: 1, max: 200 }),
  batch: fc.integer({ min: 8, max: 512 }),
  lr: fc.double({ min: 1e-4, max: 10, noNaN: true }),
  opt: fc.constantFrom('sgd' as const, 'adam' as const),
  mode: fc.constantFrom('bn' as const, 'full' as const, 'both' as const),
  bnscope: fc.constantFrom('last' as const, 'all' as const),
  head: fc.constantFrom('frozen' as const, 'train' as const),
  wd: fc.double({ min: 0, max: 0.01, noNaN: true }),
  aug: fc.constantFrom('none' as const, 'cropflip' as const),
  clip: fc.double({ min: 0, max: 100, noNaN: true }),
  idscore: fc.constantFrom('bn' as const, 'skip' as const),
  sposx: fc.integer({ min: 1, max: 20 }),
  sposlr: fc.double({ min: 1e-4, max: 1, noNaN: true }),
  sposn: fc.integer({ min: 2, max: 500 }),
  repochs: fc.integer({ min: 1, max: 200 }),
  rlr: fc.double({ min: 1e-4, max: 2, noNaN: true }),
  rseeds: fc.integer({ min: 1, max: 5 }),
  topk: fc.integer({ min: 1, max: 100 }),
  flops: budgetArb,
  params: budgetArb,
  backend: fc.constantFrom('auto' as const, 'webgpu' as const, 'webgl' as const, 'wasm' as const, 'cpu' as const),
});

/** The link as the page wrote it before links were short: every key, in table order. Such links must keep opening the same config. */
const fullLink = (c: Config, keys: readonly ConfigKey[] = CONFIG_KEYS): string =>
  keys.map((k) => `${k}=${encodeURIComponent(fieldOf(k).encode(c[k])).replace(/%2C/g, ',')}`).join('&');

/** `c` with the keys its space ignores at their defaults, written from the field help (width: nbmacro only; ops, stages: custom only). */
function asRun(c: Config): Config {
  return c.space === 'custom'
    ? { ...c, width: DEFAULT_CONFIG.width }
    : { ...c, ops: [...DEFAULT_CONFIG.ops], stages: DEFAULT_CONFIG.stages.map((s) => ({ ...s })) };
}

// Hostile input 1: mutated valid hashes (characters replaced, inserted, deleted).
const charArb = fc.oneof(fc.constantFrom(...'&=#?%,xX+-.eE0123456789 '.split('')), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
const editArb = fc.record({ kind: fc.constantFrom('replace', 'insert', 'delete'), at: fc.nat(), ch: charArb });
const mutatedArb = fc.tuple(validConfigArb, fc.array(editArb, { minLength: 1, maxLength: 8 }), fc.boolean()).map(([c, edits, full]) => {
  let s = full ? fullLink(c) : encodeConfig(c);
  for (const { kind, at, ch } of edits) {
    const i = s.length === 0 ? 0 : at % (s.length + (kind === 'insert' ? 1 : 0));
    if (kind === 'insert') s = s.slice(0, i) + ch + s.slice(i);
    else if (kind === 'replace') s = s.slice(0, i) + ch + s.slice(i + 1);
    else s = s.slice(0, i) + s.slice(i + 1);
  }
  return s;
});

// Hostile input 2: key=value pairs from the key list (and some impostors) with random values.
const keyArb = fc.oneof(
  fc.constantFrom(...CONFIG_KEYS),
  fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'V', 'Epochs', ''),
  fc.string({ maxLength: 6 }),
);
const valueArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.double().map(String),
  fc.integer().map(String),
  fc.constantFrom(
    'auto',
    'AUTO',
    'sgd',
    'adam',
    'bn',
    'full',
    'last',
    'all',
    'frozen',
    'train',
    'generated',
    'cifar10',
    'webgpu',
    'cpu',
    'custom',
    'nbmacro',
    '0.25',
    '1',
    '2',
    '-0',
    '1e999',
  ),
  fc.array(fc.constantFrom(...OP_IDS, 'bogus', '', 'SEP3'), { maxLength: 9 }).map((a) => a.join(',')),
  fc
    .array(
      fc.tuple(fc.integer({ min: -10, max: 400 }), fc.double({ min: -2, max: 10, noNaN: true })).map(([c, l]) => `${c}x${l}`),
      { maxLength: 6 },
    )
    .map((a) => a.join(',')),
);
const pairsArb = fc
  .tuple(
    fc.constantFrom('', '#', '?', 'https://example.org/app/?seed=3#', 'http://localhost:5173/#', 'https://example.org/app/?'),
    fc.array(fc.tuple(keyArb, valueArb, fc.boolean()), { maxLength: 12 }),
  )
  .map(([prefix, pairs]) => prefix + pairs.map(([k, v, esc]) => `${k}=${esc ? encodeURIComponent(v) : v}`).join('&'));

const fuzzArb = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), mutatedArb, pairsArb);

describe('URL codec properties', () => {
  it('parse ∘ encode is the identity on valid configs whose unused keys are at their defaults, with no warnings', () => {
    fc.assert(
      fc.property(validConfigArb, (c) => {
        expect(ConfigSchema.safeParse(c).success).toBe(true);
        expect(validateConfig(c)).toEqual({ config: c, warnings: [] });
        expect(parseConfig(encodeConfig(asRun(c)))).toEqual({ config: asRun(c), warnings: [] });
        // Any config: the link opens the same run (the keys its space ignores take their defaults).
        expect(parseConfig(encodeConfig(c))).toEqual({ config: asRun(c), warnings: [] });
      }),
      { numRuns: 1000 },
    );
  });

  it('a link holds only keys that apply to its space and differ from its defaults; an old full link opens exactly what it did', () => {
    fc.assert(
      fc.property(validConfigArb, (c) => {
        const link = encodeConfig(c);
        const base: Config = c.space === 'custom' ? { ...DEFAULT_CONFIG, ...CUSTOM_SPACE_DEFAULTS } : { ...DEFAULT_CONFIG };
        for (const pair of link.split('&').slice(1)) {
          const k = pair.slice(0, pair.indexOf('=')) as ConfigKey;
          expect(c.space === 'custom' ? k !== 'width' : k !== 'ops' && k !== 'stages').toBe(true);
          expect(c[k]).not.toEqual(base[k]);
        }
        expect(link.startsWith('v=1')).toBe(true);
        expect(parseConfig(fullLink(c))).toEqual({ config: c, warnings: [] });
      }),
      { numRuns: 1000 },
    );
  });

  it("a link with some keys takes the rest from its space's defaults, with no warnings", () => {
    const linkArb = fc.tuple(validConfigArb, fc.subarray(CONFIG_KEYS.filter((k) => k !== 'v')));
    fc.assert(
      fc.property(linkArb, ([c, keys]) => {
        const given = new Set<ConfigKey>(keys);
        const link = ['v=1', fullLink(c, keys)].filter((p) => p !== '').join('&');
        const space = given.has('space') ? c.space : given.has('ops') || given.has('stages') ? 'custom' : 'nbmacro';
        const base: Config = space === 'custom' ? { ...DEFAULT_CONFIG, ...CUSTOM_SPACE_DEFAULTS } : { ...DEFAULT_CONFIG };
        const expected: Record<string, unknown> = { ...base, space };
        for (const k of given) expected[k] = c[k];
        expect(parseConfig(link)).toEqual({ config: expected, warnings: [] });
      }),
      { numRuns: 2000 },
    );
  });

  it('any string parses, without throwing, to a valid config that re-encodes stably', () => {
    fc.assert(
      fc.property(fuzzArb, (input) => {
        const { config, warnings } = parseConfig(input);
        expect(Array.isArray(warnings)).toBe(true);
        expect(ConfigSchema.safeParse(config).success).toBe(true);
        expect(validateConfig(config).warnings).toEqual([]);
        const again = parseConfig(encodeConfig(config));
        expect(again.warnings).toEqual([]);
        expect(again.config).toEqual(asRun(config));
      }),
      { numRuns: 10000 },
    );
  });
});
