/** The built-in 4,000 CIFAR-10 images for CLI runs, read from the repository's public/ folder. */
import { BUILTIN_CIFAR10 } from '../config/datasets';
import { decodeBuiltinCifar10 } from '../engine/data/builtin';
import type { Dataset } from '../engine/data/dataset';
import { assetPath, decodeAssetAsync, readAsset } from './assets';

/** Where the asset lives: public/ is served as-is by the app, so the CLI reads the very same file. */
export const BUILTIN_CIFAR10_PATH = assetPath(BUILTIN_CIFAR10.file);

const FIX = 'restore it with `git checkout public/cifar10-4000.pack` or rebuild it with npx tsx scripts/pack-cifar10.ts';

/** Reads and decodes public/cifar10-4000.pack; a missing, oversized or corrupt file is one line with the fix. */
export async function loadBuiltinCifar10(): Promise<Dataset> {
  const bytes = readAsset(BUILTIN_CIFAR10, FIX);
  return decodeAssetAsync(BUILTIN_CIFAR10, FIX, () => decodeBuiltinCifar10(bytes));
}
