/**
 * A Stop the worker does not act on within STOP_GRACE_MS (a step far too slow) restarts the worker.
 * Each watch belongs to the call that was stopped, one per kind of call: a later call of the same kind
 * (after Reset, or a new Retrain) is never ended by an earlier Stop.
 */
import { isStopped } from './errors';

export const STOP_GRACE_MS = 5_000;
export type StoppableCall = 'run' | 'retrain';

export function createStopWatch(restart: (reason: string) => void) {
  const timers = new Map<StoppableCall, ReturnType<typeof setTimeout>>();
  /** Set when a Stop had to restart the worker: the calls it ends were stopped, not failed. */
  let restarted = false;
  return {
    /** Watches a Stop of `what`; `stillThatCall` is true while the stopped call (not a later one) still goes. */
    watch(what: StoppableCall, stillThatCall: () => boolean): void {
      clearTimeout(timers.get(what));
      timers.set(
        what,
        setTimeout(() => {
          timers.delete(what);
          if (!stillThatCall()) return;
          restarted = true;
          restart(
            `Stop did not take effect within ${STOP_GRACE_MS / 1000} s (a step takes longer than that): the ${what} was ended by restarting the engine worker`,
          );
        }, STOP_GRACE_MS),
      );
    },
    clear(what: StoppableCall): void {
      clearTimeout(timers.get(what));
      timers.delete(what);
    },
    /** A call begins: an earlier restart no longer explains how it ends. */
    begin(): void {
      restarted = false;
    },
    /** A stop, or a worker restarted to carry out a Stop; classified by name and by the restart, never by message text. */
    wasStopped(e: unknown): boolean {
      return isStopped(e) || ((e as Error | null)?.name === 'WorkerLost' && restarted);
    },
  };
}
