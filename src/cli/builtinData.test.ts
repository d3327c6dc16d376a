import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CIFAR10_FILE } from '../engine/data/builtin';
import { labelHistogram } from '../engine/data/dataset';
import { parseCifar10 } from '../engine/data/cifar10';
import { BUILTIN_CIFAR10_PATH, loadBuiltinCifar10 } from './builtinData';

describe('loadBuiltinCifar10', () => {
  it('finds the asset in the repository public/ folder', () => {
    expect(BUILTIN_CIFAR10_PATH).toBe(path.resolve(__dirname, '../../public', BUILTIN_CIFAR10_FILE));
    expect(existsSync(BUILTIN_CIFAR10_PATH)).toBe(true);
  });

  it('gives the same 4,000 images as the shared .bin files', async () => {
    const t0 = performance.now();
    const ds = await loadBuiltinCifar10();
    console.log(`loaded the built-in CIFAR-10 in ${(performance.now() - t0).toFixed(0)} ms`);
    expect(ds.source).toBe('CIFAR-10 (built-in, 4,000 images)');
    expect(ds.count).toBe(4000);
    expect([...ds.labels.subarray(0, 10)]).toEqual([6, 9, 9, 4, 1, 1, 2, 7, 8, 3]);
    expect(labelHistogram(ds)).toEqual([396, 366, 420, 384, 422, 393, 414, 385, 407, 413]);
    const shared = path.resolve(__dirname, '../../../shared/data/cifar10');
    const names = readdirSync(shared)
      .filter((f) => f.endsWith('.bin'))
      .sort();
    expect(names).toHaveLength(4);
    const ref = parseCifar10(names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(path.join(shared, name))) })));
    expect(Buffer.from(ds.images).equals(Buffer.from(ref.images))).toBe(true);
    expect(Buffer.from(ds.labels).equals(Buffer.from(ref.labels))).toBe(true);
  });
});
