import { memo, useLayoutEffect, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { useStore } from '../../state/store';
import { atLeastSpan, niceTicks, tickDecimals } from './ticks';

/**
 * A small SVG line chart for the charts that update while training. recharts re-rendered
 * the two epoch charts in one 60-120 ms main-thread task at every epoch end (its internal
 * store, selectors and layout reads); this draws the same few dozen points in well under 5 ms.
 * Colours and fonts are SVG attributes, not CSS, so the PNG export (PngButton) keeps them.
 * Presenter mode enlarges the labels (and the margins that hold them). Hovering anywhere over
 * the plot shows the nearest epoch's values in a tooltip (HTML, so it never lands in a PNG).
 */

export interface Series {
  key: string;
  name: string;
  color: string;
  axis?: 'left' | 'right';
  connectNulls?: boolean;
}
export interface Axis {
  domain: [number, number] | 'auto';
  width: number;
  unit?: string;
  /** A value as the tooltip shows it. */
  format?: (v: number) => string;
  /** An 'auto' axis spans at least this much, however flat the data. */
  minSpan?: number;
  /** A tick label, given the decimals the tick step needs (default: `format`). */
  tickFormat?: (v: number, decimals: number) => string;
}
export type Row = { x: number } & Record<string, number | null>;

interface Props {
  data: Row[];
  series: Series[];
  height: number;
  left: Axis;
  right?: Axis;
  xLabel?: string;
  refY?: number;
  legend?: boolean;
  label: string;
}

const FONT = { fontFamily: 'system-ui, sans-serif', fill: '#5b6475' };
/** Label size in px: 11, and 15 in presenter mode (the page's text grows 14 → 18 px there). */
const FONT_PX = { normal: 11, present: 15 };
const MARGIN = { top: 8, right: 16, bottom: 22 };
const LEGEND_H = 20;

function axisTicks(axis: Axis, values: number[]): number[] {
  if (axis.domain !== 'auto') {
    const [lo, hi] = axis.domain;
    return niceTicks(lo, hi, 5).filter((t) => t >= lo - 1e-9 && t <= hi + 1e-9);
  }
  if (!values.length) return [0, 0.25, 0.5, 0.75, 1];
  const [lo, hi] = atLeastSpan(Math.min(...values), Math.max(...values), axis.minSpan ?? 0);
  return niceTicks(lo, hi);
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

export const LiveLineChart = memo(function LiveLineChart({ data, series, height: baseHeight, left, right, xLabel, refY, legend = true, label }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const present = useStore((s) => s.view.present);
  const [hover, setHover] = useState<number | null>(null);
  const fontPx = present ? FONT_PX.present : FONT_PX.normal;
  const k = fontPx / FONT_PX.normal;
  const bottomM = Math.round(MARGIN.bottom * k),
    legendH = Math.round(LEGEND_H * k);
  const height = Math.round(baseHeight + (bottomM - MARGIN.bottom) + (legend ? legendH - LEGEND_H : 0));
  const plotH = height - MARGIN.top - bottomM - (legend ? legendH : 0);
  const x0 = Math.round(left.width * k),
    x1 = Math.max(x0 + 10, width - (right ? Math.round(right.width * k) : MARGIN.right));
  const valuesOf = (side: 'left' | 'right') =>
    series
      .filter((s) => (s.axis ?? 'left') === side)
      .flatMap((s) => data.map((d) => d[s.key]))
      .filter((v): v is number => v != null && Number.isFinite(v));
  const lt = axisTicks(left, valuesOf('left'));
  const rt = right ? axisTicks(right, valuesOf('right')) : [];
  const yOf = (ticks: number[]) => (v: number) => MARGIN.top + plotH * (1 - (v - ticks[0]!) / (ticks[ticks.length - 1]! - ticks[0]! || 1));
  const yl = yOf(lt),
    yr = right ? yOf(rt) : yl;
  const xs = data.map((d) => d.x);
  const xmin = xs.length ? Math.min(...xs) : 1,
    xmax = xs.length ? Math.max(...xs) : 1;
  // One point sits in the middle; more spread over the plot with half a step of padding, like a category axis.
  const pad = xmax > xmin ? (xmax - xmin) / Math.max(1, xs.length - 1) / 2 : 1;
  const xOf = (v: number) => x0 + ((v - (xmin - pad)) / (xmax - xmin + 2 * pad)) * (x1 - x0);
  const xt = xmax - xmin <= 12 ? xs : niceTicks(xmin, xmax).filter((t) => t >= xmin && t <= xmax && Number.isInteger(t));
  const fmt = (a: Axis) => (v: number) => `${a.format ? a.format(v) : String(v)}${a.unit ?? ''}`;
  const tickLabel = (a: Axis, ticks: number[]) => (v: number) => (a.tickFormat ? `${a.tickFormat(v, tickDecimals(ticks))}${a.unit ?? ''}` : fmt(a)(v));
  const bottom = MARGIN.top + plotH;
  // The data point nearest the pointer along x, anywhere over the plot (not only on the small dots).
  const onMove = (e: MouseEvent<SVGSVGElement>) => {
    if (data.length === 0) return;
    const mx = e.clientX - e.currentTarget.getBoundingClientRect().left;
    let best = 0;
    for (let i = 1; i < data.length; i++) if (Math.abs(xOf(data[i]!.x) - mx) < Math.abs(xOf(data[best]!.x) - mx)) best = i;
    setHover(best);
  };
  const hovered = hover !== null && hover < data.length ? data[hover]! : null;
  const axisOf = (s: Series) => (s.axis === 'right' && right ? right : left);

  return (
    <div ref={box} style={{ width: '100%', height, position: 'relative' }}>
      {width > 0 && (
        <svg width={width} height={height} role="img" aria-label={label} onMouseMove={onMove} onMouseLeave={() => setHover(null)}>
          <g stroke="#ccc" strokeDasharray="3 3">
            {lt.map((t) => (
              <line key={`h${t}`} x1={x0} x2={x1} y1={yl(t)} y2={yl(t)} />
            ))}
            {xt.map((t) => (
              <line key={`v${t}`} x1={xOf(t)} x2={xOf(t)} y1={MARGIN.top} y2={bottom} />
            ))}
          </g>
          {refY != null && <line x1={x0} x2={x1} y1={yl(refY)} y2={yl(refY)} stroke="#999" />}
          <g stroke="#666" fill="none">
            <line x1={x0} x2={x1} y1={bottom} y2={bottom} />
            <line x1={x0} x2={x0} y1={MARGIN.top} y2={bottom} />
            {right && <line x1={x1} x2={x1} y1={MARGIN.top} y2={bottom} />}
          </g>
          {hovered && (
            <line x1={xOf(hovered.x)} x2={xOf(hovered.x)} y1={MARGIN.top} y2={bottom} stroke="#1d2433" strokeOpacity={0.35} data-testid="chart-hover-line" />
          )}
          <g {...FONT} fontSize={fontPx}>
            {lt.map((t) => (
              <text key={t} data-axis="left" data-tick={t} x={x0 - 4} y={yl(t)} textAnchor="end" dominantBaseline="middle">
                {tickLabel(left, lt)(t)}
              </text>
            ))}
            {right &&
              rt.map((t) => (
                <text key={t} data-axis="right" data-tick={t} x={x1 + 4} y={yr(t)} dominantBaseline="middle">
                  {tickLabel(right, rt)(t)}
                </text>
              ))}
            {xt.map((t) => (
              <text key={t} x={xOf(t)} y={bottom + Math.round(14 * k)} textAnchor="middle">
                {t}
              </text>
            ))}
            {xLabel && (
              <text x={x1 - 2} y={bottom - 4} textAnchor="end">
                {xLabel}
              </text>
            )}
          </g>
          {series.map((s) => {
            const y = s.axis === 'right' ? yr : yl;
            const pts = data.map((d) => ({ x: d.x, v: d[s.key] })).filter((p) => (s.connectNulls ? p.v != null : true));
            // A null breaks the line unless the series connects across gaps.
            let path = '',
              pen = false;
            for (const p of pts) {
              if (p.v == null || !Number.isFinite(p.v)) {
                pen = false;
                continue;
              }
              path += `${pen ? 'L' : 'M'}${xOf(p.x).toFixed(1)},${y(p.v).toFixed(1)}`;
              pen = true;
            }
            return (
              <g key={s.key} data-series={s.key}>
                <path d={path} fill="none" stroke={s.color} strokeWidth={1.5} />
                {pts
                  .filter((p) => p.v != null && Number.isFinite(p.v))
                  .map((p) => (
                    <circle key={p.x} cx={xOf(p.x)} cy={y(p.v!)} r={3} fill="#fff" stroke={s.color} strokeWidth={1.5}>
                      <title>{`${xLabel ?? 'x'} ${p.x} · ${s.name} ${p.v}`}</title>
                    </circle>
                  ))}
              </g>
            );
          })}
          {legend && (
            <g {...FONT} fontSize={fontPx} transform={`translate(${x0},${height - 6})`}>
              {series.map((s, i) => (
                // Each entry's offset follows the names before it (~6.5 px per character at 11 px), so long names never overlap.
                <g key={s.key} transform={`translate(${series.slice(0, i).reduce((a, p) => a + (34 + p.name.length * 6.5) * k, 0)},0)`}>
                  <line x1={0} x2={14} y1={-4 * k} y2={-4 * k} stroke={s.color} strokeWidth={2} />
                  <text x={18} y={0} fill={s.color}>
                    {s.name}
                  </text>
                </g>
              ))}
            </g>
          )}
        </svg>
      )}
      {hovered && (
        <div
          className="chart-tooltip"
          role="tooltip"
          data-testid="chart-tooltip"
          data-x={hovered.x}
          style={xOf(hovered.x) > width * 0.6 ? { right: width - xOf(hovered.x) + 10, top: MARGIN.top } : { left: xOf(hovered.x) + 10, top: MARGIN.top }}
        >
          <b>
            {xLabel ?? 'x'} {hovered.x}
          </b>
          {series.map((s) => {
            const v = hovered[s.key];
            // A name that carries its unit ('train acc %') is not followed by it twice.
            return (
              <span key={s.key}>
                <i style={{ background: s.color }} />
                {s.name.replace(/ %$/, '')}: {v == null || !Number.isFinite(v) ? '—' : fmt(axisOf(s))(v)}
              </span>
            );
          })}
        </div>
      )}
    </div>
  );
});
