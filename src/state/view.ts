/**
 * View flags that live in the URL beside the config but do not change a run:
 * presenter mode, autoplay and hidden panels (the classroom link).
 */
import { clip } from '../config';

/**
 * The page's panels, one row each, in page order: its key (as in `hide=`), the title its heading starts with (and
 * the error notice names), where it sits (`left` column, `centre`, `right` column, `below` the three), and whether it
 * shows only for a space with a benchmark table. Its component is `ui/panels/index.tsx`'s entry of the same key (a
 * React-free table here, since the link parser runs in Node tests): adding a panel is this row plus its component.
 */
export const PANEL_TABLE = [
  { key: 'config', title: 'Config', area: 'left', needsBenchmark: false },
  { key: 'outcome', title: 'What BN-NAS found, in truth', area: 'centre', needsBenchmark: true },
  { key: 'curves', title: 'Supernet loss and accuracy', area: 'centre', needsBenchmark: false },
  { key: 'heatmap', title: 'Gamma heatmap', area: 'centre', needsBenchmark: false },
  { key: 'truth', title: 'BN score vs truth', area: 'centre', needsBenchmark: true },
  { key: 'proxies', title: 'Zero-cost proxies', area: 'centre', needsBenchmark: true },
  { key: 'stability', title: 'Rank stability', area: 'centre', needsBenchmark: false },
  { key: 'ranking', title: 'Top paths', area: 'right', needsBenchmark: false },
  { key: 'compare', title: 'BN-NAS vs SPOS', area: 'below', needsBenchmark: false },
  { key: 'retrain', title: 'Retrain', area: 'below', needsBenchmark: false },
  { key: 'about', title: 'About BN-NAS', area: 'below', needsBenchmark: false },
] as const satisfies readonly { key: string; title: string; area: 'left' | 'centre' | 'right' | 'below'; needsBenchmark: boolean }[];

export type Panel = (typeof PANEL_TABLE)[number]['key'];
export type PanelArea = (typeof PANEL_TABLE)[number]['area'];
export const PANELS: readonly Panel[] = PANEL_TABLE.map((p) => p.key);
/** Each panel's title, by key. */
export const PANEL_TITLES = Object.fromEntries(PANEL_TABLE.map((p) => [p.key, p.title])) as Record<Panel, string>;

export interface ViewFlags {
  present: boolean;
  autorun: boolean;
  hide: Panel[];
}

export const DEFAULT_VIEW: ViewFlags = { present: false, autorun: false, hide: [] };
export const VIEW_KEYS = ['present', 'autorun', 'hide'] as const;

/** A flag's value; a bad one warns once per key (a hostile link may repeat it), its value shortened. */
function parseFlag(key: string, value: string, warnings: string[], warned: Set<string>): boolean {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false' || value === '') return false;
  if (!warned.has(key)) warnings.push(`${key}=${clip(value)} is not 0 or 1; using 0`);
  warned.add(key);
  return false;
}

/** Splits the view keys off a hash: returns the flags and the hash without them. */
export function splitViewFlags(hash: string): { view: ViewFlags; rest: string; warnings: string[] } {
  const warnings: string[] = [];
  const warned = new Set<string>();
  const view: ViewFlags = { ...DEFAULT_VIEW, hide: [] };
  const kept: string[] = [];
  let unknown = 0;
  for (const part of hash.replace(/^#/, '').split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    let value = eq < 0 ? '' : part.slice(eq + 1);
    try {
      value = decodeURIComponent(value);
    } catch {
      /* keep raw */
    }
    if (key === 'present') view.present = parseFlag(key, value, warnings, warned);
    else if (key === 'autorun') view.autorun = parseFlag(key, value, warnings, warned);
    else if (key === 'hide') {
      for (const p of value.split(',').filter(Boolean)) {
        if ((PANELS as readonly string[]).includes(p)) {
          if (!view.hide.includes(p as Panel)) view.hide.push(p as Panel);
        }
        // A hostile link cannot flood the page: at most 3 names, each shortened.
        else if (++unknown <= 3) warnings.push(`hide: unknown panel '${clip(p)}' ignored (panels: ${PANELS.join(', ')})`);
      }
    } else kept.push(part);
  }
  if (unknown > 3) warnings.push(`hide: … and ${unknown - 3} more unknown panels ignored`);
  return { view, rest: kept.join('&'), warnings };
}

/** The view flags as hash parameters (only those that differ from the defaults). */
export function encodeViewFlags(view: ViewFlags): string {
  const parts: string[] = [];
  if (view.present) parts.push('present=1');
  if (view.autorun) parts.push('autorun=1');
  if (view.hide.length) parts.push(`hide=${view.hide.join(',')}`);
  return parts.join('&');
}
