/**
 * The datasets a session holds, each with an identity: the generated set is
 * named by its size and seed, loaded images by a hash of their content, so a
 * saved run, a retrain or an export made on one set of files is never matched
 * with another set that happens to share the config.
 */
import { BUILTIN_CIFAR10 } from '../../config/datasets';
import type { Config } from '../../config/schema';
import { generateDataset, labelHistogram, subset, type Dataset } from '../data';
import type { DataSummary } from './events';

export type DataKind = 'cifar10' | 'builtin';

/** A 53-bit hash of the labels and pixels (cyrb53): the identity of loaded images. */
export function contentHash(ds: Dataset): string {
  let h1 = 0xdeadbeef ^ ds.count,
    h2 = 0x41c6ce57 ^ ds.count;
  const mix = (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      h1 = Math.imul(h1 ^ b, 2654435761);
      h2 = Math.imul(h2 ^ b, 1597334677);
    }
  };
  mix(ds.labels);
  mix(ds.images);
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

const SAMPLES_PER_CLASS = 2;

/** The histogram and a few images per class, for the data panel. */
export function summarize(id: string, ds: Dataset): DataSummary {
  const picked: number[] = [];
  const perClass = new Array<number>(ds.classNames.length).fill(0);
  for (let i = 0; i < ds.count && picked.length < SAMPLES_PER_CLASS * ds.classNames.length; i++) {
    const k = ds.labels[i]!;
    if (perClass[k]! < SAMPLES_PER_CLASS) {
      perClass[k]!++;
      picked.push(i);
    }
  }
  picked.sort((a, b) => ds.labels[a]! - ds.labels[b]! || a - b);
  const sample = subset(ds, picked);
  return {
    id,
    source: ds.source,
    count: ds.count,
    classNames: ds.classNames,
    histogram: labelHistogram(ds),
    samples: { images: sample.images, labels: Array.from(sample.labels) },
  };
}

/** One generated set (the last config's) and the last loaded set of each kind; older ones are released. */
export class DataRegistry {
  private generated: { id: string; dataset: Dataset } | null = null;
  private loaded = new Map<DataKind, { id: string; dataset: Dataset }>();

  /** Keeps `dataset` as the current set of its kind; returns its identity. */
  add(kind: DataKind, dataset: Dataset): string {
    // The built-in asset is named by its file (a new one ships under a new name); the user's files by their content.
    const id = kind === 'builtin' ? BUILTIN_CIFAR10.id : `${kind}:${contentHash(dataset)}`;
    this.loaded.set(kind, { id, dataset });
    return id;
  }

  /** The current set of a kind, if one is loaded. */
  current(kind: DataKind): { id: string; dataset: Dataset } | null {
    return this.loaded.get(kind) ?? null;
  }

  /** The generated set of this size and seed (built once, replacing the previous one). */
  generatedSet(count: number, seed: number): { id: string; dataset: Dataset } {
    const id = `generated:${count}:${seed}`;
    if (this.generated?.id !== id) {
      this.generated = null; // release the old set before building the new one
      this.generated = { id, dataset: generateDataset({ count, seed }) };
    }
    return this.generated;
  }

  /**
   * The set a config trains on. `dataId`, when given, must match the current
   * set of that kind: a run made on other files is not silently re-run on these.
   */
  resolve(config: Pick<Config, 'data' | 'n' | 'val' | 'seed'>, dataId?: string): { id: string; dataset: Dataset } {
    if (config.data === 'generated') return this.generatedSet(config.n + config.val, config.seed);
    const kind: DataKind = config.data;
    const current = this.current(kind);
    if (!current) {
      throw new Error(
        kind === 'builtin'
          ? 'the built-in CIFAR-10 images are not loaded yet'
          : 'this config trains on CIFAR-10: load the .bin files (or cifar-10-binary.tar.gz) in the Data panel first',
      );
    }
    if (dataId !== undefined && dataId !== current.id) {
      throw new Error(`this run was made on other images (${dataId}) than the ones loaded now (${current.id}): load those files again or run anew`);
    }
    return current;
  }
}
