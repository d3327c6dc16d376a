/**
 * Seconds left of a retrain queue, from the times its steps really took. A queue is runs of
 * (subnet, seed); each run is a gap (model build and warm-up, plus the zero-cost proxies before a
 * subnet's first seed), then `epochs` × (steps, one validation pass). Elapsed time over steps done
 * counts the first run's warm-up as if every step were that slow and forgets the validation passes
 * (a first ETA of 1:28:32 for a queue that took 11.7 min); this times each part on its own.
 * Subnets differ in cost: a queued subnet's step time comes from the timed subnets' steps against their FLOPs
 * (a straight line through them once two 2x apart in FLOPs are timed; `retrainStepSecondsModel`'s ratios before), and its
 * validation passes and start from the timed ones' in units of their own step.
 */

/** Multiply-accumulates per second a step reaches on WASM here (npm run bench: ~2.3 G MACs in 0.1–0.3 s). */
const MACS_PER_SECOND = 5e9;
/** A training step (forward, backward, update) costs about this many forwards. */
export const STEP_OVER_FORWARD = 3;
/**
 * Seconds a step costs whatever its FLOPs (a hundred-odd kernel calls, the read-back, the batch copy):
 * NAS-Bench-Macro at width 0.125 measured 0.10 s a step in Node on WASM (2,970 steps in 305 s), where
 * its FLOPs alone predict 0.05 s.
 */
const STEP_OVERHEAD_SECONDS = 0.05;

/** Estimated seconds of one training step of a network of `flops` multiply-adds per image at `batch` (before any is timed). */
export function stepSecondsModel(flops: number, batch: number): number {
  return STEP_OVERHEAD_SECONDS + (flops * batch * STEP_OVER_FORWARD) / MACS_PER_SECOND;
}

/**
 * Estimated seconds of one retraining step (every weight trains, so the weights' gradients too) at `flops` per image and
 * `batch`. Measured with the CLI on WASM (NAS-Bench-Macro at width 0.125, batch 64, a 2-core machine under load): 0.035 s
 * at 0.22 MFLOPs, 0.21 s at 1.47, 0.33 s at 1.94 — nearly proportional to FLOPs, about 1.2 G multiply-adds a second.
 * Only its ratios matter, and only until two subnets are timed.
 */
export function retrainStepSecondsModel(flops: number, batch: number): number {
  return 0.005 + (flops * batch * STEP_OVER_FORWARD) / 1.2e9;
}

/** Where the queue stands: subnet `index`, seed `seed`, `step` of `totalSteps` done, `epochsDone` validation passes done in this run. */
export interface QueuePosition {
  index: number;
  seed: number;
  step: number;
  totalSteps: number;
  epochsDone: number;
}

class Mean {
  private sum = 0;
  private n = 0;
  add(x: number): void {
    this.sum += x;
    this.n++;
  }
  get value(): number | null {
    return this.n > 0 ? this.sum / this.n : null;
  }
}

/** Steps a subnet's time needs before it speaks for itself or for others: a step or two can be far off on a busy machine. */
const SETTLED_STEPS = 10;

/**
 * The median of the latest WINDOW step times: a busy machine's stalls (one step at 3x) and the first steps' warm-up
 * would pull a mean of all steps for the rest of the queue.
 */
class RecentMedian {
  private static readonly WINDOW = 64;
  private readonly xs: number[] = [];
  private n = 0;
  add(x: number): void {
    this.xs[this.n++ % RecentMedian.WINDOW] = x;
  }
  get count(): number {
    return this.n;
  }
  get value(): number | null {
    if (this.n === 0) return null;
    const sorted = [...this.xs].sort((a, b) => a - b);
    const m = sorted.length >> 1;
    return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
  }
}

/** What one subnet's runs took, in seconds: its steps, its validation passes, its first seed's start, a later seed's start. */
interface Timed {
  step: RecentMedian;
  evaluation: Mean;
  subnetGap: number | null;
  seedGap: number | null;
}

export class RetrainEta {
  private last: number;
  private lastIndex = -1;
  private readonly timed = new Map<number, Timed>();

  /**
   * @param flops multiply-adds per image of each queued subnet
   * @param model estimated step seconds at a FLOPs count (stepSecondsModel at the batch): its ratios guide until two subnets are timed
   * @param seeds runs per subnet; @param epochs validation passes per run
   * @param evalStepsOverTrain a validation pass in training steps (val images / batch / STEP_OVER_FORWARD), until one is timed
   * @param start the queue's start time in ms (performance.now())
   */
  constructor(
    private readonly flops: readonly number[],
    private readonly model: (flops: number) => number,
    private readonly seeds: number,
    private readonly epochs: number,
    private readonly evalStepsOverTrain: number,
    start: number,
  ) {
    this.last = start;
  }

