/**
 * The one worker and its typed comlink wrapper, watched: a worker that dies
 * (an uncaught error, a message it cannot read, `self.close()`) or stops
 * answering is terminated and replaced by a fresh one, every call in flight
 * fails with a WorkerLost error that says why, and the page carries on with
 * its config. The page imports only the API's type.
 */
import * as Comlink from 'comlink';
import type { EngineApi } from '../worker/api';

/** How long an idle worker may leave a ping unanswered; a busy one may be inside a long step, so it gets longer. */
const IDLE_SILENCE_MS = 15_000;
const BUSY_SILENCE_MS = 45_000;
const PING_MS = 2_000;

export class WorkerLost extends Error {
  constructor(reason: string) { super(reason); this.name = 'WorkerLost'; }
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
}

let live: Live | null = null;
let started = 0;
let pending = 0;
const listeners = new Set<(reason: string) => void>();

function start(): Live {
  const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'bn-nas-engine' });
  const remote = Comlink.wrap<EngineApi>(worker);
  let lose!: (reason: string) => void;
  const lost = new Promise<never>((_, reject) => { lose = (reason) => reject(new WorkerLost(reason)); });
  lost.catch(() => {}); // observed through the races below
  const self: Live = { id: ++started, worker, remote, lost, lose, heard: performance.now(), timer: 0 as unknown as ReturnType<typeof setInterval> };
  worker.addEventListener('error', (e) => replace(`the engine worker crashed (${e.message || 'uncaught error'})`));
  worker.addEventListener('messageerror', () => replace('the engine worker sent a message the page could not read'));
  let waiting = false;
  self.timer = setInterval(() => {
    const silence = performance.now() - self.heard;
    if (silence > (pending > 0 ? BUSY_SILENCE_MS : IDLE_SILENCE_MS)) {
      replace(`the engine worker stopped answering (no reply for ${Math.round(silence / 1000)} s)`);
      return;
    }
    if (waiting) return;
    waiting = true;
    remote.ping().then(() => { self.heard = performance.now(); }, () => {}).finally(() => { waiting = false; });
  }, PING_MS);
  return self;
}

/** Terminates the current worker (if any) for `reason`; the next call starts a fresh one. */
export function replace(reason: string): void {
  const old = live;
  if (!old) return;
  live = null;
  clearInterval(old.timer);
  old.worker.terminate();
  old.lose(reason);
  for (const l of listeners) l(reason);
}

/**
 * Ends the current worker when no call is in flight, without telling anyone it was lost: the
 * caller does this on purpose (to hand memory back) and prepares the next one. False if busy.
 */
export function recycle(): boolean {
  if (!live || pending > 0) return false;
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

/** Any message from the worker (a progress event) shows it is alive. */
export function heard(): void {
  if (live) live.heard = performance.now();
}

/** Awaits a worker call, failing with WorkerLost if the worker dies first. */
export async function guarded<T>(call: (api: Comlink.Remote<EngineApi>) => Promise<T>): Promise<T> {
  const api = engine();
  const current = live!;
  pending++;
  try { return await Promise.race([call(api), current.lost]); } finally { pending--; }
}

/** `fn` hears why the worker was lost (to reset what lived in it). */
export function onWorkerLost(fn: (reason: string) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export { Comlink };
