/** The images shipped with the app: one asset beside the page (public/), named here so the page, worker and CLI agree. */
export const BUILTIN_CIFAR10 = {
  /** File name under public/ (and the repo's public/ for the CLI). */
  file: 'cifar10-4000.pack',
  /** Bytes at most (the asset is 6.3 MB): a larger file is a wrong or tampered asset, refused before it is buffered. */
  maxBytes: 32e6,
  /** Its identity in saved runs: a new asset ships under a new name. */
  id: 'builtin:cifar10-4000.pack',
  label: '4,000 real CIFAR-10 images (built in)',
  citation: 'A. Krizhevsky, Learning Multiple Layers of Features from Tiny Images, tech. report, University of Toronto, 2009',
} as const;

/** The data identity of a config whose images the page can name without loading them; null for the user's files. */
export function knownDataId(config: { data: string; n: number; val: number; seed: number }): string | null {
  if (config.data === 'generated') return `generated:${config.n + config.val}:${config.seed}`;
  if (config.data === 'builtin') return BUILTIN_CIFAR10.id;
  return null;
}

/** How long a same-origin asset may stay silent before the page says so (it answers in milliseconds when served). */
export const ASSET_STALL_MS = 20_000;