  private of(index: number): Timed {
    let t = this.timed.get(index);
    if (!t) this.timed.set(index, (t = { step: new RecentMedian(), evaluation: new Mean(), subnetGap: null, seedGap: null }));
    return t;
  }

  /** A step of subnet `index` (seed `seed`) finished at `now` ms; `step` counts from 1 within its run. */
  onStep(now: number, index: number, seed: number, step: number): void {
    const seconds = (now - this.last) / 1000;
    const t = this.of(index);
    // A run's first step carries its start (model build, first kernel compiles, the proxies before seed 0): timed as such.
    if (step === 1) {
      if (seed === 0) t.subnetGap = seconds;
      else t.seedGap = seconds;
    } else t.step.add(seconds);
    this.last = now;
    this.lastIndex = index;
  }

  /** A validation pass finished at `now` ms (after the epoch's last step). */
  onEpoch(now: number): void {
    if (this.lastIndex >= 0) this.of(this.lastIndex).evaluation.add((now - this.last) / 1000);
    this.last = now;
  }

  /** Step seconds of subnet `j`: its own once settled, else from the timed subnets' steps against their FLOPs. */
  private stepOf(j: number): number | null {
    const own = this.timed.get(j)?.step;
    if (own && own.count >= SETTLED_STEPS) return own.value;
    const timed = [...this.timed].filter(([, t]) => t.step.count > 0);
    const settled = timed.filter(([, t]) => t.step.count >= SETTLED_STEPS);
    const points = (settled.length > 0 ? settled : timed).map(([i, t]) => ({ x: this.flops[i]!, y: t.step.value! }));
    if (points.length === 0) return null;
    // A line only through subnets at least 2x apart in FLOPs: between near ones, their own ±25% (measured) sets the slope.
    const xs = points.map((p) => p.x);
    if (Math.min(...xs) > 0 && Math.max(...xs) >= 2 * Math.min(...xs)) {
      // Least squares y = a + b·x, kept to what a step can be: no negative overhead (then through 0), no FLOPs that save time (then flat).
      const mx = points.reduce((a, p) => a + p.x, 0) / points.length,
        my = points.reduce((a, p) => a + p.y, 0) / points.length;
      let b = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
      let a = my - b * mx;
      if (b < 0) {
        a = my;
        b = 0;
      } else if (a < 0) {
        a = 0;
        b = points.reduce((s, p) => s + p.x * p.y, 0) / points.reduce((s, p) => s + p.x * p.x, 0);
      }
      return a + b * this.flops[j]!;
    }
    const scale = points.reduce((a, p) => a + p.y / this.model(p.x), 0) / points.length;
    return scale * this.model(this.flops[j]!);
  }

  /** The mean over timed subnets of a time in units of their own step (a validation pass, a start). */
  private ratio(pick: (t: Timed) => number | null, latest = false): number | null {
    const rs = [...this.timed].flatMap(([i, t]) => {
      const v = pick(t),
        s = this.stepOf(i);
      return v === null || s === null ? [] : [v / s];
    });
    if (rs.length === 0) return null;
    // The queue's first start also compiled every kernel: once a later one is timed, the latest speaks for the rest.
    return latest ? rs[rs.length - 1]! : rs.reduce((a, b) => a + b, 0) / rs.length;
  }

  /** Seconds left from `at`; null until a step has been timed (the first ETA is a measured one, never the FLOPs model alone). */
  secondsLeft(at: QueuePosition): number | null {
    const hereStep = this.stepOf(at.index);
    const subnetGap = this.ratio((t) => t.subnetGap, true);
    if (hereStep === null || subnetGap === null) return null;
    const evaluation = this.ratio((t) => t.evaluation.value) ?? this.evalStepsOverTrain;
    // A later seed skips the proxies: until one is timed, its start is taken as a subnet's (at most that).
    const seedGap = this.ratio((t) => t.seedGap, true) ?? subnetGap;
    const here = this.timed.get(at.index);
    const hereEval = here?.evaluation.value ?? evaluation * hereStep;
    // A run: its first step (which carries its start, timed as `gap` steps), the other steps, the validation passes.
    const run = (gap: number, step: number, evalSeconds: number) => gap * step + (at.totalSteps - 1) * step + this.epochs * evalSeconds;
    let left = (at.totalSteps - at.step) * hereStep + (this.epochs - at.epochsDone) * hereEval;
    left += (this.seeds - at.seed - 1) * run(seedGap, hereStep, hereEval);
    for (let j = at.index + 1; j < this.flops.length; j++) {
      const step = this.stepOf(j)!;
      left += run(subnetGap, step, evaluation * step) + (this.seeds - 1) * run(seedGap, step, evaluation * step);
    }
    return left;
  }
}
