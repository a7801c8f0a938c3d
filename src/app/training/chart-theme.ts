// Chart colours from the theme's CSS variables (uPlot paints on a canvas, which needs real colours),
// and a hook that changes value whenever the light or dark theme is switched, to repaint with them.

import { useEffect, useState } from 'react';
import type { SeriesRole } from './chart-model';

export interface ChartColors {
  readonly axis: string;
  readonly grid: string;
  readonly text: string;
  /** One colour per plain series, taken in turn. */
  readonly palette: readonly string[];
}

export const PALETTE_SIZE = 8;

export function chartColors(element: Element): ChartColors {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const palette: string[] = [];
  for (let i = 1; i <= PALETTE_SIZE; i++) palette.push(read(`--chart-${i}`, '#2f6fd0'));
  return {
    axis: read('--muted', '#5a616c'),
    grid: read('--border', '#d5d9df'),
    text: read('--text', '#1d1f23'),
    palette,
  };
}

/** Stroke and dash of a series: sums in the text colour (−ELBO solid, a weighted total dashed). */
export function seriesStyle(
  colors: ChartColors,
  role: SeriesRole,
  index: number,
): { stroke: string; width: number; dash?: number[] } {
  if (role === 'elbo') return { stroke: colors.text, width: 2 };
  if (role === 'total') return { stroke: colors.text, width: 1.5, dash: [6, 4] };
  return { stroke: colors.palette[index % colors.palette.length] ?? colors.text, width: 1.5 };
}

const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Counts theme switches: the root's data-theme attribute and the system preference. */
export function useThemeStamp(): number {
  const [stamp, setStamp] = useState(0);
  useEffect(() => {
    const bump = () => setStamp((n) => n + 1);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const query = typeof matchMedia === 'function' ? matchMedia(DARK_QUERY) : null;
    query?.addEventListener('change', bump);
    return () => {
      observer.disconnect();
      query?.removeEventListener('change', bump);
    };
  }, []);
  return stamp;
}
