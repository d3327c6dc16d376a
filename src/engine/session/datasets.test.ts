import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, mergeConfig } from '../../config';
import { generateDataset, subset } from '../data';
import { contentHash, DataRegistry } from './datasets';

describe('DataRegistry: datasets with an identity', () => {
  const a = generateDataset({ count: 40, seed: 1 });
  const b = generateDataset({ count: 40, seed: 2 });

  it('names loaded images by their content: equal content, equal id; one changed pixel or label, another id', () => {
    expect(contentHash(a)).toBe(
      contentHash(
        subset(
          a,
          Array.from({ length: 40 }, (_, i) => i),
        ),
      ),
    );
    expect(contentHash(a)).not.toBe(contentHash(b));
    const pixel = { ...a, images: a.images.slice() };
    pixel.images[1234] = (pixel.images[1234]! + 1) % 256;
    expect(contentHash(pixel)).not.toBe(contentHash(a));
    const label = { ...a, labels: a.labels.slice() };
    label.labels[7] = (label.labels[7]! + 1) % 10;
    expect(contentHash(label)).not.toBe(contentHash(a));
  });

  it('resolves a cifar10 config to the loaded files, and refuses a run made on other files', () => {
    const reg = new DataRegistry();
    const config = mergeConfig(DEFAULT_CONFIG, { data: 'cifar10', n: 64, val: 16 }).config;
    expect(() => reg.resolve(config)).toThrow(/load the \.bin files/);
    const idA = reg.add('cifar10', a);
    expect(reg.resolve(config, idA).dataset).toBe(a);
    const idB = reg.add('cifar10', b);
    expect(idB).not.toBe(idA);
    expect(() => reg.resolve(config, idA)).toThrow(/other images/);
    expect(reg.resolve(config).id).toBe(idB);
  });

  it('names the generated set by size and seed, builds it once, and replaces it when either changes', () => {
    const reg = new DataRegistry();
    const config = mergeConfig(DEFAULT_CONFIG, { data: 'generated', n: 64, val: 16, seed: 3 }).config;
    const first = reg.resolve(config);
    expect(first.id).toBe('generated:80:3');
    expect(reg.resolve(config).dataset).toBe(first.dataset);
    expect(reg.resolve({ ...config, seed: 4 }).id).toBe('generated:80:4');
  });

  it('keeps one generated set: after a big one, a tiny config leaves nothing of the big one referenced', () => {
    const reg = new DataRegistry();
    const big = reg.generatedSet(2000, 1);
    const weak = new WeakRef(big.dataset);
    reg.generatedSet(80, 1);
    expect(reg.generatedSet(80, 1).dataset.count).toBe(80);
    // The registry's only generated slot holds the tiny set; the big one is unreachable from it.
    expect(Object.values(reg).some((v) => v === big || (v as { dataset?: unknown })?.dataset === weak.deref())).toBe(false);
  });
});
