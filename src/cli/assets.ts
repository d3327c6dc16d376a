/**
 * The assets the app ships (public/) as the CLI reads them: the very same files, checked before they
 * are read (a missing, foreign or oversized file is one line naming it and the fix, never a stack trace).
 * BNNAS_ASSETS names another folder that holds them (a packaged CLI, or a test of damaged assets).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from './errors';

const PUBLIC = fileURLToPath(new URL('../../public', import.meta.url));

export const assetPath = (file: string): string => join(process.env.BNNAS_ASSETS || PUBLIC, file);

const mb = (n: number) => (n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : `${(n / 1e6).toFixed(1)} MB`);

/** The bytes of a shipped asset, after checking it is a file of a size it can have; `fix` says how to get it back. */
export function readAsset(asset: { file: string; maxBytes: number }, fix: string): Uint8Array {
  const path = assetPath(asset.file);
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    throw new CliError(`the shipped asset ${path} is missing (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); ${fix}`);
  }
  if (!stat.isFile()) throw new CliError(`the shipped asset ${path} is not a file; ${fix}`);
  if (stat.size > asset.maxBytes)
    throw new CliError(`the shipped asset ${path} is ${mb(stat.size)}, far over the ${mb(asset.maxBytes)} it can be: a wrong or damaged file; ${fix}`);
  try {
    const b = readFileSync(path);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (e) {
    throw new CliError(`the shipped asset ${path} could not be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); ${fix}`);
  }
}

const damaged = (asset: { file: string }, fix: string, e: unknown) =>
  new CliError(`the shipped asset ${assetPath(asset.file)} is damaged: ${(e as Error).message}; ${fix}`);

/** Runs a decoder on an asset's bytes; its format error becomes one line naming the file and the fix. */
export function decodeAsset<T>(asset: { file: string }, fix: string, decode: () => T): T {
  try {
    return decode();
  } catch (e) {
    throw damaged(asset, fix, e);
  }
}

export async function decodeAssetAsync<T>(asset: { file: string }, fix: string, decode: () => Promise<T>): Promise<T> {
  try {
    return await decode();
  } catch (e) {
    throw damaged(asset, fix, e);
  }
}
