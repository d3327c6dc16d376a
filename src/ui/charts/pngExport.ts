/**
 * Chart to PNG: the chart's SVG, canvas or table drawn at 2x onto a white canvas, under a title
 * and over a caption line (the config hash, so the image says which run it shows). Units: CSS pixels.
 */

const SCALE = 2;
const PAD = 12;
const TITLE_PX = 15;
const CAPTION_PX = 10;
const INK = '#1d2433',
  MUTED = '#5b6475';

interface Source {
  draw(ctx: CanvasRenderingContext2D): void;
  width: number;
  height: number;
}

/** An SVG rendered through an <img>; text gets its computed font inlined (recharts' comes from CSS, which the image would lose). */
async function svgSource(svg: SVGSVGElement): Promise<Source> {
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const from = svg.querySelectorAll('text'),
    to = clone.querySelectorAll('text');
  from.forEach((t, i) => {
    const cs = getComputedStyle(t),
      c = to[i];
    if (!c) return;
    c.style.fontSize = cs.fontSize;
    c.style.fontFamily = cs.fontFamily;
    c.style.fontWeight = cs.fontWeight;
    c.style.fill = cs.fill;
  });
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('could not render the chart'));
      img.src = url;
    });
    const legend = legendItems(svg);
    return {
      width,
      height,
      draw: (ctx) => {
        ctx.drawImage(img, 0, 0, width, height);
        legend(ctx);
      },
    };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** recharts draws its legend as HTML over the SVG: each item redrawn where it sits (a swatch in its colour, then its text). */
function legendItems(svg: SVGSVGElement): (ctx: CanvasRenderingContext2D) => void {
  const origin = svg.getBoundingClientRect();
  const items = Array.from(svg.parentElement?.querySelectorAll<HTMLElement>('.recharts-legend-item') ?? []).map((item) => {
    const label = item.querySelector<HTMLElement>('.recharts-legend-item-text');
    const icon = item.querySelector('svg');
    const r = (label ?? item).getBoundingClientRect(),
      ir = (icon ?? item).getBoundingClientRect();
    const cs = getComputedStyle(label ?? item);
    return {
      text: (label?.textContent ?? '').trim(),
      color: cs.color,
      font: `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`,
      x: r.left - origin.left,
      y: r.top - origin.top + r.height / 2,
      ix: ir.left - origin.left,
      iw: ir.width,
    };
  });
  return (ctx) => {
    for (const it of items) {
      ctx.strokeStyle = it.color;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.moveTo(it.ix, it.y);
      ctx.lineTo(it.ix + it.iw, it.y);
      ctx.stroke();
      ctx.fillStyle = it.color;
      ctx.font = it.font;
      ctx.textBaseline = 'middle';
      ctx.textAlign = 'left';
      ctx.fillText(it.text, it.x, it.y);
    }
  };
}

function canvasSource(canvas: HTMLCanvasElement): Source {
  const { width, height } = canvas.getBoundingClientRect();
  return { width, height, draw: (ctx) => ctx.drawImage(canvas, 0, 0, width, height) };
}

const painted = (c: string) => c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c);

