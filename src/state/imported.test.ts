import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/schema';
import { retrainBlocked, trainedWithLine } from './imported';

describe('an imported run', () => {
  it('says where it trained, in one line', () => {
    expect(trainedWithLine({ framework: 'pytorch', torch: '2.4.1+cu121', device: 'NVIDIA H200', processes: 1, steps: 2970, width: 1, amp: true })).toBe(
      'Trained in PyTorch 2.4.1+cu121 on NVIDIA H200 (AMP), 1 process, 2,970 steps, width 1',
    );
    expect(trainedWithLine({ framework: 'pytorch', device: 'CPU', processes: 4, steps: 30, width: null })).toBe(
      'Trained in PyTorch on CPU, 4 processes, 30 steps',
    );
  });

  it('retrains on the built-in or generated images, never on files the page cannot match', () => {
    const imported = { framework: 'pytorch', device: 'CPU', processes: 1, steps: 8, width: 0.125, file: 'report.json' };
    expect(retrainBlocked(imported, { ...DEFAULT_CONFIG, data: 'builtin' })).toBeNull();
    expect(retrainBlocked(imported, { ...DEFAULT_CONFIG, data: 'generated' })).toBeNull();
    expect(retrainBlocked(imported, { ...DEFAULT_CONFIG, data: 'cifar10' })).toMatch(/cannot tell which files/);
    // A run of this page's own on the user's files retrains as before.
    expect(retrainBlocked(null, { ...DEFAULT_CONFIG, data: 'cifar10' })).toBeNull();
  });
});
