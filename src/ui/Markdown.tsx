import type { ReactNode } from 'react';

/**
 * A minimal markdown render for the project's notes (docs/recipe.md), no dependency: headings, paragraphs,
 * lists, fenced code, and tables as aligned preformatted text; inline `code`, **bold** and *italic*.
 */

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'code'; text: string }
  | { kind: 'table'; text: string };

/** Strips inline markup from a table cell (tables are shown as plain text). */
const plain = (s: string) => s.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/\*([^*]+)\*/g, '$1').replace(/`([^`]+)`/g, '$1');

/** A pipe table as columns padded to their widths (the separator row becomes a rule). */
export function alignTable(lines: string[]): string {
  const rows = lines.map((l) => l.trim().replace(/^\||\|$/g, '').split('|').map((c) => plain(c.trim())));
  const isRule = (r: string[]) => r.every((c) => /^:?-+:?$/.test(c));
  const cols = Math.max(...rows.map((r) => r.length));
  const width = Array.from({ length: cols }, (_, i) => Math.max(...rows.filter((r) => !isRule(r)).map((r) => (r[i] ?? '').length)));
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
      out.push({ kind: 'code', text: body.join('\n') }); i++;
    } else if (/^#{1,6} /.test(line)) {
      const m = /^(#+) (.*)$/.exec(line)!;
      out.push({ kind: 'heading', level: m[1]!.length, text: m[2]! }); i++;
    } else if (/^\s*\|/.test(line)) {
      const body: string[] = [];
      for (; i < lines.length && /^\s*\|/.test(lines[i]!); i++) body.push(lines[i]!);
      out.push({ kind: 'table', text: alignTable(body) });
    } else if (/^\s*([-*]|\d+\.) /.test(line)) {
      const ordered = /^\s*\d+\. /.test(line);
      const items: string[] = [];
      // An item runs on over its indented continuation lines, up to a blank line or the next item.
      for (; i < lines.length && lines[i]!.trim() !== ''; i++) {
        const l = lines[i]!;
        if (/^\s*([-*]|\d+\.) /.test(l) && !/^\s{4,}/.test(l)) items.push(l.replace(/^\s*([-*]|\d+\.) /, ''));
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

/** Inline markup: `code`, **bold**, *italic*. */
function inline(text: string): ReactNode[] {
  return text.split(/(`[^`]+`|\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/).map((part, i) => {
    if (/^`.*`$/.test(part)) return <code key={i}>{part.slice(1, -1)}</code>;
    if (/^\*\*.*\*\*$/.test(part)) return <b key={i}>{inline(part.slice(2, -2))}</b>;
    if (/^\*.*\*$/.test(part) && part.length > 2) return <i key={i}>{part.slice(1, -1)}</i>;
    return part;
  });
}

/** Renders `source`; its headings start at `<h{base}>` (nested under the panel's own heading). */
export function Markdown({ source, base = 3 }: { source: string; base?: number }) {
  return (
    <div className="markdown">
      {parseBlocks(source).map((b, i) => {
        switch (b.kind) {
          case 'heading': {
            const H = `h${Math.min(6, base + b.level - 1)}` as 'h3';
            return <H key={i}>{inline(b.text)}</H>;
          }
          case 'para': return <p key={i}>{inline(b.text)}</p>;
          case 'list': {
            const L = b.ordered ? 'ol' : 'ul';
            return <L key={i}>{b.items.map((t, j) => <li key={j}>{inline(t)}</li>)}</L>;
          }
          case 'code': return <pre key={i} className="md-code"><code>{b.text}</code></pre>;
          case 'table': return <pre key={i} className="md-table">{b.text}</pre>;
        }
      })}
    </div>
  );
}
