/** Errors from the worker, classified by name (comlink keeps `name` and `message`), never by their text. */

/** True when a long call ended because it was stopped (the engine's TrainingAborted). */
export function isStopped(e: unknown): boolean {
  return (e as { name?: unknown } | null)?.name === 'TrainingAborted';
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
