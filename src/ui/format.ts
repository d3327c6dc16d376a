/** Number formats shared by the panels. */
export const mflops = (flops: number) => `${(flops / 1e6).toFixed(2)} M`;
export const kparams = (params: number) => `${(params / 1e3).toFixed(1)} k`;
export const pct = (x: number | null | undefined, digits = 1) => (x == null ? '—' : `${(x * 100).toFixed(digits)}%`);
export const fixed = (x: number | null | undefined, digits = 4) => (x == null || Number.isNaN(x) ? '—' : x.toFixed(digits));

/** 75 → '1:15', 3700 → '1:01:40'. */
export function duration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(r).padStart(2, '0')}`;
}
