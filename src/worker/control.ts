/** Pause, resume, single-epoch stepping and stop for a long training call; one control per call in flight. */
import type { CallId, ControlAction } from './events';

export type StartMode = 'run' | 'paused' | 'step';

export class RunControl {
  readonly abort = new AbortController();
  private paused = false;
  private stepping = false;
  private release: (() => void) | null = null;
  private onPauseChange: ((paused: boolean) => void) | null = null;

  /** `start`: run freely, hold before the first step, or run one epoch then pause. */
  constructor(start: StartMode = 'run', onPauseChange?: (paused: boolean) => void) {
    this.paused = start === 'paused';
    this.stepping = start === 'step';
    this.onPauseChange = onPauseChange ?? null;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /**
   * Awaited before every step: yields to the worker's event loop (a macrotask,
   * so pause/stop messages queued meanwhile are handled; tfjs WASM reads resolve
   * at once and would otherwise starve them), then holds while paused.
   */
  gate = async (): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (!this.paused || this.abort.signal.aborted) return;
    await new Promise<void>((resolve) => {
      this.release = resolve;
    });
  };

  pause(): void {
    this.setPaused(true);
    this.stepping = false;
  }

  resume(): void {
    this.stepping = false;
    this.setPaused(false);
  }

  /** Runs to the end of the current epoch, then pauses. */
  stepEpoch(): void {
    this.stepping = true;
    this.setPaused(false);
  }

  /** Called by the training loop after each epoch. */
  epochEnded(): void {
    if (this.stepping) {
      this.stepping = false;
      this.setPaused(true);
    }
  }

  stop(): void {
    this.abort.abort();
    this.flush();
  }

  private setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    this.paused = paused;
    this.onPauseChange?.(paused);
    if (!paused) this.flush();
  }

  private flush(): void {
    const r = this.release;
    this.release = null;
    r?.();
  }
}

/** Calls `send` at most every `intervalMs`, except for events marked urgent. */
export function throttle<T>(send: (event: T) => void, intervalMs: number): (event: T, urgent?: boolean) => void {
  let last = -Infinity;
  return (event, urgent = false) => {
    const now = performance.now();
    if (urgent || now - last >= intervalMs) {
      last = now;
      send(event);
    }
  };
}

/** One control per long call in flight, so a supernet run and a retrain never stop each other. */
const calls = new Map<CallId, RunControl>();

/** Runs `body` under a fresh control for call `id`; a call of that id still going is stopped first. */
export async function controlled<T>(
  id: CallId,
  start: StartMode,
  onPause: ((paused: boolean) => void) | undefined,
  body: (ctl: RunControl) => Promise<T>,
): Promise<T> {
  calls.get(id)?.stop();
  const ctl = new RunControl(start, onPause);
  calls.set(id, ctl);
  try {
    return await body(ctl);
  } finally {
    if (calls.get(id) === ctl) calls.delete(id);
  }
}

/** Steers one long call: pause, resume, one epoch then pause, or stop. A call that has ended ignores it. */
export function steer(call: CallId, action: ControlAction): void {
  const ctl = calls.get(call);
  if (!ctl) return;
  if (action === 'pause') ctl.pause();
  else if (action === 'resume') ctl.resume();
  else if (action === 'step') ctl.stepEpoch();
  else ctl.stop();
}
