import { describe, expect, it } from 'vitest';
import { ConfigSchema, DEFAULT_CONFIG, type Config } from './schema';
import { CUSTOM_SPACE_DEFAULTS } from './spaceDefaults';
import { encodeConfig, hashPart, parseConfig, parseConfigEntries } from './url';

const DEFAULT_HASH =
  'v=1&seed=1&space=nbmacro&width=0.125&ops=conv3,conv5,sep3,sep5,mb3&stages=16x2,32x2,64x2&data=builtin&n=3500&val=500&epochs=5' +
  '&batch=64&lr=0.02&opt=adam&mode=bn&bnscope=last&head=frozen&wd=0&aug=none&clip=0&idscore=skip&sposx=10&sposlr=0.05&sposn=20&repochs=5&rlr=0.05&rseeds=1&topk=10&flops=auto&params=auto&backend=auto';

/** What a link on the custom space starts from (a link with ops or stages but no space, or space=custom). */
const CUSTOM_CONFIG: Config = { ...DEFAULT_CONFIG, ...CUSTOM_SPACE_DEFAULTS, space: 'custom' };

/** Parses 'v=1&<extra>' and returns the config and warnings. */
function parse(extra: string): { config: Config; warnings: string[] } {
  return parseConfig(`v=1&${extra}`);
}

describe('encodeConfig / parseConfig basics', () => {
  it('encodes the defaults as the version alone; an old link listing every key opens the same config', () => {
    expect(encodeConfig(DEFAULT_CONFIG)).toBe('v=1');
    expect(parseConfig(DEFAULT_HASH)).toEqual({ config: DEFAULT_CONFIG, warnings: [] });
  });

  it("writes only the keys that differ from the space's defaults, in table order", () => {
    expect(encodeConfig({ ...DEFAULT_CONFIG, epochs: 8, seed: 3 })).toBe('v=1&seed=3&epochs=8');
    // On the custom space its own defaults (SGD, lr 1, …) are not written; the table's nbmacro ones are when set.
    expect(encodeConfig({ ...CUSTOM_CONFIG, opt: 'adam', topk: 4 })).toBe('v=1&space=custom&opt=adam&topk=4');
  });

  it('round-trips the defaults with no warnings', () => {
    const { config, warnings } = parseConfig(encodeConfig(DEFAULT_CONFIG));
    expect(warnings).toEqual([]);
    expect(config).toEqual(DEFAULT_CONFIG);
  });

  it('returns fresh, mutable copies, never the frozen defaults', () => {
    const { config } = parseConfig('');
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(config.ops).not.toBe(DEFAULT_CONFIG.ops);
    config.ops.push('skip');
    config.stages[0]!.channels = 8;
    expect(DEFAULT_CONFIG.ops).toHaveLength(5);
    expect(DEFAULT_CONFIG.stages[0]!.channels).toBe(16);
  });

  it('takes missing keys from the defaults silently, and an empty input gives no warnings', () => {
    expect(parseConfig('')).toEqual({ config: DEFAULT_CONFIG, warnings: [] });
    expect(parseConfig('v=1&epochs=20')).toEqual({ config: { ...DEFAULT_CONFIG, epochs: 20 }, warnings: [] });
  });

  it('writes numbers shortest-round-trip', () => {
    const c: Config = { ...DEFAULT_CONFIG, lr: 0.0001, flops: 12.345, params: 0.3 };
    const hash = encodeConfig(c);
    expect(hash).toBe('v=1&lr=0.0001&flops=12.345&params=0.3');
    expect(parseConfig(hash)).toEqual({ config: c, warnings: [] });
  });
});

describe('input forms', () => {
  const cases: [string, string][] = [
    ['v=1&epochs=3', 'v=1&epochs=3'],
    ['#v=1&epochs=3', 'v=1&epochs=3'],
    ['https://x.org/nas/?seed=9#v=1&epochs=3', 'v=1&epochs=3'],
    ['https://x.org/nas/?v=1&epochs=3', 'v=1&epochs=3'],
    ['https://x.org/nas/?v=1&epochs=3#', 'v=1&epochs=3'],
    ['localhost:5173/#v=1&epochs=3', 'v=1&epochs=3'],
    ['?v=1&epochs=3', 'v=1&epochs=3'],
    ['https://x.org/nas/', ''],
    ['  #v=1&epochs=3 ', 'v=1&epochs=3'],
  ];
  it.each(cases)('hashPart(%j) = %j', (input, hash) => {
    expect(hashPart(input)).toBe(hash);
  });

  it('reads the hash of a full URL', () => {
    const { config, warnings } = parseConfig('https://x.org/nas/?seed=9#v=1&epochs=3');
    expect(warnings).toEqual([]);
    expect(config.epochs).toBe(3);
    expect(config.seed).toBe(1);
  });

  it('unescapes percent escapes, keeps + literal, and survives malformed escapes', () => {
    expect(parse('ops=conv3%2Csep3&lr=1e%2B0').config).toMatchObject({ ops: ['conv3', 'sep3'], lr: 1 });
    expect(parse('lr=1e+0').config.lr).toBe(1);
    const bad = parse('ops=conv3,sep3&x%E0%A4%A=1&epochs=%');
    expect(bad.config.ops).toEqual(['conv3', 'sep3']);
    // ops without space: the custom space, and a bad epochs falls back to that space's default (10), not the table's (5).
    expect(bad.config.space).toBe('custom');
    expect(bad.config.epochs).toBe(10);
    expect(bad.warnings).toEqual(["unknown key 'x%E0%A4%A' ignored", 'epochs=% is not a number; using the default 10']);
  });
});