/** A table (the heatmap) and a `.legend` line beside it, redrawn cell by cell from their computed styles. */
function tableSource(root: HTMLElement, table: HTMLTableElement): Source {
  const origin = root.getBoundingClientRect();
  const legend = root.querySelector<HTMLElement>('.legend');
  const bottom = Math.max(table.getBoundingClientRect().bottom, legend?.getBoundingClientRect().bottom ?? 0);
  const box = (el: Element) => {
    const r = el.getBoundingClientRect();
    return { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height };
  };
  const text = (ctx: CanvasRenderingContext2D, el: HTMLElement, content: string, r: { x: number; y: number; w: number; h: number }) => {
    const cs = getComputedStyle(el);
    ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    ctx.fillStyle = cs.color;
    ctx.textBaseline = 'middle';
    const align = cs.textAlign === 'left' || cs.textAlign === 'start' ? 'left' : cs.textAlign === 'right' ? 'right' : 'center';
    ctx.textAlign = align;
    ctx.fillText(content, align === 'left' ? r.x + 3 : align === 'right' ? r.x + r.w - 3 : r.x + r.w / 2, r.y + r.h / 2, r.w);
  };
  return {
    width: Math.max(table.getBoundingClientRect().width, legend?.getBoundingClientRect().width ?? 0),
    height: bottom - origin.top,
    draw: (ctx) => {
      for (const cell of Array.from(table.querySelectorAll<HTMLElement>('th, td'))) {
        if (cell.closest('caption') || cell.classList.contains('sr-only')) continue;
        const r = box(cell),
          cs = getComputedStyle(cell);
        const bg = cs.backgroundColor;
        const inner = cell.querySelector<HTMLElement>('.nobn');
        if (painted(bg) || inner) {
          ctx.fillStyle = painted(bg) ? bg : '#eceff4';
          ctx.beginPath();
          ctx.roundRect(r.x, r.y, r.w, r.h, 4);
          ctx.fill();
        }
        const bw = parseFloat(cs.borderTopWidth);
        if (bw > 0 && painted(cs.borderTopColor)) {
          ctx.strokeStyle = cs.borderTopColor;
          ctx.lineWidth = bw;
          ctx.beginPath();
          ctx.roundRect(r.x + bw / 2, r.y + bw / 2, r.w - bw, r.h - bw, 4);
          ctx.stroke();
        }
        text(ctx, inner ?? cell, (cell.textContent ?? '').trim(), r);
      }
      if (!legend) return;
      for (const el of Array.from(legend.children) as HTMLElement[]) {
        const r = box(el);
        if (el.classList.contains('legend-bar')) {
          const stops = el.style.background.match(/rgba?\([^)]*\)/g) ?? [];
          const g = ctx.createLinearGradient(r.x, 0, r.x + r.w, 0);
          stops.forEach((c, i) => g.addColorStop(stops.length > 1 ? i / (stops.length - 1) : 0, c));
          ctx.fillStyle = g;
          ctx.fillRect(r.x, r.y, r.w, r.h);
        } else text(ctx, el, (el.textContent ?? '').trim(), r);
      }
    },
  };
}

/** The chart inside `target`: a recharts surface, else the first SVG, else a canvas, else a table. */
async function sourceOf(target: HTMLElement): Promise<Source | null> {
  const svg = target.querySelector<SVGSVGElement>('.recharts-wrapper > svg') ?? target.querySelector<SVGSVGElement>('svg');
  if (svg) return svgSource(svg);
  const canvas = target.querySelector('canvas');
  if (canvas) return canvasSource(canvas);
  const table = target.querySelector('table');
  return table ? tableSource(target, table) : null;
}

/** Breaks `text` into lines no wider than `width`, at '&' where it can (a config hash), else anywhere. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const parts = text.split(/(?<=&)/);
  const lines: string[] = [];
  let line = '';
  for (const p of parts) {
    if (line && ctx.measureText(line + p).width > width) {
      lines.push(line);
      line = '';
    }
    line += p;
  }
  if (line) lines.push(line);
  return lines;
}

/** The chart in `target` as a PNG under `title`, with `caption` (the config hash) wrapped below it; null when there is nothing to draw. */
export async function chartPng(target: HTMLElement, title: string, caption: string): Promise<Blob | null> {
  const src = await sourceOf(target);
  if (!src || src.width === 0 || src.height === 0) return null;
  const width = Math.ceil(src.width + 2 * PAD);
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = `${CAPTION_PX}px ui-monospace, monospace`;
  const lines = wrap(measure, caption, width - 2 * PAD);
  const titleH = TITLE_PX + 12,
    captionH = lines.length * (CAPTION_PX + 4) + 8;
  const height = Math.ceil(PAD + titleH + src.height + captionH + PAD / 2);
  const canvas = document.createElement('canvas');
  canvas.width = width * SCALE;
  canvas.height = height * SCALE;
  const ctx = canvas.getContext('2d')!;
  ctx.scale(SCALE, SCALE);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = INK;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  // A long title shrinks to fit the chart's width (down to 10 px) rather than being squeezed.
  let titlePx = TITLE_PX;
  do {
    ctx.font = `600 ${titlePx}px system-ui, sans-serif`;
  } while (ctx.measureText(title).width > width - 2 * PAD && --titlePx > 10);
  ctx.fillText(title, PAD, PAD, width - 2 * PAD);
  ctx.save();
  ctx.translate(PAD, PAD + titleH);
  src.draw(ctx);
  ctx.restore();
  ctx.fillStyle = MUTED;
  ctx.font = `${CAPTION_PX}px ui-monospace, monospace`;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  lines.forEach((l, i) => ctx.fillText(l, PAD, PAD + titleH + src.height + 8 + i * (CAPTION_PX + 4)));
  return new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
}
