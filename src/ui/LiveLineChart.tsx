import { memo, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { niceTicks } from './ticks';

/**
 * A small SVG line chart for the charts that update while training. recharts re-rendered
 * the two epoch charts in one 60-120 ms main-thread task at every epoch end (its internal
 * store, selectors and layout reads); this draws the same few dozen points in well under 5 ms.
 * Colours and fonts are SVG attributes, not CSS, so the PNG export (PngButton) keeps them.
 */

export interface Series { key: string; name: string; color: string; axis?: 'left' | 'right'; connectNulls?: boolean }
export interface Axis { domain: [number, number] | 'auto'; width: number; unit?: string; format?: (v: number) => string }
export type Row = { x: number } & Record<string, number | null>;

interface Props {
  data: Row[]; series: Series[]; height: number; left: Axis; right?: Axis;
  xLabel?: string; refY?: number; legend?: boolean; label: string;
}

const FONT = { fontFamily: 'system-ui, sans-serif', fontSize: 11, fill: '#5b6475' };
const MARGIN = { top: 8, right: 16, bottom: 22 };
const LEGEND_H = 20;

function axisTicks(axis: Axis, values: number[]): number[] {
  if (axis.domain !== 'auto') {
    const [lo, hi] = axis.domain;
    return niceTicks(lo, hi, 5).filter((t) => t >= lo - 1e-9 && t <= hi + 1e-9);
  }
  return values.length ? niceTicks(Math.min(...values), Math.max(...values)) : [0, 0.25, 0.5, 0.75, 1];
}

/** Width of `ref`'s box in CSS pixels, following resizes. */
export function useWidth(ref: RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    // Re-renders only when the box really changes size (window resize, presenter mode), never per data update.
    const ro = new ResizeObserver(([e]) => setWidth(Math.round(e!.contentRect.width)));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}

export const LiveLineChart = memo(function LiveLineChart({ data, series, height, left, right, xLabel, refY, legend = true, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const plotH = height - MARGIN.top - MARGIN.bottom - (legend ? LEGEND_H : 0);
  const x0 = left.width, x1 = Math.max(x0 + 10, width - (right ? right.width : MARGIN.right));
  const valuesOf = (side: 'left' | 'right') => series.filter((s) => (s.axis ?? 'left') === side)
    .flatMap((s) => data.map((d) => d[s.key])).filter((v): v is number => v != null && Number.isFinite(v));
  const lt = axisTicks(left, valuesOf('left'));
  const rt = right ? axisTicks(right, valuesOf('right')) : [];
  const yOf = (ticks: number[]) => (v: number) => MARGIN.top + plotH * (1 - (v - ticks[0]!) / (ticks[ticks.length - 1]! - ticks[0]! || 1));
  const yl = yOf(lt), yr = right ? yOf(rt) : yl;
  const xs = data.map((d) => d.x);
  const xmin = xs.length ? Math.min(...xs) : 1, xmax = xs.length ? Math.max(...xs) : 1;
  // One point sits in the middle; more spread over the plot with half a step of padding, like a category axis.
  const pad = xmax > xmin ? (xmax - xmin) / Math.max(1, xs.length - 1) / 2 : 1;
  const xOf = (v: number) => x0 + ((v - (xmin - pad)) / (xmax - xmin + 2 * pad)) * (x1 - x0);
  const xt = xmax - xmin <= 12 ? xs : niceTicks(xmin, xmax).filter((t) => t >= xmin && t <= xmax && Number.isInteger(t));
  const fmt = (a: Axis) => (v: number) => `${a.format ? a.format(v) : String(v)}${a.unit ?? ''}`;
  const bottom = MARGIN.top + plotH;

  return (
    <div ref={box} style={{ width: '100%', height }}>
      {width > 0 && (
        <svg width={width} height={height} role="img" aria-label={label}>
          <g stroke="#ccc" strokeDasharray="3 3">
            {lt.map((t) => <line key={`h${t}`} x1={x0} x2={x1} y1={yl(t)} y2={yl(t)} />)}
            {xt.map((t) => <line key={`v${t}`} x1={xOf(t)} x2={xOf(t)} y1={MARGIN.top} y2={bottom} />)}
          </g>
          {refY != null && <line x1={x0} x2={x1} y1={yl(refY)} y2={yl(refY)} stroke="#999" />}
          <g stroke="#666" fill="none">
            <line x1={x0} x2={x1} y1={bottom} y2={bottom} />
            <line x1={x0} x2={x0} y1={MARGIN.top} y2={bottom} />
            {right && <line x1={x1} x2={x1} y1={MARGIN.top} y2={bottom} />}
          </g>
          <g {...FONT}>
            {lt.map((t) => <text key={t} x={x0 - 4} y={yl(t)} textAnchor="end" dominantBaseline="middle">{fmt(left)(t)}</text>)}
            {right && rt.map((t) => <text key={t} x={x1 + 4} y={yr(t)} dominantBaseline="middle">{fmt(right)(t)}</text>)}
            {xt.map((t) => <text key={t} x={xOf(t)} y={bottom + 14} textAnchor="middle">{t}</text>)}
            {xLabel && <text x={x1 - 2} y={bottom - 4} textAnchor="end">{xLabel}</text>}
          </g>
          {series.map((s) => {
            const y = s.axis === 'right' ? yr : yl;
            const pts = data.map((d) => ({ x: d.x, v: d[s.key] })).filter((p) => s.connectNulls ? p.v != null : true);
            // A null breaks the line unless the series connects across gaps.
            let path = '', pen = false;
            for (const p of pts) {
              if (p.v == null || !Number.isFinite(p.v)) { pen = false; continue; }
              path += `${pen ? 'L' : 'M'}${xOf(p.x).toFixed(1)},${y(p.v).toFixed(1)}`; pen = true;
            }
            return (
              <g key={s.key} data-series={s.key}>
                <path d={path} fill="none" stroke={s.color} strokeWidth={1.5} />
                {pts.filter((p) => p.v != null && Number.isFinite(p.v)).map((p) => (
                  <circle key={p.x} cx={xOf(p.x)} cy={y(p.v!)} r={3} fill="#fff" stroke={s.color} strokeWidth={1.5}>
                    <title>{`${xLabel ?? 'x'} ${p.x} · ${s.name} ${p.v}`}</title>
                  </circle>
                ))}
              </g>
            );
          })}
          {legend && (
            <g {...FONT} transform={`translate(${x0},${height - 6})`}>
              {series.map((s, i) => (
                // Each entry's offset follows the names before it (~6.5 px per character at 11 px), so long names never overlap.
                <g key={s.key} transform={`translate(${series.slice(0, i).reduce((a, p) => a + 34 + p.name.length * 6.5, 0)},0)`}>
                  <line x1={0} x2={14} y1={-4} y2={-4} stroke={s.color} strokeWidth={2} />
                  <text x={18} y={0} fill={s.color}>{s.name}</text>
                </g>
              ))}
            </g>
          )}
        </svg>
      )}
    </div>
  );
});
