import type { ReactNode } from 'react';
import { parseBlocks } from './markdownBlocks';

/**
 * A minimal markdown render for the project's notes (docs/recipe.md), no dependency: the blocks of
 * markdownBlocks.ts; inline `code`, **bold** and *italic*.
 */

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
          case 'para':
            return <p key={i}>{inline(b.text)}</p>;
          case 'list': {
            const L = b.ordered ? 'ol' : 'ul';
            return (
              <L key={i}>
                {b.items.map((t, j) => (
                  <li key={j}>{inline(t)}</li>
                ))}
              </L>
            );
          }
          case 'code':
            return (
              <pre key={i} className="md-code">
                <code>{b.text}</code>
              </pre>
            );
          case 'table':
            return (
              <pre key={i} className="md-table">
                {b.text}
              </pre>
            );
        }
      })}
    </div>
  );
}
