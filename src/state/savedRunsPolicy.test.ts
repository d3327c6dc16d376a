import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, runIdentity } from '../config';
import { evictions, sameRunUnderNewKeys, type SavedRunMeta } from './savedRunsPolicy';

const at = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();

describe('evictions', () => {
  it('keeps the newest N and every run with retrains (up to their own cap), deletes the rest', () => {
    // 60 runs, run i saved at minute i; runs 3 and 7 (old) hold retrains.
    const records: SavedRunMeta[] = Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, savedAt: at(i), retrained: i === 3 || i === 7 ? 2 : 0 }));
    const gone = evictions(records, 50);
    // Brute force: the newest 50 are minutes 10..59; kept besides them: 3 and 7.
    const want = records.filter((r) => r.savedAt < at(10) && r.retrained === 0).map((r) => r.key);
    expect(new Set(gone)).toEqual(new Set(want));
    expect(gone).toHaveLength(8);
    // The cap on runs with retrains: with room for 1, the older one (3) goes too.
    expect(new Set(evictions(records, 50, 1))).toEqual(new Set([...want, 'k3']));
  });

  it('deletes nothing at or under the limit', () => {
    expect(
      evictions(
        Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, savedAt: at(i), retrained: 0 })),
        50,
      ),
    ).toEqual([]);
  });
});

describe('sameRunUnderNewKeys', () => {
  const now = `${runIdentity(DEFAULT_CONFIG)}|builtin:cifar10-4000.pack`;
  // The same run under a table that did not have `aug` yet (its default, none, is what ran before it existed).
  const before = now.replace(/&aug=[^&|]*/, '');

  it('finds a record saved before a key with a default was added', () => {
    expect(before).not.toBe(now);
    expect(sameRunUnderNewKeys(before, now)).toBe(true);
  });

  it('never matches another run, other images, or the key itself', () => {
    const otherSeed = before.replace(/seed=\d+/, 'seed=999');
    expect(sameRunUnderNewKeys(otherSeed, now)).toBe(false);
    expect(sameRunUnderNewKeys(before.replace('builtin:cifar10-4000.pack', 'cifar10:abc'), now)).toBe(false);
    expect(sameRunUnderNewKeys(now, now)).toBe(false);
    expect(sameRunUnderNewKeys('junk', now)).toBe(false);
  });
});
