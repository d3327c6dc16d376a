import { describe, expect, it } from 'vitest';
import { RetrainEta, stepSecondsModel } from './retrainEta';

/**
 * A synthetic queue whose every duration is known: per unit cost a step takes `step` s, a validation pass
 * `evaluation` s, a subnet's first run starts after `subnetGap` s (proxies and build) and a later seed's after
 * `seedGap` s; the queue's very first run also pays `warmup` s of kernel compiles. Each subnet's true cost
 * differs from its model cost by `modelError` (the FLOPs model is only a guide). Returns, at every event,
 * the ETA the class gives and the true time left.
 */
function simulate(opts: { costs: number[]; modelError: number[]; seeds: number; epochs: number; stepsPerEpoch: number; step: number; evaluation: number; subnetGap: number; seedGap: number; warmup: number; evalStepsOverTrain: number }) {
  const { costs, seeds, epochs, stepsPerEpoch } = opts;
  const events: { t: number; apply: (eta: RetrainEta) => void; at: () => Parameters<RetrainEta['secondsLeft']>[0]; first: boolean; index: number }[] = [];
  let t = 0;
  costs.forEach((_, i) => {
    const c = costs[i]! * opts.modelError[i]!;
    for (let seed = 0; seed < seeds; seed++) {
      t += (seed === 0 ? opts.subnetGap : opts.seedGap) * c + (i === 0 && seed === 0 ? opts.warmup : 0);
      let step = 0;
      for (let e = 0; e < epochs; e++) {
        for (let s = 0; s < stepsPerEpoch; s++) {
          t += opts.step * c; step++;
          const now = t, st = step, done = e;
          events.push({ t: now, index: i, first: i === 0 && seed === 0 && st <= 2, apply: (eta) => eta.onStep(now * 1000, i, seed, st), at: () => ({ index: i, seed, step: st, totalSteps: stepsPerEpoch * epochs, epochsDone: done }) });
        }
        t += opts.evaluation * c;
        const now = t, st = step, done = e + 1;
        events.push({ t: now, index: i, first: false, apply: (eta) => eta.onEpoch(now * 1000), at: () => ({ index: i, seed, step: st, totalSteps: stepsPerEpoch * epochs, epochsDone: done }) });
      }
    }
  });
  const end = t;
  const eta = new RetrainEta(costs, seeds, epochs, opts.evalStepsOverTrain, 0);
  return events.map((ev) => { ev.apply(eta); return { index: ev.index, first: ev.first, eta: eta.secondsLeft(ev.at()), truth: end - ev.t }; });
}

const QUEUE = {
  // Five subnets whose step costs span 4x, as a spread over NAS-Bench-Macro does.
  costs: [0.08, 0.2, 0.12, 0.3, 0.1], seeds: 1, epochs: 5, stepsPerEpoch: 54,
  step: 1, evaluation: 5, subnetGap: 12, seedGap: 4, warmup: 6, evalStepsOverTrain: 500 / 64 / 3,
};

describe('the retrain ETA, from measured times', () => {
  it('is null until a step has been timed, then within 30% of the truth from the first subnet on, with exact model costs', () => {
    const points = simulate({ ...QUEUE, modelError: [1, 1, 1, 1, 1] });
    expect(points[0]!.eta).toBeNull();
    const timed = points.filter((p) => p.eta !== null && p.truth > 0);
    expect(timed.length).toBe(points.length - 2);
    for (const p of timed) expect(Math.abs(p.eta! - p.truth) / p.truth).toBeLessThan(0.3);
    // Once a second subnet's gap is timed (the first one's also compiled every kernel), within 10%.
    for (const p of timed.filter((q) => q.index >= 1)) expect(Math.abs(p.eta! - p.truth) / p.truth).toBeLessThan(0.1);
  });

  it('stays within 30% when the FLOPs model misjudges subnets by ±25%, with several seeds, until the last fifth', () => {
    const points = simulate({ ...QUEUE, seeds: 2, modelError: [1, 1.25, 0.8, 1.2, 0.75] });
    const total = points[0]!.truth;
    // At the end a queued subnet's misjudged cost is most of what is left: the error there is the model's, not the clock's.
    const timed = points.filter((p) => p.eta !== null && p.truth > 0.2 * total);
    expect(timed.length).toBeGreaterThan(0.7 * points.length);
    for (const p of timed) expect(Math.abs(p.eta! - p.truth) / p.truth).toBeLessThan(0.3);
  });

  it('the naive estimate (elapsed over steps done, times steps left) it replaces is far off at the first steps', () => {
    // The same world: at the queue's 2nd step, elapsed/2 × steps left counts the warm-up and gap as steps and misses the validation passes.
    const q = { ...QUEUE, modelError: [1, 1, 1, 1, 1] };
    const steps = q.costs.length * q.epochs * q.stepsPerEpoch;
    const elapsed = q.subnetGap * q.costs[0]! + q.warmup + 2 * q.step * q.costs[0]!;
    const naive = (elapsed / 2) * (steps - 2);
    const truth = simulate(q).find((p) => p.eta !== null)!.truth;
    expect(naive / truth).toBeGreaterThan(3);
  });

  it('the step model grows with FLOPs and batch over a fixed overhead', () => {
    expect(stepSecondsModel(0, 64)).toBeCloseTo(0.05, 12);
    expect(stepSecondsModel(4.3e6, 64)).toBeCloseTo(0.05 + (4.3e6 * 64 * 3) / 5e9, 12);
  });
});
