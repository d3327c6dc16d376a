/**
 * THE table of search spaces: one entry per space, and every part of the page, the URL codec and the CLI
 * asks the entry what the space can do (is it editable, has it a benchmark, which keys apply, which recipe)
 * and never checks its name, the way tensorflow/playground maps a dataset's name to its function.
 * Adding a space = one entry here and its builder in the engine's registry (engine/space/registry.ts); where it
 * has a benchmark, that benchmark's entry (benchmarks.ts) and decoder (engine/truth/decoders.ts). The page's
 * space editor needs nothing: an editable entry gets the ops-and-stages editor, a fixed one is described from
 * its built structure (with its width where the entry uses that key).
 * Only types come from schema.ts (which takes SPACE_IDS from here), so there is no import cycle at run time.
 */
import type { BenchmarkId } from './benchmarks';
import type { Config, ConfigKey } from './schema';

/** What one search space is, for the config, the page and the CLI. */
export interface SpaceInfo {
  /** Its name in prose: "What this page runs by default on …". */
  label: string;
  /** The space selector's option (short enough for the config column) and its title. */
  option: string;
  title: string;
  /**
   * The recipe a link on this space starts from, over the schema's defaults (docs/recipe.md measured each
   * space's); the schema's defaults are the default space's, so its own are empty.
   */
  defaults: Readonly<Partial<Config>>;
  /** Config keys that do not apply to this space (the run ignores them; a link leaves them out). */
  unused: readonly ConfigKey[];
  /** The benchmark every ranking on this space is checked against (its table of true accuracies), or null. */
  benchmark: BenchmarkId | null;
  /** Whether the user picks its ops and stages (the keys `ops` and `stages` describe it). */
  editable: boolean;
  /** Whether path chips show the ops' short names (long op names × many layers would not fit a table row). */
  shortChips: boolean;
  /** What it is, for the `space` key's help (the CLI's --help): after its id. */
  help: string;
  /** One sentence on why its default recipe is what it is (the About panel). */
  recipeNote: string;
}

export const SPACE_TABLE = {
  custom: {
    label: 'the custom space',
    option: 'Custom (editable)',
    title: 'Custom (editable)',
    defaults: Object.freeze({ data: 'generated', n: 2000, epochs: 10, lr: 1, opt: 'sgd', bnscope: 'all' } as const),
    unused: ['width'],
    benchmark: null,
    editable: true,
    shortChips: false,
    help: 'the ops and stages below',
    recipeNote: "The paper's setting barely moves γ at this scale (a few hundred steps), so this space trains every BN at a high learning rate.",
  },
  nbmacro: {
    label: 'NAS-Bench-Macro',
    option: 'NAS-Bench-Macro (6,561 networks)',
    title: 'NAS-Bench-Macro (6,561 networks with known accuracy)',
    defaults: Object.freeze({}),
    unused: ['ops', 'stages'],
    benchmark: 'NAS-Bench-Macro',
    editable: false,
    shortChips: true,
    help: 'NAS-Bench-Macro: 8 layers of Identity|MB3_K3|MB6_K5, 6,561 paths with published CIFAR-10 accuracies; ops and stages do not apply',
    recipeNote: 'That recipe was the most stable of 25 measured on this space (docs/recipe.md, below), not one that beat the others.',
  },
} as const satisfies Record<string, SpaceInfo>;

/** A search space's id, as the URL's `space` key writes it. */
export type SpaceId = keyof typeof SPACE_TABLE;

/** Every space id, in the table's order (the `space` key's allowed values). */
export const SPACE_IDS = Object.keys(SPACE_TABLE) as [SpaceId, ...SpaceId[]];

/** The space a link runs when it names none (and does not edit the editable space's ops or stages). */
export const DEFAULT_SPACE: SpaceId = 'nbmacro';

/**
 * The space the measured recipes (presets.ts) run on: NAS-Bench-Macro's, whose every ranking a table checks
 * (docs/recipe.md measured them there).
 */
export const RECIPE_SPACE = 'nbmacro' satisfies SpaceId;

/** The space whose ops and stages the keys `ops` and `stages` edit: what a link setting them without `space` means. */
export const EDITABLE_SPACE: SpaceId = SPACE_IDS.find((id) => SPACE_TABLE[id].editable)!;

/** The entry of `space`. */
export function spaceInfo(space: SpaceId): SpaceInfo {
  return SPACE_TABLE[space];
}

/** True for the table's ids only. */
export function isSpaceId(id: string): id is SpaceId {
  return Object.hasOwn(SPACE_TABLE, id);
}

/** Whether `key` applies to `space` (e.g. `width` to NAS-Bench-Macro, `ops` to the custom space). */
export function usesKey(space: SpaceId, key: ConfigKey): boolean {
  return !spaceInfo(space).unused.includes(key);
}

/** The spaces that read config key `key` (those whose entry does not list it as unused). */
export function spacesUsing(key: ConfigKey): SpaceId[] {
  return SPACE_IDS.filter((id) => usesKey(id, key));
}
