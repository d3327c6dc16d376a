/**
 * What a config asks of this machine, estimated before the first step from the
 * space's FLOPs: a run far beyond it gets a warning up front, not 400 silent seconds.
 */
import type { Config } from '../config';
import { layerCosts, spaceOf } from '../engine/space';
import { stepSecondsModel } from '../engine/stats';

export interface Workload {
  stepSeconds: number;
  totalSeconds: number;
  meanPathMflops: number;
}

export function estimateWorkload(config: Config): Workload {
  const costs = layerCosts(spaceOf(config), 'flops');
  const meanPath = costs.base + costs.perOp.reduce((a, ops) => a + ops.reduce((s, c) => s + c, 0) / ops.length, 0);
  const stepSeconds = stepSecondsModel(meanPath, config.batch);
  const stepsPerEpoch = Math.max(1, Math.floor(config.n / config.batch));
  // Mode 'both' adds SPOS's sposx-times-longer full training (a full step costs about twice a BN-only one).
  const stages = config.mode === 'both' ? 1 + 2 * config.sposx : config.mode === 'full' ? 2 : 1;
  return { stepSeconds, totalSeconds: stepSeconds * stepsPerEpoch * config.epochs * stages, meanPathMflops: meanPath / 1e6 };
}

/** A one-line warning when a run would take far longer than a demo should, else null. */
export function workloadWarning(config: Config): string | null {
  const w = estimateWorkload(config);
  if (w.stepSeconds < 10 && w.totalSeconds < 30 * 60) return null;
  const time = (s: number) => (s < 120 ? `${Math.round(s)} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`);
  return `This run is heavy for this machine: about ${time(w.stepSeconds)} per step and ${time(w.totalSeconds)} in all (${w.meanPathMflops.toFixed(0)} MFLOPs per path × batch ${config.batch}, estimated). Lower the batch, the channels, n or the epochs; Stop works at any time.`;
}
