import { describe, expect, it } from 'vitest';
import { StagePlan } from './progress';

describe('StagePlan: the ETA of a BN-NAS vs SPOS run covers every stage to come', () => {
  const config = { mode: 'both', epochs: 2, sposx: 5, sposn: 20 };

  it('adds nothing outside mode both', () => {
    const plan = new StagePlan({ ...config, mode: 'bn' });
    plan.stepTime('bn', 0.1, 10);
    expect(plan.after('bn')).toBe(0);
  });

  it('during BN-NAS: SPOS training (epochs × sposx × steps, a full step each) plus both evaluation checkpoints', () => {
    const plan = new StagePlan(config);
    plan.stepTime('bn', 0.1, 10);
    const full = 0.1 * 2.2;
    const evaluation = 2 * 20 * 10 * full * 0.4;
    expect(plan.after('bn')).toBeCloseTo(2 * 5 * 10 * full + evaluation, 9);
    plan.stepTime('spos', 0.3, 10);
    expect(plan.after('spos')).toBeCloseTo(2 * 20 * 10 * 0.3 * 0.4, 9);
    expect(plan.after('spos')).toBeLessThan(plan.after('bn'));
  });

  it('during evaluation: the rest of this checkpoint and the next one, falling to 0 at the end', () => {
    const plan = new StagePlan(config);
    plan.stepTime('spos', 0.3, 10);
    plan.evaluated(0, 20, 2);
    const start = plan.evaluationLeft();
    expect(start).toBeGreaterThan(0);
    plan.evaluated(20, 20, 2);
    plan.evaluated(0, 20, 10);
    plan.evaluated(20, 20, 10);
    expect(plan.evaluationLeft()).toBe(0);
  });
});
