/**
 * For tests of the exported search project: Debian's python3-torch (or TORCH_PYTHON), the project
 * written to a temporary folder, and its scripts run as a user runs them. Node only (tests, CLI).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config';
import { pytorchSearchProject } from '../engine/export';
import { runCollecting, type Exit } from './processes';

export type { Exit } from './processes';

export const PYTHON = process.env.TORCH_PYTHON ?? '/usr/bin/python3';
/** torchrun beside that python (Debian: /usr/bin/torchrun). */
export const TORCHRUN = process.env.TORCHRUN ?? '/usr/bin/torchrun';

function hasTorch(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
/** Whether PyTorch runs here; tests that need it skip (saying so) without. */
export const TORCH = existsSync(PYTHON) && hasTorch();
if (!TORCH) console.warn(`skipping the PyTorch project's runs: no python3 with torch at ${PYTHON} (Debian: apt-get install python3-torch)`);

/** The repository root and its CIFAR-10 subset (4 .bin files of 1,000 records). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED_CIFAR = join(ROOT, '../shared/data/cifar10');

/** Writes the project of `config` to a new temporary folder; returns the folder. */
export function writeProject(config: Config, extra: Record<string, Uint8Array | string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'torch-search-'));
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries({ ...pytorchSearchProject(config), ...extra })) writeFileSync(join(dir, name), text);
  return dir;
}

/** Runs `command args` in `cwd` (one thread per process: the machine is shared), collecting its output. */
export function run(command: string, args: string[], cwd: string): Promise<Exit> {
  return runCollecting(command, args, cwd, { PYTHONUNBUFFERED: '1', OMP_NUM_THREADS: '1' });
}
