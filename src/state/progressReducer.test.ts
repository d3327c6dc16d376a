import { describe, expect, it } from 'vitest';
import type { EpochReport } from '../engine/train';
import type { RunEvent, TruthEpoch } from '../engine/session';
import { NO_PROGRESS, progressPatch, type ProgressState } from './progressReducer';

const event = (extra: Partial<RunEvent> = {}): RunEvent => ({
  phase: 'training',
  stage: 'bn',
  step: 3,
  totalSteps: 10,
  epoch: 0,
  epochs: 2,
  stepInEpoch: 3,
  stepsPerEpoch: 5,
  loss: 2.3,
  accuracy: 0.1,
  imagesPerSecond: 100,
  etaSeconds: 1,
  ...extra,
});
const state = (status: string, extra: Partial<ProgressState> = {}): ProgressState => ({ status, ...NO_PROGRESS, ...extra });
const report = (epoch: number) => ({ epoch, loss: 1, accuracy: 0.5, scores: [[epoch]] }) as unknown as EpochReport;

describe('progressPatch', () => {
  it('a step event sets only the event and the training status', () => {
    const e = event();
    expect(progressPatch(state('starting'), e)).toEqual({ progress: e, status: 'training' });
    expect(progressPatch(state('training'), event({ phase: 'paused' })).status).toBe('paused');
  });

  it('a late training event never reopens a finished run', () => {
    for (const status of ['done', 'stopped', 'error']) expect(progressPatch(state(status), event())).not.toHaveProperty('status');
  });

  it('the phases after training leave the status to the call', () => {
    expect(progressPatch(state('training'), event({ phase: 'done' }))).not.toHaveProperty('status');
  });

  it('an epoch end appends to each series once and replaces stability and top', () => {
    const first = report(1),
      second = report(2),
      spos = { epoch: 1, loss: 1 } as unknown as Omit<EpochReport, 'scores'>;
    const truth = { epoch: 2, kendall: 0.5 } as unknown as TruthEpoch;
    const s = state('training', { epochs: [first], truthEpochs: [] });
    const stability = [
      { epoch: 1, kendall: 0.2 },
      { epoch: 2, kendall: 1 },
    ];
    const top = [{ path: '0-1', score: 2 }] as unknown as ProgressState['liveTop'];
    const patch = progressPatch(s, event({ epochReport: second, sposEpochReport: spos, stability, top, truth }));
    expect(patch.epochs).toEqual([first, second]);
    expect(patch.sposEpochs).toEqual([spos]);
    expect(patch.truthEpochs).toEqual([truth]);
    expect(patch.stability).toBe(stability);
    expect(patch.liveTop).toBe(top);
    // The state given is not changed (the store's arrays are replaced, never mutated).
    expect(s.epochs).toEqual([first]);
  });
});