describe('warnings for keys and versions', () => {
  it('ignores unknown keys with a warning', () => {
    const { config, warnings } = parse('foo=1&epochs=4&constructor=2');
    expect(config).toEqual({ ...DEFAULT_CONFIG, epochs: 4 });
    expect(warnings).toEqual(["unknown key 'foo' ignored", "unknown key 'constructor' ignored"]);
  });

  it('warns about a missing or unknown version and reads v1', () => {
    expect(parseConfig('epochs=4')).toEqual({
      config: { ...DEFAULT_CONFIG, epochs: 4 },
      warnings: ["missing version key 'v'; reading as v=1"],
    });
    expect(parseConfig('v=2&epochs=4')).toEqual({
      config: { ...DEFAULT_CONFIG, epochs: 4 },
      warnings: ['unknown version v=2; reading as v=1'],
    });
    expect(parseConfig('v=&epochs=4').warnings).toEqual(['unknown version v=; reading as v=1']);
  });

  it('lets the last of repeated keys win, with a warning', () => {
    const { config, warnings } = parse('epochs=3&epochs=7&epochs=9');
    expect(config.epochs).toBe(9);
    expect(warnings).toEqual(["key 'epochs' given 3 times; the last wins (epochs=9)"]);
  });

  it('treats a key without "=" as an empty value', () => {
    expect(parse('epochs').warnings).toEqual(['epochs= is not a number; using the default 5']);
  });

  it('shortens huge values in warnings', () => {
    const { warnings } = parse(`epochs=${'9'.repeat(500)}`);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.length).toBeLessThan(120);
    expect(warnings[0]).toMatch(/^epochs=9+… is above the maximum 200; using 200$/);
  });
});

describe('numeric keys: clamp, round, default', () => {
  // Independent restatement of the documented limits: [key, min, max, default, integer?]
  const NUMERIC: [keyof Config & string, number, number, number, boolean][] = [
    ['seed', 0, 2147483647, 1, true],
    ['n', 64, 50000, 3500, true],
    ['val', 0, 10000, 500, true],
    ['epochs', 1, 200, 5, true],
    ['batch', 8, 512, 64, true],
    ['width', 0.125, 1, 0.125, false],
    ['lr', 1e-4, 10, 0.02, false],
    ['topk', 1, 100, 10, true],
  ];

  it.each(NUMERIC)('%s accepts its limits and clamps beyond them', (key, min, max, def) => {
    expect(parse(`${key}=${min}`)).toEqual({ config: { ...DEFAULT_CONFIG, [key]: min }, warnings: [] });
    expect(parse(`${key}=${max}`)).toEqual({ config: { ...DEFAULT_CONFIG, [key]: max }, warnings: [] });
    const above = max * 10 + 1;
    expect(parse(`${key}=${above}`)).toEqual({
      config: { ...DEFAULT_CONFIG, [key]: max },
      warnings: [`${key}=${above} is above the maximum ${max}; using ${max}`],
    });
    expect(parse(`${key}=-1`)).toEqual({
      config: { ...DEFAULT_CONFIG, [key]: min },
      warnings: [`${key}=-1 is below the minimum ${min}; using ${min}`],
    });
    for (const junk of ['abc', '', '0x10', 'Infinity', 'NaN', '1,2']) {
      expect(parse(`${key}=${junk}`)).toEqual({
        config: { ...DEFAULT_CONFIG, [key]: def },
        warnings: [`${key}=${junk} is not a number; using the default ${def}`],
      });
    }
    expect(parse(`${key}=1e999`).warnings).toEqual([`${key}=1e999 is above the maximum ${max}; using ${max}`]);
  });

  it.each(NUMERIC.filter((r) => r[4]))('%s rounds non-integers with a warning', (key, min) => {
    const given = min + 2.6;
    expect(parse(`${key}=${given}`)).toEqual({
      config: { ...DEFAULT_CONFIG, [key]: min + 3 },
      warnings: [`${key}=${given} is not an integer; using ${min + 3}`],
    });
  });

  it('keeps float lr values exactly, in any decimal notation', () => {
    expect(parse('lr=0.05').config.lr).toBe(0.05);
    expect(parse('lr=5e-2').config.lr).toBe(0.05);
    expect(parse('lr=.5').config.lr).toBe(0.5);
    expect(parse('lr=0.00005').warnings).toEqual(['lr=0.00005 is below the minimum 0.0001; using 0.0001']);
  });

  it('reads -0 as 0', () => {
    const { config, warnings } = parse('seed=-0');
    expect(warnings).toEqual([]);
    expect(Object.is(config.seed, 0)).toBe(true);
  });

  it('matches the brief’s example message', () => {
    expect(parse('epochs=5000').warnings).toEqual(['epochs=5000 is above the maximum 200; using 200']);
  });
});

