/**
 * The one worker and its typed comlink wrapper, watched: a worker that dies
 * (an uncaught error, a message it cannot read, `self.close()`) or stops
 * answering is terminated and replaced by a fresh one, every call in flight
 * fails with a WorkerLost error that says why, and the page carries on with
 * its config. The page imports only the API's type.
 */
import * as Comlink from 'comlink';
import type { EngineApi } from '../worker/api';

import { judge, type CallState } from './watchdog';

const PING_MS = 1_000;
/** The key of the worker's acknowledgement message (engine.worker.ts): { [ACK]: comlink message id }. */
const ACK = 'bnnasAck';

/** The worker was lost. `unstarted`: the call never reached it (safe to start again on a fresh one). */
export class WorkerLost extends Error {
  constructor(
    reason: string,
    readonly unstarted = false,
  ) {
    super(reason);
    this.name = 'WorkerLost';
  }
}

/** A guarded call in flight, and the comlink message ids it sent. */
interface Call extends CallState {
  ids: Set<string>;
  unstarted?: boolean;
}

interface Live {
  /** Which worker of this page this is (1, 2, …): what lived in one is not in the next. */
  id: number;
  worker: Worker;
  remote: Comlink.Remote<EngineApi>;
  /** Rejects when this worker is lost; every call in flight races it. */
  lost: Promise<never>;
  lose(reason: string): void;
  heard: number;
  timer: ReturnType<typeof setInterval>;
  /** Guarded calls in flight on this worker. */
  calls: Set<Call>;
  /** Whether this worker ever answered (it is up, past loading its module). */
  spoke: boolean;
}

let live: Live | null = null;
let started = 0;
/** The call whose messages are being sent right now (comlink posts synchronously inside the call). */
let sending: Call | null = null;
const listeners = new Set<(reason: string) => void>();

function start(): Live {
  const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'bn-nas-engine' });
  const remote = Comlink.wrap<EngineApi>(worker);
  let lose!: (reason: string) => void;
  const lost = new Promise<never>((_, reject) => {
    lose = (reason) => reject(new WorkerLost(reason));
  });
  lost.catch(() => {}); // observed through the races below
  const self: Live = {
    id: ++started,
    worker,
    remote,
    lost,
    lose,
    heard: performance.now(),
    timer: 0 as unknown as ReturnType<typeof setInterval>,
    calls: new Set(),
    spoke: false,
  };
  // Tag each message comlink sends with the call sending it, so the worker's acknowledgement finds its call.
  const post = worker.postMessage.bind(worker) as (message: unknown, transfer?: Transferable[]) => void;
  worker.postMessage = ((message: unknown, transfer?: Transferable[]) => {
    const id = (message as { id?: unknown } | null)?.id;
    if (sending && typeof id === 'string') sending.ids.add(id);
    post(message, transfer);
  }) as Worker['postMessage'];
  worker.addEventListener('message', (e: MessageEvent) => {
    const id = (e.data as Record<string, unknown> | null)?.[ACK];
    if (typeof id !== 'string') return;
    self.heard = performance.now();
    self.spoke = true;
    for (const c of self.calls) if (c.ids.has(id)) c.acked = true;
  });
  worker.addEventListener('error', (e) => replace(`the engine worker crashed (${e.message || 'uncaught error'})`));
  worker.addEventListener('messageerror', () => replace('the engine worker sent a message the page could not read'));
  let waiting = false;
  self.timer = setInterval(() => {
    const verdict = judge(performance.now(), self.heard, self.calls, self.spoke);
    if (!verdict.alive) {
      replace(verdict.reason, verdict.unstarted);
      return;
    }
    if (waiting) return;
    waiting = true;
    remote
      .ping()
      .then(
        () => {
          self.heard = performance.now();
          self.spoke = true;
        },
        () => {},
      )
      .finally(() => {
        waiting = false;
      });
  }, PING_MS);
  return self;
}

/**
 * Terminates the current worker (if any) for `reason`; the next call starts a fresh one. `unstarted`:
 * the worker was found gone by a call it never acknowledged (those calls may be started again).
 */
export function replace(reason: string, unstarted = false): void {
  const old = live;
  if (!old) return;
  live = null;
  clearInterval(old.timer);
  old.worker.terminate();
  if (unstarted) for (const c of old.calls) if (!c.acked) c.unstarted = true;
  old.lose(reason);
  for (const l of listeners) l(reason);
}

/**
 * Ends the current worker when no call is in flight, without telling anyone it was lost: the
 * caller does this on purpose (to hand memory back) and prepares the next one. False if busy.
 */
export function retireIfIdle(): boolean {
  if (!live || live.calls.size > 0) return false;
  clearInterval(live.timer);
  live.worker.terminate();
  live = null;
  return true;
}

export function engine(): Comlink.Remote<EngineApi> {
  live ??= start();
  return live.remote;
}

/** The id of the worker calls go to now (starting one if none runs). */
export function workerId(): number {
  engine();
  return live!.id;
}

/** Any message from the worker (a progress event) shows it is alive: tells the watchdog. */
export function workerAlive(): void {
  if (live) {
    live.heard = performance.now();
    live.spoke = true;
  }
}

/**
 * Awaits a worker call, failing with WorkerLost if the worker dies first; `unstarted` on that error
 * says the worker never acknowledged the call (it went to a worker already gone).
 */
export async function guarded<T>(call: (api: Comlink.Remote<EngineApi>) => Promise<T>): Promise<T> {
  const api = engine();
  const current = live!;
  const record: Call = { sentAt: performance.now(), acked: false, ids: new Set() };
  let promise: Promise<T>;
  sending = record;
  try {
    promise = call(api);
  } finally {
    sending = null;
  }
  // A call that sent nothing synchronously cannot be matched to an acknowledgement: judged as busy, as before.
  if (record.ids.size === 0) record.acked = true;
  current.calls.add(record);
  try {
    return await Promise.race([promise, current.lost]);
  } catch (e) {
    throw e instanceof WorkerLost && record.unstarted ? new WorkerLost(e.message, true) : e;
  } finally {
    current.calls.delete(record);
  }
}

/**
 * Runs `body` (a preparation and its calls); if the worker was already gone when a call was sent (it never
 * acknowledged it, so nothing started), says so through `onRestart` and runs `body` once more on the fresh
 * worker, which `body` prepares itself.
 */
export async function againIfUnstarted<T>(body: () => Promise<T>, onRestart: () => void): Promise<T> {
  try {
    return await body();
  } catch (e) {
    if (!(e instanceof WorkerLost && e.unstarted)) throw e;
    onRestart();
    return body();
  }
}

/** `fn` hears why the worker was lost (to reset what lived in it). */
export function onWorkerLost(fn: (reason: string) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export { Comlink };
