// Interpolation between two test images: the decoded linear and spherical paths between their
// codings, above the pixel-space cross-fade of the images themselves.

import { ExportButtons } from './ExportButtons';
import { DecodeStatus } from './DecodeStatus';
import { useEffect, useRef } from 'react';
import { interpolationCsv } from '../../core/views/views-csv';
import type { CodingsAnswer } from '../../core/views/view-requests';
import { drawGrid, type GridRow } from './draw';
import { viewFileName } from './export';
import { pick, runInterpolation } from './views-actions';
import { type InterpolationResult, useViews, viewsStore } from './views-store';

const className = (codings: CodingsAnswer | null, index: number): string => {
  const label = codings?.labels?.[index];
  return label === undefined ? '' : (codings?.classNames?.[label] ?? `class ${label}`);
};

function Result({ result, codings }: { result: InterpolationResult; codings: CodingsAnswer | null }) {
  const open = useViews((s) => s.open);
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!ref.current || !open) return;
    const rows: GridRow[] = [
      { label: 'linear', note: '(1-t)·zA + t·zB', pictures: result.linear.images, first: 0 },
      { label: 'spherical', note: 'along the arc', pictures: result.spherical.images, first: 0 },
    ];
    const images = codings?.images;
    if (images && result.fade.length > 0) {
      rows.push({
        label: 'pixels',
        note: codings?.imagesFrom === 'decoded' ? 'sample cross-fade' : 'image cross-fade',
        pictures: { ...images, pixels: result.fade },
        first: 0,
      });
    }
    drawGrid(ref.current, {
      title: `Interpolation in ${open.node}.${open.port}: A = #${result.a} (${className(codings, result.a)}), B = #${result.b} (${className(codings, result.b)})`,
      subtitle: `iteration ${result.iteration} · ${result.ts.length} steps from A to B`,
      columns: result.ts.map((t) => (t === 0 ? 'A' : t === 1 ? 'B' : `t=${t.toFixed(2)}`)),
      rows,
      scale: 2,
      labelWidth: 130,
    });
  }, [result, codings, open]);
  const name = open
    ? viewFileName(open, `interpolation-${result.a}-${result.b}`, result.iteration)
    : 'interpolation';
  const dim = codings?.dim ?? result.linear.codes.length / result.ts.length;
  return (
    <>
      <div className="views-scroll">
        <canvas ref={ref} data-testid="interpolation-grid" data-steps={result.ts.length} />
      </div>
      <ExportButtons
        canvas={ref}
        name={name}
        csv={() =>
          interpolationCsv(
            [
              { kind: 'linear', codes: result.linear.codes },
              { kind: 'spherical', codes: result.spherical.codes },
            ],
            result.ts,
            dim,
          )
        }
      />
    </>
  );
}

export function InterpolationView() {
  const picks = useViews((s) => s.picks);
  const stepCount = useViews((s) => s.steps);
  const job = useViews((s) => s.interpolation);
  const codings = useViews((s) => (s.codings.status === 'done' ? s.codings.value : null));
  const max = (codings?.count ?? 1) - 1;
  const samples = codings?.imagesFrom === 'decoded';
  const field = (which: 'a' | 'b') => (
    <label>
      {samples ? 'Sample' : 'Image'} {which.toUpperCase()} #{' '}
      <input
        type="number"
        min={0}
        max={max}
        value={picks[which]}
        onChange={(event) => pick(which, Number(event.target.value))}
        data-testid={`pick-${which}`}
      />{' '}
      <span className="muted">{className(codings, picks[which])}</span>
    </label>
  );
  return (
    <section className="views-panel" aria-label="Interpolation">
      <div className="views-controls">
        {field('a')}
        {field('b')}
        <label>
          Steps{' '}
          <select
            value={stepCount}
            onChange={(event) => viewsStore.setState({ steps: Number(event.target.value) })}
          >
            {[8, 9, 10].map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={!codings || job.status === 'running'}
          onClick={() => void runInterpolation()}
          data-testid="run-interpolation"
        >
          Decode
        </button>
      </div>
      <p className="views-hint">
        {samples
          ? 'Samples are numbered as on the latent map (hover a point to see its sample); clicking points on the map chooses them too.'
          : 'Test images are numbered in the class-balanced test order (0 is the first of class 0, 1 the first of class 1, …); clicking points on the map chooses them too.'}
      </p>
      <DecodeStatus job={job} />
      {job.status === 'done' && <Result result={job.value} codings={codings} />}
    </section>
  );
}
