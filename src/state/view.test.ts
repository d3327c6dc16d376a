import { describe, expect, it } from 'vitest';
import { PANELS, splitViewFlags } from './view';

describe('view flags from a link', () => {
  it('a 100 KB hide= value gives a few short warnings, not the value echoed whole', () => {
    const junk = Array.from({ length: 5000 }, (_, i) => `zz${i}xxxxxxxxxxxxxxx`).join(',');
    const { warnings } = splitViewFlags(`hide=${junk}&hide=${'y'.repeat(100_000)}`);
    expect(warnings.length).toBeLessThanOrEqual(8);
    for (const w of warnings) expect(w.length).toBeLessThan(200);
  });

  it('hides the benchmark panels by name, like every other panel', () => {
    expect(splitViewFlags('hide=truth,outcome,proxies,about').view.hide).toEqual(['truth', 'outcome', 'proxies', 'about']);
  });

  it('hides every panel of the panel table by its key, with no warning', () => {
    const { view, warnings } = splitViewFlags(`hide=${PANELS.join(',')}`);
    expect(view.hide).toEqual([...PANELS]);
    expect(warnings).toEqual([]);
  });
});

describe('present= and autorun= from a hostile link', () => {
  it('a 100,000-character value warns once, shortened; a key repeated 70 times warns once', () => {
    const { warnings } = splitViewFlags(`present=${'x'.repeat(100_000)}&autorun=${'y'.repeat(100_000)}`);
    expect(warnings).toHaveLength(2);
    for (const w of warnings) expect(w.length).toBeLessThan(100);
    const repeated = splitViewFlags(Array.from({ length: 70 }, (_, i) => `present=bad${i}`).join('&'));
    expect(repeated.warnings).toEqual(['present=bad0 is not 0 or 1; using 0']);
  });

  it('unknown hide= names are capped over every hide key of the link', () => {
    const { warnings } = splitViewFlags(Array.from({ length: 20 }, (_, i) => `hide=nope${i}`).join('&'));
    expect(warnings).toHaveLength(4);
    expect(warnings[3]).toMatch(/and 17 more/);
  });
});
