import { describe, expect, it } from 'vitest';
import { PROXIES, PROXY_NAMES, type ProxyScores } from '../../../engine/stats';
import type { RetrainOutcome } from '../../../engine/session';
import { retrainCsvTable } from './retrainCsv';

// A distinct value for every proxy, so a column shifted onto its neighbour shows.
const proxies = Object.fromEntries(PROXY_NAMES.map((p, i) => [p, 1000 + i])) as ProxyScores;
const outcome: RetrainOutcome = {
  path: '0-1',
  ops: ['conv3', 'skip'],
  score: 0.5,
  accuracy: 0.6,
  accuracies: [0.55, 0.65],
  epochs: 2,
  seconds: 3,
  curve: [0.6],
  flops: proxies.flops,
  params: proxies.params,
  proxies,
};

describe('retrain CSV', () => {
  const { header, rows } = retrainCsvTable([outcome, outcome]);

  it('has one column per proxy of the table, each holding that proxy', () => {
    for (const { name } of PROXIES) {
      expect(
        header.filter((h) => h === name),
        name,
      ).toHaveLength(1);
      for (const row of rows) expect(row[header.indexOf(name)], name).toBe(proxies[name]);
    }
  });

  it('has every row as wide as its header', () => {
    for (const row of rows) expect(row).toHaveLength(header.length);
  });
});
