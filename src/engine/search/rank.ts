/**
 * Path ranking: the best paths of a score matrix, found exactly.
 *
 * A path's score is the sum of its op scores (pathScore), so the best path
 * takes each layer's best op and the next-best paths differ from it in a few
 * layers. topK walks that order best-first instead of scoring all K^L paths.
 */
import { pathCount, pathScore, type Path, type ScoreMatrix } from '../space';

export interface RankedPath {
  path: number[];
  score: number;
}

/** The total ranking order: score desc, then path lexicographically asc (original op indices). */
export function rankedBefore(a: RankedPath, b: RankedPath): boolean {
  if (a.score !== b.score) return a.score > b.score;
  return lexLess(a.path, b.path);
}

function lexLess(a: Path, b: Path): boolean {
  for (let l = 0; l < a.length; l++) if (a[l] !== b[l]) return a[l]! < b[l]!;
  return false;
}

interface Node extends RankedPath {
  /** pos[l]: rank of path[l] within layer l's ops sorted best-first. */
  pos: number[];
  /** Last coordinate incremented to reach this node (0 for the root). */
  last: number;
}

/**
 * Exact top-k paths of a layers x ops score matrix, best first (score desc, ties by path asc);
 * returns all paths when k exceeds their number. About O(k·L·(L·K + log k)); never enumerates K^L.
 */
export function topK(scores: ScoreMatrix, k: number): RankedPath[] {
  if (k <= 0 || scores.some((row) => row.length === 0)) return [];
  const popped = bestFirst(scores, k);
  // Every path scoring above the k-th popped score has been popped (see bestFirst), so those
  // are exactly right once sorted. Ties at that boundary score need not all have been popped,
  // nor the lexicographically smallest of them, so they are found again in path order.
  const sorted = popped.slice().sort((a, b) => (rankedBefore(a, b) ? -1 : rankedBefore(b, a) ? 1 : 0));
  if (popped.length < k) return sorted; // the whole space
  const boundary = popped[k - 1]!.score;
  const above = sorted.filter((r) => r.score > boundary);
  return above.concat(pathsScoring(scores, boundary, k - above.length));
}

/**
 * Pops up to k paths best-first from a binary heap over index vectors into each layer's
 * best-first op list, each vector generated exactly once.
 *
 * Successors increment one coordinate at or after the last-incremented one, so every index
 * vector has exactly one parent (decrement its last nonzero coordinate) and is pushed once.
 * A child's op in the incremented layer is the next in that layer's list, so its score is <=
 * its parent's: pathScore adds the same terms in the same order but that one, and float
 * addition is monotone. Every unpopped path thus has an ancestor in the heap scoring at least
 * as much, and paths pop in non-increasing score order.
 *
 * Within a score, though, the order is not always path order. With exact ties it would be: an
 * equal-scoring child then has an equal op score in the changed layer, the op list puts the
 * lower index first, so the child's path is lexicographically greater. But rounding can make a
 * child with a strictly lower op score tie its parent: in [[0, 1e-17], [1]] both paths score
 * exactly 1, and the best-first order yields [1, 0] before [0, 0]. topK repairs the boundary.
 */
function bestFirst(scores: ScoreMatrix, k: number): RankedPath[] {
  // order[l] lists layer l's op indices best-first; equal scores keep the lower op index first.
  const order = scores.map((row) => row.map((_, i) => i).sort((x, y) => row[y]! - row[x]! || x - y));
  const make = (pos: number[], last: number): Node => {
    const path = pos.map((p, l) => order[l]![p]!);
    return { pos, last, path, score: pathScore(scores, path) };
  };
  const out: RankedPath[] = [];
  const heap = new Heap<Node>(rankedBefore);
  heap.push(
    make(
      scores.map(() => 0),
      0,
    ),
  );
  while (out.length < k && heap.size > 0) {
    const node = heap.pop()!;
    out.push({ path: node.path, score: node.score });
    for (let l = node.last; l < node.pos.length; l++) {
      if (node.pos[l]! + 1 >= order[l]!.length) continue;
      const pos = node.pos.slice();
      pos[l] = node.pos[l]! + 1;
      heap.push(make(pos, l));
    }
  }
  return out;
}

/**
 * The lexicographically first `count` paths whose pathScore is exactly `target`, by depth-first
 * search in path order. A prefix is skipped when completing it with every remaining layer's
 * best op still scores below target, or with every worst op still scores above it (monotone
 * float sums bound all completions). Called with the k-th best score as target, every prefix
 * entered leads to a path scoring >= target — fewer than k above it, and the search stops at
 * `count` equal to it — so it visits O((k + count)·L) prefixes.
 */
function pathsScoring(scores: ScoreMatrix, target: number, count: number): RankedPath[] {
  const layers = scores.length;
  const best = scores.map((row) => Math.max(...row));
  const worst = scores.map((row) => Math.min(...row));
  const complete = (prefix: number, from: number, ops: readonly number[]): number => {
    let s = prefix;
    for (let l = from; l < layers; l++) s += ops[l]!;
    return s;
  };
  const out: RankedPath[] = [];
  const path = new Array<number>(layers);
  const visit = (l: number, prefix: number): void => {
    if (l === layers) {
      if (prefix === target) out.push({ path: path.slice(), score: prefix });
      return;
    }
    const row = scores[l]!;
    for (let op = 0; op < row.length && out.length < count; op++) {
      const s = prefix + row[op]!;
      if (complete(s, l + 1, best) < target || complete(s, l + 1, worst) > target) continue;
      path[l] = op;
      visit(l + 1, s);
    }
  };
  visit(0, 0);
  return out;
}

/**
 * Score of every path of a layers x ops matrix, indexed like pathAt (layer 0 most significant);
 * length K^L. Bit-equal to pathScore: sums are built by prefix over layers, in layer order.
 */
export function allPathScores(scores: ScoreMatrix): Float64Array {
  const numOps = uniformOps(scores);
  const out = new Float64Array(pathCount(scores.length, numOps));
  // out[0..m) holds the prefix sums of the first l layers; expanding index i to i*K..i*K+K-1
  // from the top down never overwrites a prefix that is still to be read (i*K >= i).
  let m = 1;
  for (const row of scores) {
    for (let i = m - 1; i >= 0; i--) {
      const prefix = out[i]!;
      for (let k = 0; k < numOps; k++) out[i * numOps + k] = prefix + row[k]!;
    }
    m *= numOps;
  }
  return out;
}

/** All path indices (pathAt numbering) best first: score desc, then index asc (= path asc). */
export function rankPaths(scores: ScoreMatrix): Uint32Array {
  const s = allPathScores(scores);
  const idx = new Uint32Array(s.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((i, j) => s[j]! - s[i]! || i - j);
}

/** Number of ops per layer; throws on a ragged matrix (path indices need one radix). */
export function uniformOps(scores: ScoreMatrix): number {
  const numOps = scores[0]?.length ?? 0;
  if (scores.some((row) => row.length !== numOps)) throw new Error('score matrix rows differ in length');
  return numOps;
}

/** Binary min-heap under a strict "comes before" order. */
class Heap<T> {
  private items: T[] = [];
  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const end = a.pop();
    if (a.length === 0 || end === undefined) return top;
    a[0] = end;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1,
        r = l + 1;
      let m = i;
      if (l < a.length && this.before(a[l]!, a[m]!)) m = l;
      if (r < a.length && this.before(a[r]!, a[m]!)) m = r;
      if (m === i) break;
      [a[i], a[m]] = [a[m]!, a[i]!];
      i = m;
    }
    return top;
  }
}
