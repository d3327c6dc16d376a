import { describe, expect, it } from 'vitest';
import { HAND_BACK_BYTES, heapPlan } from './heap';

const GB = 1024 ** 3;

describe('handing a grown WASM heap back', () => {
  it('leaves a heap under the limit, and other backends, alone', () => {
    expect(heapPlan(HAND_BACK_BYTES - 1, 0, false).kind).toBe('none');
    expect(heapPlan(null, 0, false).kind).toBe('none');
  });

  it('restarts the worker past the limit when it holds nothing that would be lost', () => {
    const plan = heapPlan(3.5 * GB, 0, false);
    expect(plan.kind).toBe('restart');
    if (plan.kind !== 'none') expect(plan.notice).toContain('3.50 GB');
  });

  it("only advises when a restart would lose the user's files or retrained weights, and names what", () => {
    const files = heapPlan(2 * GB, 0, true);
    expect(files.kind).toBe('advise');
    if (files.kind !== 'none') expect(files.notice).toMatch(/CIFAR-10 files/);
    const weights = heapPlan(2 * GB, 3, false);
    expect(weights.kind).toBe('advise');
    if (weights.kind !== 'none') {
      expect(weights.notice).toContain('the 3 networks you retrained');
      expect(weights.notice).not.toMatch(/CIFAR-10 files/);
    }
    const both = heapPlan(2 * GB, 1, true);
    if (both.kind !== 'none') expect(both.notice).toMatch(/CIFAR-10 files .* and the network you retrained \(kept for download\)/);
  });

  it("speaks of memory, a reload and downloads, never of the engine's internals", () => {
    for (const plan of [heapPlan(1.11 * GB, 5, false), heapPlan(1.11 * GB, 0, true), heapPlan(1.11 * GB, 0, false)]) {
      if (plan.kind === 'none') throw new Error('expected a plan');
      expect(plan.notice).toContain('1.11 GB of memory');
      expect(plan.notice).not.toMatch(/WebAssembly|heap|worker|subnet|weights/i);
    }
  });
});
