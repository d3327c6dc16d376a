/**
 * The block structure of the project's markdown notes (docs/recipe.md): headings, paragraphs, lists,
 * fenced code, and pipe tables as aligned preformatted text. Total over any input (fuzzed in its test).
 */

export type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'code'; text: string }
  | { kind: 'table'; text: string };

/** Strips inline markup from a table cell (tables are shown as plain text). */
const plain = (s: string) =>
  s
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\*([^*]+)\*/g, '$1')
    .replace(/`([^`]+)`/g, '$1');

/** A pipe table as columns padded to their widths (the separator row becomes a rule). */
export function alignTable(lines: string[]): string {
  const rows = lines.map((l) =>
    l
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => plain(c.trim())),
  );
  const isRule = (r: string[]) => r.every((c) => /^:?-+:?$/.test(c));
  const cols = Math.max(...rows.map((r) => r.length));
  // At least 1 wide: a table of separator rows only has no cell to measure.
  const width = Array.from({ length: cols }, (_, i) => Math.max(1, ...rows.filter((r) => !isRule(r)).map((r) => (r[i] ?? '').length)));
  return rows.map((r) => (isRule(r) ? width.map((w) => '-'.repeat(w)) : width.map((w, i) => (r[i] ?? '').padEnd(w))).join('  ').trimEnd()).join('\n');
}

export function parseBlocks(md: string): Block[] {
  const lines = md.replace(/\r\n/g, '\n').split('\n');
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (/^```/.test(line)) {
      const body: string[] = [];
      for (i++; i < lines.length && !/^```/.test(lines[i]!); i++) body.push(lines[i]!);
      out.push({ kind: 'code', text: body.join('\n') });
      i++;
    } else if (/^#{1,6} /.test(line)) {
      const m = /^(#+) (.*)$/.exec(line)!;
      out.push({ kind: 'heading', level: m[1]!.length, text: m[2]! });
      i++;
    } else if (/^\s*\|/.test(line)) {
      const body: string[] = [];
      for (; i < lines.length && /^\s*\|/.test(lines[i]!); i++) body.push(lines[i]!);
      out.push({ kind: 'table', text: alignTable(body) });
    } else if (/^\s*([-*]|\d+\.) /.test(line)) {
      const ordered = /^\s*\d+\. /.test(line);
      const items: string[] = [];
      // An item runs on over its continuation lines, up to a blank line or the next item; a nested
      // item (indented further) is shown as an item of this list, never dropped.
      for (; i < lines.length && lines[i]!.trim() !== ''; i++) {
        const l = lines[i]!;
        if (/^\s*([-*]|\d+\.) /.test(l) || items.length === 0) items.push(l.replace(/^\s*([-*]|\d+\.) /, '').trim());
        else items[items.length - 1] += ` ${l.trim()}`;
      }
      out.push({ kind: 'list', ordered, items });
    } else if (line.trim() === '') i++;
    else {
      const body: string[] = [];
      for (; i < lines.length && lines[i]!.trim() !== '' && !/^(#{1,6} |```|\s*\||\s*([-*]|\d+\.) )/.test(lines[i]!); i++) body.push(lines[i]!.trim());
      out.push({ kind: 'para', text: body.join(' ') });
    }
  }
  return out;
}
