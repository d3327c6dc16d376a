import { describe, expect, it } from 'vitest';
import { OP_DESCRIPTIONS, OP_IDS, OP_LABELS, isOpId } from './ops';

describe('ops', () => {
  it("lists the seven custom ops, then NAS-Bench-Macro's three, in canonical order", () => {
    expect(OP_IDS).toEqual(['conv3', 'conv5', 'sep3', 'sep5', 'mb3', 'dil3', 'skip', 'id', 'mb3k3', 'mb6k5']);
  });

  it("labels every op; NAS-Bench-Macro's blocks by the benchmark's names", () => {
    expect(Object.keys(OP_LABELS).sort()).toEqual([...OP_IDS].sort());
    expect([OP_LABELS.id, OP_LABELS.mb3k3, OP_LABELS.mb6k5]).toEqual(['Identity', 'MB3_K3', 'MB6_K5']);
    expect(OP_LABELS.sep3).toBe('sep3');
  });

  it('describes every op in one line, and nothing else', () => {
    expect(Object.keys(OP_DESCRIPTIONS).sort()).toEqual([...OP_IDS].sort());
    for (const id of OP_IDS) expect(OP_DESCRIPTIONS[id]).toMatch(/^[^\n]{10,}$/);
    expect(OP_DESCRIPTIONS.conv3).toBe('ReLU → 3×3 conv → BN');
    expect(OP_DESCRIPTIONS.conv5).toBe('ReLU → 5×5 conv → BN');
    expect(OP_DESCRIPTIONS.sep5).toContain('depthwise 5×5');
    expect(OP_DESCRIPTIONS.dil3).toContain('dilation 2');
    expect(OP_DESCRIPTIONS.skip).toContain('scores 0');
    expect(OP_DESCRIPTIONS.id).toContain('scores 0');
    expect(OP_DESCRIPTIONS.mb3k3).toContain('3×3 depthwise');
    expect(OP_DESCRIPTIONS.mb6k5).toContain('expand ×6');
  });

  it('recognises op ids exactly', () => {
    expect(isOpId('sep3')).toBe(true);
    expect(isOpId('SEP3')).toBe(false);
    expect(isOpId('toString')).toBe(false);
    expect(isOpId(3)).toBe(false);
  });
});
