import { describe, expect, it } from 'vitest';
import { RetrainEta, retrainStepSecondsModel, stepSecondsModel, type QueuePosition } from './retrainEta';

interface World {
  flops: number[];
  /** The true step seconds at a FLOPs count; each subnet's then off by its `error` factor. */
  step: (flops: number) => number;
  error: number[];
  seeds: number;
  epochs: number;
  stepsPerEpoch: number;
  /** In units of the subnet's own step: a validation pass, a first seed's start (proxies, build), a later seed's. */
  evaluation: number;
  subnetGap: number;
  seedGap: number;
  /** Seconds the queue's very first start also takes (kernel compiles). */
  warmup: number;
}

/** Plays a queue whose every duration is known; at every event, the ETA the class gives and the true time left. */
function simulate(w: World) {
  const events: { t: number; index: number; apply: (eta: RetrainEta) => void; at: QueuePosition }[] = [];
  let t = 0;
  w.flops.forEach((f, i) => {
    const step = w.step(f) * w.error[i]!;
    for (let seed = 0; seed < w.seeds; seed++) {
      t += (seed === 0 ? w.subnetGap : w.seedGap) * step + (i === 0 && seed === 0 ? w.warmup : 0);
      let done = 0;
      for (let e = 0; e < w.epochs; e++) {
        for (let s = 0; s < w.stepsPerEpoch; s++) {
          t += step;
          done++;
          const now = t,
            n = done;
          events.push({
            t: now,
            index: i,
            apply: (eta) => eta.onStep(now * 1000, i, seed, n),
            at: { index: i, seed, step: n, totalSteps: w.stepsPerEpoch * w.epochs, epochsDone: e },
          });
        }
        t += w.evaluation * step;
        const now = t;
        events.push({
          t: now,
          index: i,
          apply: (eta) => eta.onEpoch(now * 1000),
          at: { index: i, seed, step: done, totalSteps: w.stepsPerEpoch * w.epochs, epochsDone: e + 1 },
        });
      }
    }
  });
  const end = t;
  // The class is guided by the FLOPs model, whose overhead/FLOPs split need not be the world's.
  const eta = new RetrainEta(w.flops, (f) => retrainStepSecondsModel(f, 64), w.seeds, w.epochs, 500 / 64 / 3, 0);
  return events.map((ev) => {
    ev.apply(eta);
    return { index: ev.index, eta: eta.secondsLeft(ev.at), truth: end - ev.t };
  });
}

// Five subnets over a 9x FLOPs range, as a spread over NAS-Bench-Macro at width 0.125 is; a retrain step there is about
// proportional to FLOPs (measured here: 0.035 s at 0.22 MFLOPs, 0.21 s at 1.47, 0.33 s at 1.94), unlike the model's 0.05 s overhead.
const WORLD: World = {
  flops: [1.94e6, 1.47e6, 0.22e6, 1.2e6, 0.8e6],
  step: (f) => 0.005 + f * 1.6e-7,
  error: [1, 1, 1, 1, 1],
  seeds: 1,
  epochs: 5,
  stepsPerEpoch: 54,
  evaluation: 3,
  subnetGap: 12,
  seedGap: 4,
  warmup: 6,
};
const err = (p: { eta: number | null; truth: number }) => Math.abs(p.eta! - p.truth) / p.truth;

describe('the retrain ETA, from measured times', () => {
  it('is null until a step has been timed, then within 30% of the truth from the first subnet on', () => {
    const points = simulate(WORLD);
    expect(points[0]!.eta).toBeNull();
    const timed = points.filter((p) => p.eta !== null && p.truth > 0);
    expect(timed.length).toBe(points.length - 2);
    for (const p of timed) expect(err(p)).toBeLessThan(0.3);
    // Two subnets timed: the line through their steps is the world's, and the estimate is exact but for nothing.
    for (const p of timed.filter((q) => q.index >= 2)) expect(err(p)).toBeLessThan(0.01);
  });

  it('on a machine unlike the model (steps mostly overhead), subnets ±10% off any line, several seeds: within 30% once subnets spanning the FLOPs range are timed, until the last fifth', () => {
    const points = simulate({ ...WORLD, step: (f) => 0.08 + f * 0.3e-7, seeds: 2, error: [1, 1.1, 0.9, 1.1, 0.9] });
    const total = points[0]!.truth;
    // Before, the line through two subnets of similar FLOPs extrapolates their noise to the far smaller third (up to ~35% off);
    // at the end a queued subnet's stray cost is most of what is left: the error there is its own, not the clock's.
    const timed = points.filter((p) => p.eta !== null && p.index >= 3 && p.truth > 0.2 * total);
    expect(timed.length).toBeGreaterThan(0.15 * points.length);
    for (const p of timed) expect(err(p)).toBeLessThan(0.3);
  });

  it('the naive estimate it replaces (elapsed over steps done, times steps left) is far off at the first steps', () => {
    const w = WORLD;
    const steps = w.flops.length * w.epochs * w.stepsPerEpoch;
    const step0 = w.step(w.flops[0]!);
    const elapsed = w.subnetGap * step0 + w.warmup + step0;
    const truth = simulate(w)[0]!.truth;
    expect(((elapsed / 1) * (steps - 1)) / truth).toBeGreaterThan(3);
  });

  it('the step models grow with FLOPs and batch over a fixed overhead', () => {
    expect(retrainStepSecondsModel(1.94e6, 64)).toBeCloseTo(0.005 + (1.94e6 * 64 * 3) / 1.2e9, 12);
    expect(stepSecondsModel(0, 64)).toBeCloseTo(0.05, 12);
    expect(stepSecondsModel(4.3e6, 64)).toBeCloseTo(0.05 + (4.3e6 * 64 * 3) / 5e9, 12);
  });
});
