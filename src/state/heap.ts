/**
 * WebAssembly memory grows to a run's peak and never shrinks: after one heavy run (a wide space, a
 * large batch) the WASM backend keeps gigabytes that a tiny config afterwards never needs. The only
 * way to hand them back is a fresh worker. These decide when that is worth it and safe.
 */

/** A WASM heap past this after a run is handed back by restarting the worker, when nothing is lost. */
export const HAND_BACK_BYTES = 1024 ** 3;

const gigabytes = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GB`;

/** `grown` says what happened, `notice` that and what was (or can be) done about it. */
export type HandBack = { kind: 'none' } | { kind: 'restart' | 'advise'; grown: string; notice: string };

/**
 * What to do about the heap after a run. The worker holds the user's CIFAR-10 files (the page
 * transferred them) and the retrained weights kept for export: a restart would lose those, so
 * then the page only says how to get the memory back. Worded for users: memory, reload, download.
 */
export function heapPlan(heapBytes: number | null, keptWeights: number, userFiles: boolean): HandBack {
  if (heapBytes === null || heapBytes < HAND_BACK_BYTES) return { kind: 'none' };
  const grown = `This run took ${gigabytes(heapBytes)} of memory`;
  if (userFiles || keptWeights > 0) {
    const networks = keptWeights === 1 ? 'the network you retrained' : `the ${keptWeights} networks you retrained`;
    const lost = [userFiles ? 'your CIFAR-10 files (you would load them again)' : '', keptWeights > 0 ? `${networks} (kept for download)` : '']
      .filter(Boolean)
      .join(' and ');
    return { kind: 'advise', grown, notice: `${grown}, which the page only gives back when reloaded. A reload loses ${lost}: download what you need first.` };
  }
  return { kind: 'restart', grown, notice: `${grown}: the page restarted its engine to give it back. Results, settings and images are kept.` };
}
