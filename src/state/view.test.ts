import { describe, expect, it } from 'vitest';
import { splitViewFlags } from './view';

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
});
