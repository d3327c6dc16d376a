import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import { estimateWorkload, workloadWarning } from './workload';

describe('workload estimate', () => {
  it('the defaults and the presets run without a warning', () => {
    expect(workloadWarning(parseConfig('v=1').config)).toBeNull();
    expect(workloadWarning(parseConfig('v=1&stages=16x2,32x2,64x2').config)).toBeNull();
  });

  it('the stuck link of the reliability review is warned about before its first step', () => {
    const config = parseConfig('v=1&stages=256x6,256x6&n=50000&val=10000&epochs=200&batch=512').config;
    const w = estimateWorkload(config);
    expect(w.stepSeconds).toBeGreaterThan(10);
    expect(workloadWarning(config)).toMatch(/^This run is heavy for this machine: about .* per step/);
  });

  it('scales with the batch and the epochs', () => {
    const a = estimateWorkload(parseConfig('v=1&batch=64&epochs=5').config);
    const b = estimateWorkload(parseConfig('v=1&batch=128&epochs=10').config);
    expect(b.stepSeconds).toBeCloseTo(2 * a.stepSeconds, 9);
    expect(b.totalSeconds).toBeCloseTo(2 * a.totalSeconds, 6);
  });
});
