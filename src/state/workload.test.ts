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

  it("a step is a fixed overhead plus its FLOPs' share, which scales with the batch; the total with steps", () => {
    const a = estimateWorkload(parseConfig('v=1&batch=64&epochs=5').config);
    const b = estimateWorkload(parseConfig('v=1&batch=128&epochs=5').config);
    const c = estimateWorkload(parseConfig('v=1&batch=128&epochs=10').config);
    const overhead = 2 * a.stepSeconds - b.stepSeconds; // o + 2f·64 vs o + f·128
    expect(overhead).toBeCloseTo(0.05, 9);
    expect(b.stepSeconds - overhead).toBeCloseTo(2 * (a.stepSeconds - overhead), 9);
    expect(c.totalSeconds).toBeCloseTo(2 * b.totalSeconds, 6);
  });
});
