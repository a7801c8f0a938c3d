// One chart of the training panel: a uPlot line chart of a group's series with a legend of current
// values. React draws the frame once; new frames reach uPlot's setData through a store subscription,
// at most once per animation frame, and the legend's numbers are written straight into the DOM.

import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { countRender } from '../editor/render-count';
import { chartData, formatValue, latestValues, type ChartData } from './chart-data';
import type { ChartGroup, ChartSeries } from './chart-model';
import { chartColors, PALETTE_SIZE, seriesStyle, useThemeStamp } from './chart-theme';
import { trainingStore } from './training-store';

interface Props {
  readonly group: ChartGroup;
  readonly log: boolean;
  readonly smooth: boolean;
}

/** Dev builds let the browser tests read each chart's data (`__latentLabCharts[group id].data`). */
function register(id: string, plot: uPlot | null): void {
  if (!import.meta.env.DEV) return;
  const scope = globalThis as { __latentLabCharts?: Record<string, uPlot> };
  const charts = (scope.__latentLabCharts ??= {});
  if (plot) charts[id] = plot;
  else delete charts[id];
}

/** The legend's colour key, from the same variables as the curves, so it follows the theme by itself. */
const swatch = (role: ChartSeries['role'], index: number) =>
  role === 'term' || role === 'metric'
    ? { background: `var(--chart-${(index % PALETTE_SIZE) + 1})` }
    : undefined;

const toAligned = (data: ChartData): uPlot.AlignedData => [data.iterations, ...data.values];

const sizeOf = (element: HTMLElement) => ({
  width: Math.max(80, element.clientWidth),
  height: Math.max(60, element.clientHeight),
});

export function LossPlot({ group, log, smooth }: Props) {
  countRender(`chart:${group.id}`);
  const holder = useRef<HTMLDivElement>(null);
  const valueCells = useRef<(HTMLSpanElement | null)[]>([]);
  const atCell = useRef<HTMLSpanElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const hiddenRef = useRef(hidden);
  hiddenRef.current = hidden;
  const themeStamp = useThemeStamp();

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const colors = chartColors(element);
    const options = { smooth, log };
    let data = chartData(group, trainingStore.getState().history, options);

    /** The legend shows the values under the cursor, or the latest ones when the cursor is away. */
    const showValues = (index: number | null | undefined) => {
      const hovered = index !== null && index !== undefined;
      const latest = hovered ? [] : latestValues(data);
      group.series.forEach((_, s) => {
        const cell = valueCells.current[s];
        if (cell) cell.textContent = formatValue(hovered ? data.values[s]?.[index] : latest[s]?.value);
      });
      const at = hovered ? data.iterations[index] : data.iterations[data.iterations.length - 1];
      if (atCell.current) atCell.current.textContent = at === undefined ? '' : `it ${at}`;
      element.dataset.empty = String(data.iterations.length === 0);
    };

    const axis = {
      stroke: colors.axis,
      grid: { stroke: colors.grid, width: 1 },
      ticks: { stroke: colors.grid, width: 1 },
    };
    const plot = new uPlot(
      {
        ...sizeOf(element),
        legend: { show: false },
        cursor: { drag: { x: false, y: false }, points: { size: 6 } },
        scales: { x: { time: false }, y: log ? { distr: 3, log: 10 } : {} },
        axes: [axis, { ...axis, size: 56 }],
        series: [
          { label: 'iteration' },
          ...group.series.map((series, i) => ({
            label: series.label,
            show: !hiddenRef.current.has(series.key),
            spanGaps: true,
            points: { show: false },
            ...seriesStyle(colors, series.role, i),
          })),
        ],
        hooks: { setCursor: [(u: uPlot) => showValues(u.cursor.idx)] },
      },
      toAligned(data),
      element,
    );
    plotRef.current = plot;
    register(group.id, plot);
    showValues(null);

    let frame = 0;
    const repaint = () => {
      frame = 0;
      data = chartData(group, trainingStore.getState().history, options);
      plot.setData(toAligned(data));
      if (plot.cursor.idx === null || plot.cursor.idx === undefined) showValues(null);
    };
    const unsubscribe = trainingStore.subscribe((s, previous) => {
      if (s.history !== previous.history && frame === 0) frame = requestAnimationFrame(repaint);
    });
    const resize = new ResizeObserver(() => plot.setSize(sizeOf(element)));
    resize.observe(element);
    return () => {
      unsubscribe();
      resize.disconnect();
      cancelAnimationFrame(frame);
      register(group.id, null);
      plotRef.current = null;
      plot.destroy();
    };
  }, [group, log, smooth, themeStamp]);

  useEffect(() => {
    group.series.forEach((series, i) => plotRef.current?.setSeries(i + 1, { show: !hidden.has(series.key) }));
  }, [group, hidden]);

  const toggle = (key: string) =>
    setHidden((old) => {
      const next = new Set(old);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  return (
    <figure className="loss-plot" data-chart={group.id} data-kind={group.kind}>
      <figcaption>
        <span className="loss-plot-title" data-testid="chart-title">
          {group.title}
        </span>
        <span className="loss-plot-caption">{group.caption}</span>
        <span className="loss-plot-at" ref={atCell} />
      </figcaption>
      <div className="loss-plot-area" ref={holder} />
      <ul className="loss-plot-legend">
        {group.series.map((series, i) => (
          <li key={series.key}>
            <button
              type="button"
              aria-pressed={!hidden.has(series.key)}
              title="Show or hide this curve"
              data-series={series.key}
              onClick={() => toggle(series.key)}
            >
              <span className="legend-swatch" data-role={series.role} style={swatch(series.role, i)} />
              <span className="legend-label">{series.label}</span>
              <span
                className="legend-value"
                data-testid="legend-value"
                ref={(cell) => {
                  valueCells.current[i] = cell;
                }}
              />
            </button>
          </li>
        ))}
      </ul>
    </figure>
  );
}
