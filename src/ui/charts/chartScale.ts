import { useStore } from '../../state/store';

/**
 * How much larger chart text is in presenter mode: recharts' labels inherit the page's font
 * (14 px, 18 px when presenting), so the axis widths reserved for them in px grow by the same factor.
 */
export function useAxisScale(): number {
  return useStore((s) => (s.view.present ? 18 / 14 : 1));
}

/** A percent axis tick at one decimal at most (11.05 → '11.1%', 8.5 → '8.5%'), so it fits the axis width. */
export const pctTick = (v: number): string => `${+v.toFixed(1)}%`;