describe('enum keys', () => {
  const ENUMS: [keyof Config & string, string[], string][] = [
    ['space', ['custom', 'nbmacro'], 'nbmacro'],
    ['data', ['builtin', 'generated', 'cifar10'], 'builtin'],
    ['opt', ['sgd', 'adam'], 'adam'],
    ['mode', ['bn', 'full', 'both'], 'bn'],
    ['bnscope', ['last', 'all'], 'last'],
    ['head', ['frozen', 'train'], 'frozen'],
    ['backend', ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'], 'auto'],
  ];

  // space=custom (exactly) starts from the custom space's defaults; every other value from the table's.
  const baseFor = (key: string, v: string): Config => (key === 'space' && v === 'custom' ? CUSTOM_CONFIG : DEFAULT_CONFIG);

  it.each(ENUMS)('%s accepts exactly its values', (key, values, def) => {
    for (const v of values) expect(parse(`${key}=${v}`)).toEqual({ config: { ...baseFor(key, v), [key]: v }, warnings: [] });
    expect(parse(`${key}=bogus`)).toEqual({
      config: { ...DEFAULT_CONFIG, [key]: def },
      warnings: [`${key}=bogus is not one of ${values.join('|')}; using the default ${def}`],
    });
    const last = values[values.length - 1]!;
    expect(parse(`${key}=${last.toUpperCase()}`)).toEqual({
      config: { ...DEFAULT_CONFIG, [key]: last },
      warnings: [`${key}=${last.toUpperCase()} read as ${last}`],
    });
  });
});

describe('budget keys (flops, params)', () => {
  it.each(['flops', 'params'] as const)('%s takes auto or a positive number', (key) => {
    expect(parse(`${key}=auto`)).toEqual({ config: DEFAULT_CONFIG, warnings: [] });
    expect(parse(`${key}=12.5`)).toEqual({ config: { ...DEFAULT_CONFIG, [key]: 12.5 }, warnings: [] });
    expect(parse(`${key}=0`).warnings).toEqual([`${key}=0 is not above 0; using the default auto`]);
    expect(parse(`${key}=-3`).config[key]).toBe('auto');
    expect(parse(`${key}=lots`).warnings).toEqual([`${key}=lots is not a number; using the default auto`]);
    expect(parse(`${key}=1e9`)).toEqual({
      config: { ...DEFAULT_CONFIG, [key]: 1e6 },
      warnings: [`${key}=1e9 is above the maximum 1000000; using 1000000`],
    });
    expect(parse(`${key}=AUTO`).warnings).toEqual([`${key}=AUTO read as auto`]);
  });
});

describe('parseConfigEntries', () => {
  it('applies text pairs on top of a base without needing a version', () => {
    const base: Config = { ...DEFAULT_CONFIG, epochs: 50 };
    const { config, warnings } = parseConfigEntries(
      [
        ['lr', '0.01'],
        ['ops', 'conv3,skip'],
      ],
      base,
    );
    expect(warnings).toEqual([]);
    // ops without space names the custom space; every key not given keeps the caller's base (no space defaults here).
    expect(config).toEqual({ ...base, space: 'custom', lr: 0.01, ops: ['conv3', 'skip'] });
  });

  it('repairs an invalid base too', () => {
    const { config, warnings } = parseConfigEntries([], { ...DEFAULT_CONFIG, batch: 4 });
    expect(config.batch).toBe(8);
    expect(warnings).toEqual(['batch=4 is below the minimum 8; using 8']);
    expect(ConfigSchema.safeParse(config).success).toBe(true);
  });
});
