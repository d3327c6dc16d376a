import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OP_IDS } from '../../config/ops';
import { pathCost } from '../space/cost';
import { buildSpace } from '../space/space';
import { buildNbMacroSpace } from '../space/nbmacro';
import { pytorchSource } from './pytorch';
import { PYTHON, TORCH } from '../../testing/torchRunner';

// Debian's python3-torch (see README); CI machines without it skip the checks that run the file.

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

/**
 * Parameter counts of the exported modules as `--count-params` prints them (real PyTorch, else the
 * stand-in). One Python process runs every file as __main__ with that flag (one torch import, not one a file).
 */
const COUNT_ALL = `
import contextlib, io, runpy, sys
for f in sys.argv[1:]:
    sys.argv = [f, '--count-params']
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        runpy.run_path(f, run_name='__main__')
    print(out.getvalue().strip())
`;
function countParams(sources: Record<string, string>): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'torch-export-'));
  const files = Object.entries(sources).map(([name, source]) => {
    const file = join(dir, `${name}.py`);
    writeFileSync(file, source);
    return file;
  });
  const env = TORCH ? process.env : { ...process.env, PYTHONPATH: stubTorchPath() };
  return execFileSync(PYTHON, ['-c', COUNT_ALL, ...files], { encoding: 'utf8', env })
    .trim()
    .split('\n')
    .map(Number);
}

describe('PyTorch export', () => {
  // Every op, in residual and in strided/widening layers.
  const space = buildSpace(
    [...OP_IDS],
    [
      { channels: 8, layers: 2 },
      { channels: 16, layers: 2 },
    ],
  );
  const paths = [
    [0, 1, 2, 3],
    [4, 5, 6, 6],
    [6, 6, 4, 5],
    [3, 2, 1, 0],
  ];

  it('writes the layer table of the path', () => {
    const src = pytorchSource(space, paths[1]!, { path: '4-5-6-6', ...pathCost(space, paths[1]!) });
    expect(src).toContain('("mb3", 8, 8, 1),');
    expect(src).toContain('("dil3", 8, 8, 1),');
    expect(src).toContain('("skip", 8, 16, 2),');
    expect(src).toContain('("skip", 16, 16, 1),');
  });

  it.skipIf(!TORCH)("the generated module has exactly the engine's parameter count", () => {
    const counts = countParams(
      Object.fromEntries(paths.map((path) => [`subnet-${path.join('-')}`, pytorchSource(space, path, { path: path.join('-'), ...pathCost(space, path) })])),
    );
    expect(counts).toEqual(paths.map((path) => pathCost(space, path).params));
  });
});

describe('PyTorch export of the nbmacro space', () => {
  const nb = buildNbMacroSpace(0.25);
  const paths = [
    [0, 0, 0, 0, 0, 0, 0, 0],
    [1, 1, 1, 1, 1, 1, 1, 1],
    [2, 2, 2, 2, 2, 2, 2, 2],
    [2, 0, 1, 2, 0, 0, 1, 2],
  ];

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
  it.skipIf(!existsSync(PYTHON))("the generated module has the engine's parameter count at widths 0.25 and 1 (= the benchmark's)", () => {
    const cases = [nb, buildNbMacroSpace(1)].flatMap((s, i) => paths.map((path) => ({ name: `nb${i}-${path.join('')}`, s, path })));
    const counts = countParams(
      Object.fromEntries(cases.map(({ name, s, path }) => [name, pytorchSource(s, path, { path: path.join(''), ...pathCost(s, path) })])),
    );
    expect(Object.fromEntries(cases.map(({ name }, i) => [name, counts[i]]))).toEqual(
      Object.fromEntries(cases.map(({ name, s, path }) => [name, pathCost(s, path).params])),
    );
  });

  it.skipIf(!existsSync(PYTHON))("the stand-in torch counts the custom space's ops as the engine does", () => {
    const space = buildSpace(
      [...OP_IDS],
      [
        { channels: 8, layers: 2 },
        { channels: 16, layers: 2 },
      ],
    );
    const custom = [
      [0, 1, 2, 3],
      [4, 5, 6, 6],
      [6, 6, 4, 5],
      [7, 8, 9, 7],
      [9, 7, 8, 8],
    ];
    const counts = countParams(
      Object.fromEntries(custom.map((path) => [`custom-${path.join('-')}`, pytorchSource(space, path, { path: path.join('-'), ...pathCost(space, path) })])),
    );
    expect(counts).toEqual(custom.map((path) => pathCost(space, path).params));
  });
});

describe('the PyTorch file says which network it is', () => {
  // The benchmark's own parameter counts, per path (the authors' named_parameters sum at width 1).
  const TABLE = JSON.parse(
    readFileSync(fileURLToPath(new URL('../../../../shared/data/nas-bench-macro/nas-bench-macro_cifar10.json', import.meta.url)), 'utf8'),
  ) as Record<string, { params: number }>;
  const path = [2, 0, 1, 2, 0, 0, 1, 2];
  const header = (src: string) => src.slice(0, src.indexOf('Train on CIFAR-10'));

  it("at width 1: the benchmark's network, with the table's parameter count", () => {
    const s = buildNbMacroSpace(1);
    const src = pytorchSource(s, path, { path: '20120012', ...pathCost(s, path), score: 1.5, width: 1, runWidth: 0.125 });
    expect(header(src)).toContain(`NAS-Bench-Macro at width 1, the benchmark's own network`);
    expect(header(src)).toContain(`${TABLE['20120012']!.params.toLocaleString('en')} parameters`);
    expect(header(src)).toContain('BN score 1.50000 (measured at width 0.125)');
  });

  it('at width 0.125: its own width and count, and that the benchmark accuracy is not of this network', () => {
    const s = buildNbMacroSpace(0.125);
    const cost = pathCost(s, path);
    const src = pytorchSource(s, path, { path: '20120012', ...cost, score: 1.5, accuracy: 0.4, width: 0.125, runWidth: 0.125 });
    expect(cost.params).toBeLessThan(TABLE['20120012']!.params / 10);
    expect(header(src)).toContain(`NAS-Bench-Macro at width 0.125 (every channel count x 0.125): ${cost.params.toLocaleString('en')} parameters`);
    expect(header(src)).toContain("The benchmark's accuracy is of the width-1 network, not of this one");
    expect(header(src)).toContain('BN score 1.50000, retrained accuracy in the browser 40.0%\n');
  });
});
