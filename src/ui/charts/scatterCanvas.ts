/**
 * A dense scatter drawn on a 2D canvas (thousands of points; SVG nodes would cost a layout each):
 * axes with round ticks, points coloured by a small integer class (depth), a few marked points,
 * and the legend drawn in, so a PNG of the canvas is the whole chart. Units: CSS pixels.
 */
import { viridis } from './colormap';
import { niceTicks } from './ticks';

export interface ScatterMark {
  index: number;
  label: string;
  color: string;
}
export interface ScatterData {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Colour class of each point, 0..maxClass. */
  cls: ArrayLike<number>;
  maxClass: number;
  classLabel: string;
  marks: ScatterMark[];
  xLabel: string;
  yLabel: string;
  /** Points with y below this are left out (a zoom on the dense top); default: all. */
  yMin?: number;
  /** Label size in CSS pixels (larger in presenter mode); default 11. */
  fontPx?: number;
}

/** Margins at font size f: room for tick labels and the axis titles. */
const marginsAt = (f: number) => ({ left: Math.round(f * 4.5), right: 14, bottom: Math.round(f * 3.4) });
const INK = '#5b6475';

/** Colour of class c of 0..max: viridis, stopping short of its palest yellow (unreadable on white). */
export function classColor(c: number, max: number): string {
  return viridis(max > 0 ? (0.88 * c) / max : 0);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** A stride that visits 0..n-1 once each in a scattered order, so no colour is drawn systematically on top. */
function scatterStride(n: number): number {
  let s = Math.max(1, Math.round(n * 0.618));
  while (n > 1 && gcd(s, n) !== 1) s++;
  return s;
}

function domainOf(v: ArrayLike<number>, min = -Infinity): { ticks: number[]; lo: number; hi: number } {
  let lo = Infinity,
    hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (Number.isFinite(x) && x >= min) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  }
  const ticks = niceTicks(lo, hi, 6);
  return { ticks, lo: ticks[0]!, hi: ticks[ticks.length - 1]! };
}

function tickText(t: number, ticks: number[]): string {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 1;
  return t.toFixed(Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9))));
}

type LegendItem = { kind: 'text'; text: string; x: number; y: number } | { kind: 'dot' | 'ring'; color: string; x: number; y: number };

/** Legend entries in rows across the top, wrapping where the canvas is narrow. */
function layoutLegend(ctx: CanvasRenderingContext2D, d: ScatterData, colors: string[], w: number): { items: LegendItem[]; bottom: number } {
  const M = marginsAt(d.fontPx ?? 11);
  const groups: { width: number; place: (x: number, y: number) => LegendItem[] }[] = [];
  const text = (t: string) => ({ width: ctx.measureText(t).width, place: (x: number, y: number): LegendItem[] => [{ kind: 'text', text: t, x, y }] });
  const entry = (kind: 'dot' | 'ring', color: string, t: string) => ({
    width: 14 + ctx.measureText(t).width,
    place: (x: number, y: number): LegendItem[] => [
      { kind, color, x, y },
      { kind: 'text', text: t, x: x + 13, y },
    ],
  });
  groups.push(text(d.classLabel));
  colors.forEach((c, i) => groups.push(entry('dot', c, String(i))));
  d.marks.forEach((m) => groups.push(entry('ring', m.color, m.label)));
  const items: LegendItem[] = [];
  const line = Math.round((d.fontPx ?? 11) * 1.4);
  let x = M.left,
    y = Math.round(line * 0.65);
  for (const g of groups) {
    if (x + g.width > w - M.right && x > M.left) {
      x = M.left;
      y += line;
    }
    items.push(...g.place(x, y));
    x += g.width + 9;
  }
  return { items, bottom: y + line / 2 };
}

