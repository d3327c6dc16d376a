/**
 * Seconds left of a retrain queue, from the times its steps really took. A queue is runs of
 * (subnet, seed); each run is a gap (model build and warm-up, plus the zero-cost proxies before a
 * subnet's first seed), then `epochs` × (steps, one validation pass). Elapsed time over steps done
 * counts the first run's warm-up as if every step were that slow and forgets the validation passes
 * (a first ETA of 1:28:32 for a queue that took 11.7 min); this times each part on its own.
 * Subnets differ in cost, so each measured time is divided by the subnet's relative step cost
 * (`stepSecondsModel`) and multiplied back for the subnets still queued.
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

/** Where the queue stands: subnet `index`, seed `seed`, `step` of `totalSteps` done, `epochsDone` validation passes done in this run. */
export interface QueuePosition { index: number; seed: number; step: number; totalSteps: number; epochsDone: number }

class Mean {
  private sum = 0;
  private n = 0;
  add(x: number): void { this.sum += x; this.n++; }
  get value(): number | null { return this.n > 0 ? this.sum / this.n : null; }
}

/** The latest of a gap's times once there are two: the queue's first gap also compiles every kernel, later ones do not. */
class Latest {
  private first: number | null = null;
  private latest: number | null = null;
  add(x: number): void { if (this.first === null) this.first = x; else this.latest = x; }
  get value(): number | null { return this.latest ?? this.first; }
}

export class RetrainEta {
  private last: number;
  private lastCost = 1;
  /**
   * Seconds per unit cost: a step and a validation pass (over the queue, and of each subnet: the FLOPs model only
   * guides, so the subnet at work is timed on its own), the gap before a subnet's first seed and before a later seed.
   */
  private readonly step = new Mean();
  private readonly evaluation = new Mean();
  private readonly ownStep = new Map<number, Mean>();
  private readonly ownEvaluation = new Map<number, Mean>();
  private lastIndex = 0;
  private readonly subnetGap = new Latest();
  private readonly seedGap = new Latest();
  private runStarted = false;

  /**
   * @param costs relative step cost of each queued subnet (e.g. stepSecondsModel of its FLOPs)
   * @param seeds runs per subnet; @param epochs validation passes per run
   * @param evalStepsOverTrain a validation pass in training steps (val images / batch / STEP_OVER_FORWARD), until one is timed
   * @param start the queue's start time in ms (performance.now())
   */
  constructor(
    private readonly costs: readonly number[], private readonly seeds: number, private readonly epochs: number,
    private readonly evalStepsOverTrain: number, start: number,
  ) {
    this.last = start;
  }

  /** A step of subnet `index` (seed `seed`) finished at `now` ms; `step` counts from 1 within its run. */
  onStep(now: number, index: number, seed: number, step: number): void {
    const cost = this.costs[index]!;
    const seconds = (now - this.last) / 1000;
    // A run's first step carries its gap (model build, first kernel compiles, the proxies): timed as the gap.
    if (step === 1) (seed === 0 ? this.subnetGap : this.seedGap).add(seconds / cost);
    else { this.step.add(seconds / cost); own(this.ownStep, index).add(seconds / cost); }
    this.last = now;
    this.lastIndex = index;
    this.lastCost = cost;
    this.runStarted = true;
  }

  /** A validation pass finished at `now` ms (after the epoch's last step). */
  onEpoch(now: number): void {
    if (this.runStarted) {
      const perCost = (now - this.last) / 1000 / this.lastCost;
      this.evaluation.add(perCost);
      own(this.ownEvaluation, this.lastIndex).add(perCost);
    }
    this.last = now;
  }

  /** Seconds left from `at`; null until a step has been timed (the first ETA is a measured one, never the FLOPs model alone). */
  secondsLeft(at: QueuePosition): number | null {
    const step = this.step.value;
    const subnetGap = this.subnetGap.value;
    if (step === null || subnetGap === null) return null;
    const evaluation = this.evaluation.value ?? step * this.evalStepsOverTrain;
    // A later seed skips the proxies: until one is timed, its gap is at most a subnet's.
    const seedGap = this.seedGap.value ?? subnetGap;
    const run = (cost: number, s: number, e: number) => cost * (at.totalSteps * s + this.epochs * e);
    const here = this.costs[at.index]!;
    const hereStep = this.ownStep.get(at.index)?.value ?? step;
    const hereEvaluation = this.ownEvaluation.get(at.index)?.value ?? evaluation;
    let left = here * ((at.totalSteps - at.step) * hereStep + (this.epochs - at.epochsDone) * hereEvaluation);
    left += (this.seeds - at.seed - 1) * (here * seedGap + run(here, hereStep, hereEvaluation));
    for (let j = at.index + 1; j < this.costs.length; j++) {
      const c = this.costs[j]!;
      left += c * subnetGap + (this.seeds - 1) * c * seedGap + this.seeds * run(c, step, evaluation);
    }
    return left;
  }
}

function own(means: Map<number, Mean>, index: number): Mean {
  let m = means.get(index);
  if (!m) means.set(index, (m = new Mean()));
  return m;
}
