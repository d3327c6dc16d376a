/** The CLI's usage text and its argument parsing: flags, config keys as flags, presets and the checks between them. */
import { parseArgs } from 'node:util';
import {
  applyPreset,
  CONFIG_KEYS,
  formatConfigHelp,
  mergeConfig,
  parseConfigEntries,
  parseConfigThen,
  PRESETS,
  PROXY_SAMPLE_SIZE,
  SPACE_IDS,
  spaceInfo,
  type Config,
  type Preset,
} from '../config';
import { CliError } from './errors';

export const USAGE = `usage: npm run nas -- [options]

  --config <hash|url>   a playground link or its hash (v=1&seed=1&...)
  --preset <id>         a page preset: sets every recipe key of --config (its value or the space default; seed, topk,
                        budgets and retrain keys stay), then the key flags apply: ${PRESETS.map((p) => p.id).join(', ')}
  --data <source>       'builtin' (4,000 real CIFAR-10 images shipped in public/), 'generated', a folder of CIFAR-10 .bin files,
                        one .bin file, or a .tar / .tar.gz of them (e.g. the official cifar-10-binary.tar.gz)
  --json <file>         write the full report as JSON
  --seeds <n>           train with seeds s, s+1, ... and report the rankings' Kendall tau (1-5)
  --proxies <n>         on a space with a benchmark: score n seeded sampled networks with the zero-cost proxies and rank each against the truth
  --retrain <n>         retrain n subnets spread over the ranking (mode both: n of SPOS's sample, adding SPOS accuracy as a proxy) and correlate BN score and other proxies with accuracy
  --retrain-epochs <e>  the same as --repochs: epochs of each retrain (default 5)
  --retrain-seeds <s>   the same as --rseeds: retrain each subnet with s seeds; accuracy is their mean, and the seed noise is reported
  --eval-data <folder>  evaluate retrained subnets on these CIFAR-10 files instead of the validation split
  --export-pytorch <dir>  write the whole search as a PyTorch project (train_supernet.py; CPU, a GPU or torchrun) for this config, and exit
  --scores <file>       rank, search and check against NAS-Bench-Macro a report trained elsewhere (the PyTorch project's report.json)
  --quiet               no progress bar
  --help                this text
  --<key> <value>       override one config key (applied after --config):
${formatConfigHelp('    ')}`;

/** Bad usage: exit 2, the usage text after the error line. */
class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2, true);
  }
}

/** A warning that only says how a name was read ('mode=FULL read as full'): nothing was changed. */
const READ_AS = /^[a-z]+=.* read as [^;]+$/;

/**
 * Config keys given as flags are the user's own typing: a value the page would clamp or default
 * with a warning is an error here, as any other bad flag is (a --config link only warns).
 * Returns the warnings that stay warnings (a name read ignoring case).
 */
function flagErrors(warnings: readonly string[]): string[] {
  const errors = warnings.filter((w) => !READ_AS.test(w));
  if (errors.length > 0) throw new UsageError(errors.map((w) => w.replace(/; (using|reading as) .*$/, '')).join('; '));
  return [...warnings];
}

/** The preset `id` names (undefined when none is given); an unknown id is bad usage. */
function presetNamed(id: string | undefined): Preset | undefined {
  if (id === undefined) return undefined;
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new UsageError(`--preset must be one of ${PRESETS.map((p) => p.id).join(', ')}, got '${id}'`);
  return preset;
}