/** Draws the chart into a context already scaled to CSS pixels; returns the number of points drawn. */
export function drawScatter(ctx: CanvasRenderingContext2D, w: number, h: number, d: ScatterData): number {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  const fontPx = d.fontPx ?? 11;
  ctx.font = `${fontPx}px system-ui, sans-serif`;
  const colors = Array.from({ length: d.maxClass + 1 }, (_, c) => classColor(c, d.maxClass));
  const legend = layoutLegend(ctx, d, colors, w);
  const M = marginsAt(fontPx);
  const yMin = d.yMin ?? -Infinity;
  const X = domainOf(d.x),
    Y = domainOf(d.y, yMin);
  const x0 = M.left,
    x1 = Math.max(x0 + 10, w - M.right),
    y0 = h - M.bottom,
    y1 = legend.bottom + 8;
  const px = (v: number) => x0 + ((v - X.lo) / (X.hi - X.lo || 1)) * (x1 - x0);
  const py = (v: number) => y0 - ((v - Y.lo) / (Y.hi - Y.lo || 1)) * (y0 - y1);

  // Grid, axes, ticks.
  ctx.lineWidth = 1;
  ctx.strokeStyle = '#e3e6ee';
  ctx.setLineDash([3, 3]);
  ctx.beginPath();
  for (const t of X.ticks) {
    ctx.moveTo(Math.round(px(t)) + 0.5, y0);
    ctx.lineTo(Math.round(px(t)) + 0.5, y1);
  }
  for (const t of Y.ticks) {
    ctx.moveTo(x0, Math.round(py(t)) + 0.5);
    ctx.lineTo(x1, Math.round(py(t)) + 0.5);
  }
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.strokeStyle = '#666';
  ctx.beginPath();
  ctx.moveTo(x0 + 0.5, y1);
  ctx.lineTo(x0 + 0.5, y0 + 0.5);
  ctx.lineTo(x1, y0 + 0.5);
  ctx.stroke();
  ctx.fillStyle = INK;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of X.ticks) ctx.fillText(tickText(t, X.ticks), px(t), y0 + 4);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of Y.ticks) ctx.fillText(tickText(t, Y.ticks), x0 - 4, py(t));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(d.xLabel, (x0 + x1) / 2, h - 2);
  ctx.save();
  ctx.translate(11, (y0 + y1) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(d.yLabel, 0, 0);
  ctx.restore();

  // Points, in a scattered order.
  const n = d.x.length,
    stride = scatterStride(n);
  let drawn = 0;
  ctx.globalAlpha = 0.75;
  // Square dots, one path per colour per round: a few dozen fills instead of 6,561 arcs (an arc each took
  // ~20 ms a draw on a software canvas). Rounds over the scattered order keep any class from always lying on top.
  const ROUNDS = 4,
    r = 1.7;
  const perRound = Math.ceil(n / ROUNDS);
  for (let round = 0, k = 0, i = 0; round < ROUNDS; round++) {
    const paths = colors.map(() => new Path2D());
    for (const end = Math.min(n, k + perRound); k < end; k++, i = (i + stride) % n) {
      const x = d.x[i]!,
        y = d.y[i]!;
      if (!Number.isFinite(x) || !Number.isFinite(y) || y < yMin) continue;
      paths[Math.min(d.maxClass, Math.max(0, d.cls[i]!))]!.rect(px(x) - r, py(y) - r, 2 * r, 2 * r);
      drawn++;
    }
    paths.forEach((path, c) => {
      ctx.fillStyle = colors[c]!;
      ctx.fill(path);
    });
  }
  ctx.globalAlpha = 1;

  // Marked points: a ring each.
  ctx.lineWidth = 2;
  for (const m of d.marks) {
    const x = d.x[m.index],
      y = d.y[m.index];
    if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y) || y < yMin) continue;
    ctx.strokeStyle = m.color;
    ctx.beginPath();
    ctx.arc(px(x), py(y), 6, 0, 2 * Math.PI);
    ctx.stroke();
  }

  // Legend along the top (laid out before the plot): the classes, then the marks.
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (const it of legend.items) {
    if (it.kind === 'text') {
      ctx.fillStyle = INK;
      ctx.fillText(it.text, it.x, it.y);
      continue;
    }
    ctx.beginPath();
    ctx.arc(it.x + 5, it.y, it.kind === 'dot' ? 4 : 5, 0, 2 * Math.PI);
    if (it.kind === 'dot') {
      ctx.fillStyle = it.color;
      ctx.fill();
    } else {
      ctx.strokeStyle = it.color;
      ctx.stroke();
    }
  }
  return drawn;
}
