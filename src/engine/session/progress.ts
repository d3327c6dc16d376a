/** Throughput and ETA of a long call, from compute time only (pauses do not count). */
export class RateMeter {
  private busy = 0;
  private lastTick = performance.now();
  private units = 0;
  private steps = 0;

  /** Mean compute seconds per step so far. */
  get secondsPerStep(): number {
    return this.steps ? this.busy / this.steps : 0;
  }

  /** Starts over (a new stage of a run), e.g. SPOS training after BN-NAS. */
  restart(): void {
    this.busy = 0;
    this.units = 0;
    this.steps = 0;
    this.lastTick = performance.now();
  }

  /** Time since the last tick is not compute (a pause, an epoch end already counted elsewhere). */
  skip(): void {
    this.lastTick = performance.now();
  }

  /** One step done that processed `units` (images); returns images/s and the ETA in seconds for `stepsLeft`. */
  step(units: number, stepsLeft: number): { perSecond: number; etaSeconds: number } {
    const now = performance.now();
    this.busy += (now - this.lastTick) / 1000;
    this.lastTick = now;
    this.units += units;
    this.steps++;
    return { perSecond: this.units / Math.max(this.busy, 1e-9), etaSeconds: (this.busy / this.steps) * stepsLeft };
  }
}

/** A full-SPOS step costs about this many BN-only steps (npm run bench: BN-only / full ≈ 0.45), until one is measured. */
const FULL_OVER_BN = 2.2;

/**
 * The stages of a mode-'both' run still to come, timed from what the run has measured so far:
 * SPOS training (sposx × the epochs, a full step each) and its evaluation checkpoints.
 */
export class StagePlan {
  private bnStep = 0;
  private sposStep = 0;
  private stepsPerEpoch = 0;
  private evalStart = 0;
  private evalDone = 0;
  private evalTotal = 0;
  private evalSeconds = 0;
  private checkpointsLeft: number;

  constructor(private readonly config: { mode: string; epochs: number; sposx: number; sposn: number }) {
    this.checkpointsLeft = config.sposx > 1 ? 2 : 1;
  }

  stepTime(stage: 'bn' | 'spos', seconds: number, stepsPerEpoch: number): void {
    this.stepsPerEpoch = stepsPerEpoch;
    if (stage === 'bn') this.bnStep = seconds;
    else this.sposStep = seconds;
  }

  /** Seconds of the stages after `stage` (0 outside mode 'both'). */
  after(stage: 'bn' | 'spos'): number {
    if (this.config.mode !== 'both') return 0;
    const full = this.sposStep || this.bnStep * FULL_OVER_BN;
    const sposSteps = this.config.epochs * this.config.sposx * this.stepsPerEpoch;
    // One evaluation: BN recalibration plus a validation pass, about ten forward-heavy steps' worth.
    const evaluation = this.checkpointsLeft * this.config.sposn * 10 * full * 0.4;
    return (stage === 'bn' ? sposSteps * full : 0) + evaluation;
  }

  evaluated(done: number, total: number, epoch: number): void {
    const now = performance.now() / 1000;
    if (done === 0 || epoch !== this.evalEpoch) {
      this.evalStart = now;
      this.evalEpoch = epoch;
    }
    this.evalDone = done;
    this.evalTotal = total;
    this.evalSeconds = done > 0 ? (now - this.evalStart) / done : this.evalSeconds;
    if (done === total) this.checkpointsLeft = Math.max(0, this.checkpointsLeft - 1);
  }

  private evalEpoch = -1;

  /** Seconds left in the evaluation stage: this checkpoint's rest and any later one. */
  evaluationLeft(): number {
    const per = this.evalSeconds || this.sposStep * 4;
    const later = this.evalDone === this.evalTotal ? this.checkpointsLeft : this.checkpointsLeft - 1;
    return per * (this.evalTotal - this.evalDone + Math.max(0, later) * this.evalTotal);
  }
}
