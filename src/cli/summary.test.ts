import { describe, expect, it } from 'vitest';
import { formatScoreTable } from './summary';

/** Where each cell of a table line ends (its last non-space character + 1). */
function rightEdges(line: string): number[] {
  return [...line.matchAll(/\S+/g)].map((m) => m.index! + m[0].length);
}

describe('the score table of the summary', () => {
  it('keeps every column apart and aligned under its op, however wide the numbers', () => {
    const ops = ['conv3', 'sep3', 'a_long_op_name'];
    const scores = [
      [123456789.5, 0.25, 1],
      [1e21, -3.5, 0],
      [0.5, 77777.125, 2],
    ];
    const lines = formatScoreTable(ops, scores);
    expect(lines).toHaveLength(4);
    expect(lines[0]!.trim().split(/\s+/)).toEqual(['layer', ...ops]);
    lines.slice(1).forEach((line, l) => {
      // Each row parses back into its layer and its numbers: nothing ran together.
      expect(line.trim().split(/\s+/).map(Number)).toEqual([l, ...scores[l]!.map((v) => Number(v.toFixed(4)))]);
      expect(rightEdges(line)).toEqual(rightEdges(lines[0]!));
    });
  });

  it('non-finite scores stay apart too', () => {
    const lines = formatScoreTable(
      ['conv3', 'conv5'],
      [
        [Infinity, NaN],
        [-Infinity, 1],
      ],
    );
    expect(lines[1]!.trim().split(/\s+/)).toEqual(['0', 'Infinity', 'NaN']);
    expect(lines[2]!.trim().split(/\s+/)).toEqual(['1', '-Infinity', '1.0000']);
  });

  it('ordinary scores keep the 8-wide columns the summary always had', () => {
    expect(formatScoreTable(['conv3', 'sep3'], [[0.1234, 1.5]])).toEqual(['layer    conv3    sep3', '    0   0.1234  1.5000']);
  });
});
