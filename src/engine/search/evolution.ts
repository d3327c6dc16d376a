/**
 * Evolutionary search under a cost budget, as BN-NAS runs it (after SPOS):
 * a random population, then generations of mutations and crossovers of the
 * best paths found so far. Here a path's fitness is its BN score (pathScore).
 */
import { pathKey, type PathKey, pathScore, type Rng, type ScoreMatrix } from '../space';
import { additiveCost, type BudgetedPath, type LayerCosts } from './budget';

export interface EvolutionOptions {
  /** Random paths within budget in the initial population (50). */
  population: number;
  /** Best paths used as parents each generation (10). */
  parents: number;
  /** Children by mutation per generation (25). */
  mutations: number;
  /** Children by crossover per generation (25). */
  crossovers: number;
  /** Chance that a mutation resamples each layer's op (0.1). */
  mutationProb: number;
  /** Generations after the initial population (20). */
  generations: number;
  /** Draws allowed per wanted path before giving up on it (over budget or already seen) (100). */
  maxTries: number;
}

export const DEFAULT_EVOLUTION: EvolutionOptions = {
  population: 50,
  parents: 10,
  mutations: 25,
  crossovers: 25,
  mutationProb: 0.1,
  generations: 20,
  maxTries: 100,
};

export interface EvolutionResult extends BudgetedPath {
  /** Distinct paths scored. */
  evaluated: number;
  /** Generations run (fewer than asked when one produced no new path). */
  generations: number;
  /** Best score so far: [0] after the initial population, [g] after generation g. */
  history: number[];
}

/**
 * Best path found by evolution on a layers x ops score matrix with cost <= budget (cost units);
 * null when no path within budget was drawn. Deterministic given the Rng.
 */
export function evolutionarySearch(
  scores: ScoreMatrix,
  costs: LayerCosts,
  budget: number,
  rng: Rng,
  opts: Partial<EvolutionOptions> = {},
): EvolutionResult | null {
  const o = { ...DEFAULT_EVOLUTION, ...opts };
  const layers = scores.length;
  const seen = new Set<PathKey>();
  const found: BudgetedPath[] = [];

  // Proposes up to `count` new paths from `draw`; each slot gets o.maxTries draws, so an
  // impossible budget or an exhausted space ends the loop instead of spinning.
  const breed = (count: number, draw: () => number[]): number => {
    let added = 0;
    for (let slot = 0; slot < count; slot++) {
      for (let t = 0; t < o.maxTries; t++) {
        const path = draw();
        const cost = additiveCost(costs, path);
        const key = pathKey(path);
        if (cost > budget || seen.has(key)) continue;
        seen.add(key);
        found.push({ path, score: pathScore(scores, path), cost });
        added++;
        break;
      }
    }
    return added;
  };
  const best = (n: number): BudgetedPath[] => {
    found.sort(better);
    return found.slice(0, n);
  };

  breed(o.population, () => scores.map((row) => rng.int(row.length)));
  if (found.length === 0) return null;
  const history = [best(1)[0]!.score];

  let generations = 0;
  while (generations < o.generations) {
    // Parents are the best paths seen in any generation so far (SPOS keeps a running top-k).
    const parents = best(o.parents);
    const pick = (): number[] => parents[rng.int(parents.length)]!.path;
    const added =
      breed(o.mutations, () => pick().map((op, l) => (rng.next() < o.mutationProb ? rng.int(scores[l]!.length) : op))) +
      breed(o.crossovers, () => {
        // Two different parents when there are two, else a child is a copy of its parent.
        const i = rng.int(parents.length);
        const j = parents.length > 1 ? (i + 1 + rng.int(parents.length - 1)) % parents.length : i;
        const a = parents[i]!.path,
          b = parents[j]!.path;
        return Array.from({ length: layers }, (_, l) => (rng.next() < 0.5 ? a[l]! : b[l]!));
      });
    if (added === 0) break;
    generations++;
    history.push(best(1)[0]!.score);
  }
  const top = best(1)[0]!;
  return { ...top, evaluated: seen.size, generations, history };
}

/** Sort order for found paths: score desc, then cost asc, then path lexicographically asc. */
function better(a: BudgetedPath, b: BudgetedPath): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.cost !== b.cost) return a.cost - b.cost;
  for (let l = 0; l < a.path.length; l++) if (a.path[l] !== b.path[l]) return a.path[l]! - b.path[l]!;
  return 0;
}
