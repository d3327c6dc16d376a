/** The notes' markdown blocks: hand-written cases and a fuzz over arbitrary line soups (it never throws, never drops an item). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignTable, parseBlocks } from './markdownBlocks';

describe('parseBlocks', () => {
  it('reads headings, paragraphs, lists, code and tables', () => {
    const blocks = parseBlocks('# Title\n\nSome *text*\nrunning on.\n\n- one\n  more\n- two\n\n```\ncode\n```\n\n| a | bb |\n| --- | --- |\n| 1 | 2 |\n');
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Title' },
      { kind: 'para', text: 'Some *text* running on.' },
      { kind: 'list', ordered: false, items: ['one more', 'two'] },
      { kind: 'code', text: 'code' },
      { kind: 'table', text: 'a  bb\n-  --\n1  2' },
    ]);
  });

  it('keeps a list item indented 4 or more spaces, first or nested', () => {
    expect(parseBlocks('    - deep first\n- top\n      - nested')).toEqual([{ kind: 'list', ordered: false, items: ['deep first', 'top', 'nested'] }]);
    expect(parseBlocks('1. a\n    2. b')).toEqual([{ kind: 'list', ordered: true, items: ['a', 'b'] }]);
  });

  it('renders a table of separator rows only', () => {
    expect(alignTable(['| --- | :-: |', '|---|---|'])).toBe('-  -\n-  -');
    expect(parseBlocks('|---|')).toEqual([{ kind: 'table', text: '-' }]);
  });

  it('never throws and never drops a list item, on any mix of markdown-ish lines', () => {
    const line = fc.oneof(
      fc.constantFrom(
        '',
        '|',
        '| --- |',
        '|---|---|',
        '| a | b |',
        '```',
        '# h',
        '###### h6',
        '#nope',
        '- item',
        '* item',
        '1. item',
        '    - deep',
        '        3. deeper',
        'text',
        '  indented text',
      ),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), (lines) => {
        const blocks = parseBlocks(lines.join('\n'));
        // Outside fenced code, every list-marker line's text is some list item's start.
        let fenced = false;
        const items = blocks.flatMap((b) => (b.kind === 'list' ? b.items : []));
        for (const l of lines) {
          if (/^```/.test(l)) {
            fenced = !fenced;
            continue;
          }
          if (fenced || /^\s*\|/.test(l) || !/^\s*([-*]|\d+\.) /.test(l)) continue;
          const text = l.replace(/^\s*([-*]|\d+\.) /, '').trim();
          expect(
            items.some((it) => it.startsWith(text)),
            `item '${text}' kept`,
          ).toBe(true);
        }
      }),
      { numRuns: 500, seed: 17 },
    );
  });
});
