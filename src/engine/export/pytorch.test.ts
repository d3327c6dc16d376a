import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OP_IDS } from '../../config/ops';
import { pathCost } from '../space/cost';
import { buildSpace } from '../space/space';
import { buildNbMacroSpace } from '../space/nbmacro';
import { pytorchSource } from './pytorch';

/** Debian's python3-torch (see README); CI machines without it skip the check that runs the file. */
const PYTHON = process.env.TORCH_PYTHON ?? '/usr/bin/python3';
function hasTorch(): boolean {
  try { execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }); return true; } catch { return false; }
}
const TORCH = existsSync(PYTHON) && hasTorch();

/**
 * Without PyTorch: a stand-in `torch` package whose layers hold the parameters PyTorch's
 * do (Conv2d: out·in/groups·k·k weights, + out with bias; BatchNorm2d: weight and bias;
 * Linear: in·out + out), enough to build the exported module and run --count-params.
 */
const STUB_TORCH = {
  '__init__.py': 'from . import nn\n',
  'nn/functional.py': '',
  'nn/__init__.py': `
from . import functional

class Module:
    def __init__(self):
        object.__setattr__(self, '_children', [])
        object.__setattr__(self, '_params', [])

    def __setattr__(self, name, value):
        if isinstance(value, Module):
            self._children.append(value)
        object.__setattr__(self, name, value)

    def parameters(self):
        yield from self._params
        for c in self._children:
            yield from c.parameters()

class _P:
    def __init__(self, n):
        self.n = n

    def numel(self):
        return self.n

class Sequential(Module):
    def __init__(self, *mods):
        super().__init__()
        for m in mods:
            assert isinstance(m, Module), m
            self._children.append(m)

class Identity(Module):
    pass

class ReLU(Module):
    def __init__(self, inplace=False):
        super().__init__()

class Conv2d(Module):
    def __init__(self, cin, cout, k, stride=1, padding=0, dilation=1, groups=1, bias=True):
        super().__init__()
        assert cin % groups == 0 and cout % groups == 0
        self._params.append(_P(cout * cin // groups * k * k))
        if bias:
            self._params.append(_P(cout))

class BatchNorm2d(Module):
    def __init__(self, c):
        super().__init__()
        self._params += [_P(c), _P(c)]

class Linear(Module):
    def __init__(self, cin, cout):
        super().__init__()
        self._params += [_P(cin * cout), _P(cout)]
`,
};

/** A PYTHONPATH holding the stand-in torch package. */
function stubTorchPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stub-torch-'));
  mkdirSync(join(dir, 'torch', 'nn'), { recursive: true });
  for (const [file, text] of Object.entries(STUB_TORCH)) writeFileSync(join(dir, 'torch', file), text);
  return dir;
}

/** Parameter count of the exported module as `--count-params` prints it (real PyTorch, else the stand-in). */
function countParams(source: string, name: string): number {
  const dir = mkdtempSync(join(tmpdir(), 'torch-export-'));
  const file = join(dir, `${name}.py`);
  writeFileSync(file, source);
  const env = TORCH ? process.env : { ...process.env, PYTHONPATH: stubTorchPath() };
  return Number(execFileSync(PYTHON, [file, '--count-params'], { encoding: 'utf8', env }).trim());
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

  it.skipIf(!TORCH)('the generated module has exactly the engine\'s parameter count', () => {
    for (const path of paths) {
      const cost = pathCost(space, path);
      expect(countParams(pytorchSource(space, path, { path: path.join('-'), ...cost }), `subnet-${path.join('-')}`)).toBe(cost.params);
    }
  });
});

describe('PyTorch export of the nbmacro space', () => {
  const nb = buildNbMacroSpace(0.25);
  const paths = [[0, 0, 0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1, 1], [2, 2, 2, 2, 2, 2, 2, 2], [2, 0, 1, 2, 0, 0, 1, 2]];

  it('writes the layers, the stem ReLU and the head conv', () => {
    const src = pytorchSource(nb, paths[3]!, { path: '20120012', ...pathCost(nb, paths[3]!) });
    expect(src).toContain('("mb6k5", 8, 16, 2),');
    expect(src).toContain('("id", 16, 16, 1),');
    expect(src).toContain('("mb3k3", 16, 32, 2),');
    expect(src).toContain('STEM_RELU = True');
    expect(src).toContain('HEAD_CONV = 320');
    expect(src).toContain("INVERTED_RESIDUAL = {'mb3k3': (3, 3), 'mb6k5': (6, 5)}");
    const custom = pytorchSource(buildSpace(['conv3'], [{ channels: 8, layers: 1 }]), [0], { path: '0', flops: 0, params: 0 });
    expect(custom).toContain('STEM_RELU = False');
    expect(custom).toContain('HEAD_CONV = None');
  });

  // Runs without PyTorch too (a stand-in torch that holds PyTorch's parameter shapes).
  it.skipIf(!existsSync(PYTHON))('the generated module has the engine\'s parameter count at widths 0.25 and 1 (= the benchmark\'s)', () => {
    for (const s of [nb, buildNbMacroSpace(1)]) {
      for (const path of paths) {
        const cost = pathCost(s, path);
        expect(countParams(pytorchSource(s, path, { path: path.join(''), ...cost }), `nb-${path.join('')}`), path.join('')).toBe(cost.params);
      }
    }
  });

  it.skipIf(!existsSync(PYTHON))('the stand-in torch counts the custom space\'s ops as the engine does', () => {
    const space = buildSpace([...OP_IDS], [{ channels: 8, layers: 2 }, { channels: 16, layers: 2 }]);
    for (const path of [[0, 1, 2, 3], [4, 5, 6, 6], [6, 6, 4, 5], [7, 8, 9, 7], [9, 7, 8, 8]]) {
      const cost = pathCost(space, path);
      expect(countParams(pytorchSource(space, path, { path: path.join('-'), ...cost }), `custom-${path.join('-')}`)).toBe(cost.params);
    }
  });
});
