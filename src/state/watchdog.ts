/**
 * When is the engine worker gone? Pure, so its rules are unit-tested with a fake clock.
 *
 * Every message the page sends is acknowledged by the worker as it arrives, before any work
 * (engine.worker.ts). A call the worker has not acknowledged within ACK_MS, while no other
 * acknowledged call keeps it busy, went to a worker that is no longer there: it never started,
 * so it is safe to start again on a fresh worker. Once acknowledged, a call may sit inside one
 * long step: silence is then judged by BUSY_SILENCE_MS (IDLE_SILENCE_MS with no call in flight).
 */
export const ACK_MS = 3_000;
export const IDLE_SILENCE_MS = 15_000;
export const BUSY_SILENCE_MS = 45_000;

/** One call in flight: when it was sent, and whether the worker has acknowledged it. */
export interface CallState {
  sentAt: number;
  acked: boolean;
}

export type Verdict = { alive: true } | { alive: false; reason: string; unstarted: boolean };

/**
 * `heard`: when the worker last said anything (a ping's answer, a progress event, an acknowledgement).
 * `spoke`: whether it ever did. A worker that has not yet spoken may still be loading its module (tfjs is
 * megabytes), and messages wait for it: the acknowledgement rule applies once it has shown it is up.
 */
export function judge(now: number, heard: number, calls: Iterable<CallState>, spoke = true): Verdict {
  let inFlight = 0,
    busy = false,
    oldestUnacked = Infinity;
  for (const c of calls) {
    inFlight++;
    if (c.acked) busy = true;
    else oldestUnacked = Math.min(oldestUnacked, c.sentAt);
  }
  if (spoke && !busy && now - oldestUnacked > ACK_MS) {
    return { alive: false, unstarted: true, reason: `the engine had stopped (a call was not acknowledged within ${ACK_MS / 1000} s)` };
  }
  const silence = now - heard;
  if (silence > (inFlight > 0 ? BUSY_SILENCE_MS : IDLE_SILENCE_MS)) {
    return { alive: false, unstarted: false, reason: `the engine worker stopped answering (no reply for ${Math.round(silence / 1000)} s)` };
  }
  return { alive: true };
}
