import { describe, expect, it } from 'vitest';
import { parseConfig } from './url';

const parse = (extra: string) => parseConfig(`v=1&${extra}`);

describe('links from before the space key, and hostile links', () => {
  it('a link that sets ops or stages but no space means the custom space', () => {
    expect(parse('stages=8x1,16x1').config.space).toBe('custom');
    expect(parse('ops=conv3,skip').config.space).toBe('custom');
    expect(parse('space=nbmacro&stages=8x1,16x1').config.space).toBe('nbmacro');
    expect(parse('stages=8x1,16x1').warnings).toEqual([]);
  });

  it('caps unknown-key warnings: 33,000 unknown keys give 11 lines, not 33,000', () => {
    const hash = Array.from({ length: 33_000 }, (_, i) => `zz${i}=1`).join('&');
    const { warnings } = parse(hash);
    expect(warnings).toHaveLength(11);
    expect(warnings[10]).toBe('… and 32,990 more unknown keys ignored');
  });
});
