import { describe, expect, it } from 'vitest';
import { atLeastSpan, niceTicks, tickDecimals } from './ticks';

describe('atLeastSpan', () => {
  it('leaves a range that already spans enough', () => {
    expect(atLeastSpan(1.8, 2.3, 0.1)).toEqual([1.8, 2.3]);
    expect(atLeastSpan(2, 2.1, 0.1)).toEqual([2, 2.1]);
  });
  it('widens a flat range about its middle to exactly the minimum span', () => {
    const [lo, hi] = atLeastSpan(2.301, 2.304, 0.1);
    expect(hi - lo).toBeCloseTo(0.1, 12);
    expect((lo + hi) / 2).toBeCloseTo(2.3025, 12);
    expect(atLeastSpan(5, 5, 2)).toEqual([4, 6]);
  });
  it('a flat loss then takes a small part of the nice axis: 0.003 of a ≥ 0.1 span', () => {
    const ticks = niceTicks(...atLeastSpan(2.301, 2.304, 0.1));
    const span = ticks[ticks.length - 1]! - ticks[0]!;
    expect(span).toBeGreaterThanOrEqual(0.1);
    expect(ticks[0]!).toBeLessThanOrEqual(2.301);
    expect(ticks[ticks.length - 1]!).toBeGreaterThanOrEqual(2.304);
    expect(0.003 / span).toBeLessThan(0.03);
  });
});

describe('tickDecimals', () => {
  it("is the step's decimals", () => {
    expect(tickDecimals([2.24, 2.26, 2.28])).toBe(2);
    expect(tickDecimals([0, 0.5, 1])).toBe(1);
    expect(tickDecimals([0, 20, 40])).toBe(0);
    expect(tickDecimals([2.3, 2.3001])).toBe(4);
    expect(tickDecimals([7])).toBe(0);
  });
  it('labels every nice tick of a flat loss distinctly', () => {
    const ticks = niceTicks(...atLeastSpan(2.301, 2.304, 0.1));
    const labels = ticks.map((t) => t.toFixed(tickDecimals(ticks)));
    expect(new Set(labels).size).toBe(ticks.length);
    labels.forEach((l, i) => expect(Number(l)).toBeCloseTo(ticks[i]!, 12));
  });
});
