/**
 * A run's progress event folded into the store's run state: pure, so a test pins what each event
 * changes (flows/run.ts sets the patch it returns). Each series grows by the epoch an event closes.
 */
import type { EpochReport } from '../engine/train';
import type { RankedRow } from '../engine/search';
// The session's event type: the worker's ProgressEvent extends it (its module is not Node-compiled).
import type { RunEvent, TruthEpoch } from '../engine/session';

/** The run state an event changes: a subset of the store's run slice (E: ProgressEvent, Status: RunStatus there). */
export interface ProgressState<E extends RunEvent = RunEvent, Status extends string = string> {
  status: Status;
  progress: E | null;
  epochs: EpochReport[];
  sposEpochs: Omit<EpochReport, 'scores'>[];
  stability: { epoch: number; kendall: number }[];
  liveTop: RankedRow[];
  truthEpochs: TruthEpoch[];
}

/** The series before a run's first event (the store's idle run starts from these). */
export const NO_PROGRESS = { progress: null, epochs: [], sposEpochs: [], stability: [], liveTop: [], truthEpochs: [] } as const satisfies Omit<
  ProgressState,
  'status'
>;

/** What `e` changes in state `s`: the event itself, the status while training, and each series the event extends. */
export function progressPatch<E extends RunEvent, S extends string>(s: ProgressState<E, S>, e: E): Partial<ProgressState<E, S | 'training' | 'paused'>> {
  const next: Partial<ProgressState<E, S | 'training' | 'paused'>> = { progress: e };
  // Progress and the call's result travel on different message channels: a late
  // 'training' event must not reopen a run that has already finished.
  const finished = s.status === 'done' || s.status === 'stopped' || s.status === 'error';
  if ((e.phase === 'training' || e.phase === 'paused') && !finished) next.status = e.phase;
  if (e.epochReport) next.epochs = [...s.epochs, e.epochReport];
  if (e.sposEpochReport) next.sposEpochs = [...s.sposEpochs, e.sposEpochReport];
  if (e.stability) next.stability = e.stability;
  if (e.top) next.liveTop = e.top;
  if (e.truth) next.truthEpochs = [...s.truthEpochs, e.truth];
  return next;
}
