/** Throughput and ETA of a long call, from compute time only (pauses do not count). */
export class RateMeter {
  private busy = 0;
  private lastTick = performance.now();
  private units = 0;
  private steps = 0;

  /** Starts over (a new stage of a run), e.g. SPOS training after BN-NAS. */
  restart(): void { this.busy = 0; this.units = 0; this.steps = 0; this.lastTick = performance.now(); }

  /** Time since the last tick is not compute (a pause, an epoch end already counted elsewhere). */
  skip(): void { this.lastTick = performance.now(); }

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
