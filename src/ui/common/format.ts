/** Number formats shared by the panels. */
export const mflops = (flops: number) => `${(flops / 1e6).toFixed(2)} M`;
export const kparams = (params: number) => `${(params / 1e3).toFixed(1)} k`;
export const pct = (x: number | null | undefined, digits = 1) => (x == null ? '—' : `${(x * 100).toFixed(digits)}%`);
export const fixed = (x: number | null | undefined, digits = 4) => (x == null || Number.isNaN(x) ? '—' : x.toFixed(digits));

/** 75 → '1:15', 3700 → '1:01:40'. */
export function duration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600),
    m = Math.floor((s % 3600) / 60),
    r = s % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(r).padStart(2, '0')}`;
}

/** 43e-9 → '43 ns', 0.0123 → '12.3 ms', 2.5 → '2.5 s'. */
export function seconds(s: number): string {
  if (!Number.isFinite(s)) return '—';
  if (s < 1e-6) return `${(s * 1e9).toFixed(0)} ns`;
  if (s < 1e-3) return `${(s * 1e6).toFixed(1)} µs`;
  if (s < 1) return `${(s * 1e3).toFixed(1)} ms`;
  return `${s.toFixed(1)} s`;
}

/** 5.6e7 → '56,000,000×', 2.04 → '2.04×'. */
export function ratio(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return x >= 1000 ? `${Math.round(x).toLocaleString('en')}×` : `${x.toPrecision(3)}×`;
}

/** 6561 → '6,561'. */
export const withCommas = (n: number) => n.toLocaleString('en');

/** A true accuracy already in percent, with its sd: '92.61 ± 0.15%'. */
export function truePct(mean: number | null | undefined, sd?: number | null, digits = 2): string {
  if (mean == null || !Number.isFinite(mean)) return '—';
  return sd == null || !Number.isFinite(sd) ? `${mean.toFixed(digits)}%` : `${mean.toFixed(digits)} ± ${sd.toFixed(digits)}%`;
}
