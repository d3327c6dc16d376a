/** A path picks one candidate op per choice layer: path[l] is an index into the space's op list. */
export type Path = readonly number[];
/** A path written as op indices joined by '-', e.g. '0-3-2-1-4-0' (URLs, tables, exports). */
export type PathKey = string & { readonly __brand: 'PathKey' };
/** Layers x ops matrix of op scores (mean |gamma| of each op's last BN). */
export type ScoreMatrix = readonly (readonly number[])[];

export function pathKey(path: Path): PathKey {
  return path.join('-') as PathKey;
}

/** Parses '0-3-2' into [0, 3, 2]; null unless every part is an integer in [0, numOps). */
export function parsePathKey(key: string, layers: number, numOps: number): number[] | null {
  const parts = key.split('-');
  if (parts.length !== layers) return null;
  const path = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : -1));
  return path.every((i) => i >= 0 && i < numOps) ? path : null;
}

/** Sum of the path's op scores, always added in layer order so equal paths give bit-equal sums. */
export function pathScore(scores: ScoreMatrix, path: Path): number {
  let s = 0;
  for (let l = 0; l < path.length; l++) s += scores[l]![path[l]!]!;
  return s;
}

/** Path at a mixed-radix index (layer 0 most significant, so index order = lexicographic order). */
export function pathAt(index: number, layers: number, numOps: number): number[] {
  const path = new Array<number>(layers);
  for (let l = layers - 1; l >= 0; l--) {
    path[l] = index % numOps;
    index = Math.floor(index / numOps);
  }
  return path;
}

export function pathCount(layers: number, numOps: number): number {
  return numOps ** layers;
}
