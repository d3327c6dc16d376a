import { describe, expect, it } from 'vitest';
import { isIntKey, optionsOf, rangeOf } from './limits';
import { CONFIG_FIELDS } from './schema';

describe('UI limits from the table', () => {
  it("a number key's range is the table's, and a non-number key throws", () => {
    expect(rangeOf('rseeds')).toEqual({ min: 1, max: 5 });
    expect(rangeOf('width')).toEqual({ min: 0.125, max: 1 });
    expect(() => rangeOf('space')).toThrow(/not a number/);
    expect(isIntKey('epochs')).toBe(true);
    expect(isIntKey('lr')).toBe(false);
  });

  it("an enum's options are the table's values in the labels' order, labelled", () => {
    expect(optionsOf('space', { nbmacro: 'NAS-Bench-Macro', custom: 'Custom' })).toEqual([
      { value: 'nbmacro', label: 'NAS-Bench-Macro' },
      { value: 'custom', label: 'Custom' },
    ]);
    const backends = optionsOf('backend', { auto: 'a', webgpu: 'g', webgl: 'l', wasm: 'w', cpu: 'c' }).map((o) => o.value);
    expect(backends).toEqual(['auto', 'webgpu', 'webgl', 'wasm', 'cpu']);
    const limits = CONFIG_FIELDS.backend.limits;
    expect(limits.kind === 'enum' && [...limits.values].sort()).toEqual([...backends].sort());
    expect(() => optionsOf('seed' as 'space', { nbmacro: '', custom: '' })).toThrow(/not an enum/);
  });
});
