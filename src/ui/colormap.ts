/** Viridis, sampled at 5 stops and interpolated: perceptually even, readable for colour-blind viewers. */
const STOPS: [number, number, number][] = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];

function viridisRgb(t: number): number[] {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (STOPS.length - 1);
  const i = Math.min(Math.floor(x), STOPS.length - 2);
  const f = x - i;
  const [a, b] = [STOPS[i]!, STOPS[i + 1]!];
  return a.map((v, j) => Math.round(v + (b[j]! - v) * f));
}

export function viridis(t: number): string {
  const c = viridisRgb(t);
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** WCAG relative luminance of an sRGB colour (0..255 channels). */
function luminance(rgb: number[]): number {
  const [r, g, b] = rgb.map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** Black or white text on viridis(t), whichever contrasts more (WCAG contrast ratio). */
export function textOn(t: number): string {
  const l = luminance(viridisRgb(t));
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#111' : '#fff';
}
