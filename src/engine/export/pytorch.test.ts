import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OP_IDS } from '../../config/ops';
import { pathCost } from '../cost';
import { buildSpace } from '../space';
import { pytorchSource } from './pytorch';

/** Debian's python3-torch (see README); CI machines without it skip the check that runs the file. */
const PYTHON = process.env.TORCH_PYTHON ?? '/usr/bin/python3';
function hasTorch(): boolean {
  try { execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }); return true; } catch { return false; }
}

describe('PyTorch export', () => {
  // Every op, in residual and in strided/widening layers.
  const space = buildSpace([...OP_IDS], [{ channels: 8, layers: 2 }, { channels: 16, layers: 2 }]);
  const paths = [[0, 1, 2, 3], [4, 5, 6, 6], [6, 6, 4, 5], [3, 2, 1, 0]];

  it('writes the layer table of the path', () => {
    const src = pytorchSource(space, paths[1]!, { path: '4-5-6-6', ...pathCost(space, paths[1]!) });
    expect(src).toContain('("mb3", 8, 8, 1),');
    expect(src).toContain('("dil3", 8, 8, 1),');
    expect(src).toContain('("skip", 8, 16, 2),');
    expect(src).toContain('("skip", 16, 16, 1),');
  });

  it.skipIf(!existsSync(PYTHON) || !hasTorch())('the generated module has exactly the engine\'s parameter count', () => {
    const dir = mkdtempSync(join(tmpdir(), 'torch-export-'));
    for (const path of paths) {
      const file = join(dir, `subnet-${path.join('-')}.py`);
      const cost = pathCost(space, path);
      writeFileSync(file, pytorchSource(space, path, { path: path.join('-'), ...cost }));
      const counted = Number(execFileSync(PYTHON, [file, '--count-params'], { encoding: 'utf8' }).trim());
      expect(counted).toBe(cost.params);
    }
  });
});
