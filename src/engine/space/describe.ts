/** The one owner of a path's table row: key, op names, FLOPs and params. */
import type { OpId } from '../../config/ops';
import { pathCost } from './cost';
import { pathKey, type Path, type PathKey } from './path';
import type { SearchSpace } from './space';

export interface PathRow {
  path: PathKey;
  ops: OpId[];
  flops: number;
  params: number;
}

/** Row of `path` in `space` (FLOPs in multiply-accumulates, params in parameters). */
export function describePath(space: SearchSpace, path: Path): PathRow {
  const cost = pathCost(space, path);
  return { path: pathKey(path), ops: path.map((k) => space.ops[k]!), flops: cost.flops, params: cost.params };
}
