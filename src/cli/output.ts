/** The `--json` report file: checked writable before a run (which can take hours), written after it. */
import { closeSync, existsSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CliError } from './errors';

function reason(path: string, e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      return `the folder ${dirname(resolve(path))} does not exist`;
    case 'ENOTDIR':
      return `a part of ${dirname(resolve(path))} is not a folder`;
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    default:
      return err.message;
  }
}

/** Throws a usage error (exit 2) when `path` cannot be opened for writing; leaves an existing file as it was and creates none. */
export function checkWritable(path: string, flag: string): void {
  const existed = existsSync(path);
  let fd: number;
  try {
    fd = openSync(path, 'a');
  } catch (e) {
    throw new CliError(`${flag} ${path}: cannot write there: ${reason(path, e)}`, 2);
  }
  closeSync(fd);
  if (!existed) rmSync(path, { force: true });
}

/** Writes `text` to `path`; a failure (e.g. the disk filled during the run) is one CLI error line. */
export function writeOutput(path: string, text: string, flag: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new CliError(`${flag} ${path}: could not write the report: ${reason(path, e)}`);
  }
}
