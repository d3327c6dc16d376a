import { interpolateViridis } from 'd3-scale-chromatic';

/**
 * Viridis (van der Walt & Smith, matplotlib), from d3-scale-chromatic's 256-colour table: lightness rises
 * evenly from dark purple to yellow, readable for colour-blind viewers and in greyscale.
 */
function viridisRgb(t: number): number[] {
  const hex = interpolateViridis(Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0))); // '#rrggbb'
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

export function viridis(t: number): string {
  const c = viridisRgb(t);
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** WCAG relative luminance of an sRGB colour (0..255 channels). */
function luminance(rgb: number[]): number {
  const [r, g, b] = rgb.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** Black or white text on viridis(t), whichever contrasts more (WCAG contrast ratio). */
export function textOn(t: number): string {
  const l = luminance(viridisRgb(t));
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#111' : '#fff';
}
