/**
 * Divergence: a read-back loss or score that is NaN or ±Infinity stops the
 * run. The check is on the numbers read back in JS, never on the device
 * (tfjs' WGSL isnan can be compiled away, tfjs issue #7162).
 */
import type { EpochReport } from './train';

/** Training stopped because a loss or the score matrix stopped being finite; `message` says where and what to lower. */
export class TrainingDiverged<E = EpochReport> extends Error {
  constructor(
    message: string,
    /** 1-based step the loss was non-finite at, or the last step of the epoch whose scores were. */
    readonly step: number,
    /** 1-based epoch it happened in. */
    readonly epoch: number,
    /** Reports of the epochs that closed with finite numbers, for a caller to keep. */
    readonly lastFinite: readonly E[],
  ) {
    super(message);
    this.name = 'TrainingDiverged';
  }
}

/** True when every entry of the matrix is a finite number. */
export function allFinite(rows: readonly (readonly number[])[]): boolean {
  return rows.every((row) => row.every(Number.isFinite));
}
