/**
 * The engine's side of the table of search spaces (config/spaces.ts): each space's id → the builder of its
 * SearchSpace from a config, and the benchmark whose table holds its paths' true accuracies, if any. The
 * engine asks an entry what a space is and whether a table checks it, never the space's name.
 * Adding a space = its config entry, its builder here (the compiler asks for one per config entry); a test or
 * an experiment may register one at run time (registerSpace) and run it end to end.
 */
import type { BenchmarkId } from '../../config/benchmarks';
import type { Config } from '../../config/schema';
import { spaceInfo, type SpaceId } from '../../config/spaces';
import { buildNbMacroSpace } from './nbmacro';
import { buildSpace, type SearchSpace } from './space';

/** The keys a builder reads: its own (width; ops and stages) and which space it is. */
export type SpaceConfig = Pick<Config, 'space' | 'width' | 'ops' | 'stages'>;

export interface SpaceEntry {
  /** The SearchSpace `config` describes; its `family` is the entry's id. */
  build(config: SpaceConfig): SearchSpace;
  /** The benchmark whose table (TruthTable.benchmark) holds every path of this space, or null. */
  benchmark: BenchmarkId | null;
}

const BUILT_IN: Record<SpaceId, SpaceEntry> = {
  custom: { build: (c) => buildSpace(c.ops, c.stages), benchmark: spaceInfo('custom').benchmark },
  nbmacro: { build: (c) => buildNbMacroSpace(c.width), benchmark: spaceInfo('nbmacro').benchmark },
};

const REGISTRY = new Map<string, SpaceEntry>(Object.entries(BUILT_IN));

/** Adds a space under `id` (its builder must set `family` to `id`); an id already taken throws. */
export function registerSpace(id: string, entry: SpaceEntry): void {
  if (REGISTRY.has(id)) throw new Error(`search space '${id}' is already registered`);
  REGISTRY.set(id, entry);
}

/** Removes a space registered at run time (tests); the built-in ones stay. */
export function unregisterSpace(id: string): void {
  if (!Object.hasOwn(BUILT_IN, id)) REGISTRY.delete(id);
}

/** The entry of space `id`; an unknown id throws. */
export function spaceEntry(id: string): SpaceEntry {
  const entry = REGISTRY.get(id);
  if (!entry) throw new Error(`unknown search space '${id}' (known: ${[...REGISTRY.keys()].join(', ')})`);
  return entry;
}

/** The search space a config describes, as its space's entry builds it. */
export function spaceOf(config: SpaceConfig): SearchSpace {
  return spaceEntry(config.space).build(config);
}

/** The benchmark whose table checks `space`'s rankings, or null for a space without one. */
export function benchmarkOf(space: Pick<SearchSpace, 'family'>): BenchmarkId | null {
  return spaceEntry(space.family).benchmark;
}