/** The options of a CLI invocation, its config checked as the page checks a link (but strictly: a bad flag is bad usage). */
export function parseCli(argv: string[]) {
  const keyOptions = Object.fromEntries(CONFIG_KEYS.map((k) => [k, { type: 'string' as const }]));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      tokens: true,
      options: {
        ...keyOptions,
        config: { type: 'string' },
        preset: { type: 'string' },
        data: { type: 'string' },
        json: { type: 'string' },
        seeds: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean' },
        'export-pytorch': { type: 'string' },
        scores: { type: 'string' },
        proxies: { type: 'string' },
        retrain: { type: 'string' },
        'retrain-epochs': { type: 'string' },
        'retrain-seeds': { type: 'string' },
        'eval-data': { type: 'string' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  // A flag given twice is a typo or a pasted command line: say so rather than let the last silently win.
  const counts = new Map<string, number>();
  for (const t of parsed.tokens ?? []) if (t.kind === 'option') counts.set(t.name, (counts.get(t.name) ?? 0) + 1);
  const repeated = [...counts].filter(([, n]) => n > 1).map(([name, n]) => `--${name} given ${n} times`);
  if (repeated.length > 0) throw new UsageError(`${repeated.join('; ')}: give each flag once`);
  const v = parsed.values as Record<string, string | boolean | undefined>;
  const warnings: string[] = [];
  // --data is the data source (a folder or 'generated'), not the config key; it sets `data` below.
  const overrides = CONFIG_KEYS.filter((k) => k !== 'data' && typeof v[k] === 'string').map((k) => [k, v[k] as string] as const);
  // Flags that move to another space (--stages, --space) bring that space's recipe for every key not given.
  // A preset fixes every recipe key of the link (as the page's button does: its value or its space's default),
  // keeping the link's seed, budgets and retrain settings; the key flags then edit that config as given.
  const preset = presetNamed(v.preset as string | undefined);
  const link = typeof v.config === 'string' ? v.config : '';
  let applied: { config: Config; linkWarnings: string[]; entryWarnings: string[] };
  if (preset) {
    const linked = parseConfigThen(link, []);
    const flags = parseConfigEntries(overrides, applyPreset(linked.config, preset).config);
    applied = { config: flags.config, linkWarnings: linked.linkWarnings, entryWarnings: flags.warnings };
  } else {
    applied = parseConfigThen(link, overrides);
  }
  if (typeof v.config === 'string') warnings.push(...applied.linkWarnings);
  warnings.push(...flagErrors(applied.entryWarnings));
  let config: Config = applied.config;
  const pytorch = { exportTo: v['export-pytorch'] as string | undefined, scores: v.scores as string | undefined };
  if (pytorch.exportTo !== undefined && pytorch.scores !== undefined) throw new UsageError('--export-pytorch and --scores: give one of them');
  if (pytorch.exportTo !== undefined || pytorch.scores !== undefined) {
    // No training here: the data, seeds and retrain flags do not apply.
    return {
      config,
      data: 'builtin',
      json: v.json as string | undefined,
      seeds: 1,
      quiet: true,
      help: v.help === true,
      warnings,
      retrain: 0,
      proxies: 0,
      evalData: null,
      pytorch,
    };
  }
  // --data names the images: 'builtin', 'generated', or CIFAR-10 files (a folder, .bin or .tar[.gz]); it sets the `data` key.
  const data = typeof v.data === 'string' ? v.data : config.data === 'cifar10' ? undefined : config.data;
  if (data === undefined) throw new UsageError('data=cifar10 needs --data <folder of CIFAR-10 .bin files>');
  const kind = data === 'builtin' || data === 'generated' ? data : 'cifar10';
  if (config.data !== kind) config = mergeConfig(config, { data: kind }).config;
  const seeds = v.seeds === undefined ? 1 : /^\s*\d+\s*$/.test(String(v.seeds)) ? Number(v.seeds) : NaN;
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > 5) throw new UsageError(`--seeds must be an integer from 1 to 5, got '${v.seeds}'`);
  const intOpt = (name: string, min: number, max: number, fallback: number) => {
    if (v[name] === undefined) return fallback;
    // Decimal digits only, as the config keys read them (Number() would take '0x0a' or '1e1').
    const n = /^\s*\d+\s*$/.test(String(v[name])) ? Number(v[name]) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got '${v[name]}'`);
    return n;
  };
  const retrain = intOpt('retrain', 2, 200, 0);
  const proxies = intOpt('proxies', PROXY_SAMPLE_SIZE.min, PROXY_SAMPLE_SIZE.max, 0);
  if (proxies > 0 && !spaceInfo(config.space).benchmark)
    throw new CliError(
      `--proxies checks the zero-cost proxies against a benchmark's table: space=${config.space} has none (spaces with one: ${SPACE_IDS.filter((id) => spaceInfo(id).benchmark).join(', ')})`,
      2,
      true,
    );
  // The retrain flags are aliases of the config's keys: one table holds their limits for the page and the CLI.
  const aliases = (
    [
      ['retrain-epochs', 'repochs'],
      ['retrain-seeds', 'rseeds'],
    ] as const
  ).filter(([flag]) => typeof v[flag] === 'string');
  const aliased = parseConfigEntries(
    aliases.map(([flag, key]) => [key, v[flag] as string] as const),
    config,
  );
  warnings.push(...flagErrors(aliased.warnings));
  config = aliased.config;
  if (config.mode === 'both' && config.val === 0) throw new UsageError("mode 'both' ranks subnets by validation accuracy: set --val above 0");
  const evalData = typeof v['eval-data'] === 'string' ? v['eval-data'] : null;
  if (evalData !== null && retrain === 0) throw new UsageError('--eval-data evaluates retrained subnets: it needs --retrain N');
  return {
    config,
    data,
    json: v.json as string | undefined,
    seeds,
    quiet: v.quiet === true,
    help: v.help === true,
    warnings,
    retrain,
    proxies,
    evalData,
    pytorch,
  };
}
