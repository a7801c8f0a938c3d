// The latent map: codings projected to 2-D (PCA, t-SNE or UMAP) coloured by class, with progress
// while the projection worker runs, the image under the mouse, its 5-NN class accuracy, a click
// to choose the interpolation's images, and PNG / CSV export.

import { useEffect, useMemo, useRef, useState } from 'react';
import { PROJECTION_TITLES, type ProjectionMethod, TSNE_MAX_POINTS } from '../../core/views/projection-kinds';
import { mapCsv } from '../../core/views/views-csv';
import type { CodingsAnswer } from '../../core/views/view-requests';
import { classColor, drawMap, drawPicture, prepare } from './draw';
import { savePng, saveCsv, viewFileName } from './export';
import { fitFrame, pointAt } from './map-geometry';
import { computeMap, pick } from './views-actions';
import { type MapResult, useViews } from './views-store';

const PLOT = 520;
const WIDTH = PLOT + 170;
const HEIGHT = PLOT + 56;
const METHODS: readonly ProjectionMethod[] = ['pca', 'tsne', 'umap'];

function describe(result: MapResult, open: { node: string; port: string }, samples: boolean) {
  const method = PROJECTION_TITLES[result.method];
  return {
    title: `Latent map of ${open.node}.${open.port}: ${method}, ${result.count.toLocaleString('en')} ${samples ? 'random codes' : 'test images'}`,
    subtitle:
      `iteration ${result.iteration}` +
      (result.knnAccuracy === null
        ? ''
        : ` · 5-NN class accuracy on the map ${result.knnAccuracy.toFixed(3)}`),
  };
}

function HoverCard({
  codings,
  index,
  x,
  y,
}: {
  codings: CodingsAnswer;
  index: number;
  x: number;
  y: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const images = codings.images;
  useEffect(() => {
    if (!ref.current || !images) return;
    const g = prepare(ref.current, images.width * 3, images.height * 3);
    if (g) drawPicture(g, images, index, 0, 0, 3);
  }, [images, index]);
  const label = codings.labels?.[index];
  return (
    <div className="views-hover" style={{ left: x + 14, top: y + 14 }} data-testid="map-hover">
      {images && <canvas ref={ref} />}
      <div>
        {codings.imagesFrom === 'decoded' ? 'sample' : 'test image'} #{index}
        {label !== undefined && (
          <>
            <br />
            <span className="class-swatch" style={{ background: classColor(label) }} />{' '}
            {codings.classNames?.[label] ?? `class ${label}`}
          </>
        )}
      </div>
    </div>
  );
}

function MapCanvas({ result, codings }: { result: MapResult; codings: CodingsAnswer }) {
  const open = useViews((s) => s.open);
  const picks = useViews((s) => s.picks);
  const nextPick = useViews((s) => s.nextPick);
  const ref = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<{ index: number; x: number; y: number } | null>(null);
  const frame = useMemo(() => fitFrame(result.points, result.count, 8, 44, PLOT), [result]);
  useEffect(() => {
    if (!ref.current || !open) return;
    drawMap(ref.current, {
      ...describe(result, open, codings.imagesFrom === 'decoded'),
      points: result.points,
      count: result.count,
      labels: codings.labels,
      classNames: codings.classNames,
      frame,
      marks: [
        { index: picks.a, name: 'A' },
        { index: picks.b, name: 'B' },
      ],
      width: WIDTH,
      height: HEIGHT,
    });
  }, [result, codings, frame, picks, open]);
  const at = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    return { index: pointAt(frame, result.points, result.count, x, y), x, y };
  };
  const save = () =>
    open && savePng(ref.current, `${viewFileName(open, `map-${result.method}`, result.iteration)}.png`);
  const csv = () =>
    open &&
    saveCsv(
      `${viewFileName(open, `map-${result.method}`, result.iteration)}.csv`,
      mapCsv({
        points: result.points,
        count: result.count,
        labels: codings.labels,
        classNames: codings.classNames,
      }),
    );
  return (
    <>
      <p className="views-figure" data-testid="map-knn" data-knn={result.knnAccuracy ?? ''}>
        {result.knnAccuracy === null
          ? 'No classes to score the map with.'
          : `5-NN class accuracy on the map: ${result.knnAccuracy.toFixed(3)} (leave-one-out, ${result.count.toLocaleString('en')} points)`}
      </p>
      <div className="views-map">
        <canvas
          ref={ref}
          data-testid="latent-map"
          data-points={result.count}
          data-method={result.method}
          onMouseMove={(event) => {
            const found = at(event);
            setHover(found.index >= 0 ? found : null);
          }}
          onMouseLeave={() => setHover(null)}
          onClick={(event) => {
            const found = at(event);
            if (found.index >= 0) pick(nextPick, found.index);
          }}
        />
        {hover && <HoverCard codings={codings} index={hover.index} x={hover.x} y={hover.y} />}
      </div>
      <p className="views-hint">
        Hover a point to see its image; click points to choose the interpolation&apos;s images (next:{' '}
        {nextPick.toUpperCase()}; now A = #{picks.a}, B = #{picks.b}).
      </p>
      <div className="views-actions">
        <button type="button" onClick={save}>
          Download PNG
        </button>
        <button type="button" onClick={csv}>
          Download CSV
        </button>
      </div>
    </>
  );
}

export function LatentMapView() {
  const codings = useViews((s) => s.codings);
  const map = useViews((s) => s.map);
  const method = useViews((s) => s.method);
  const [choice, setChoice] = useState<ProjectionMethod>(method);
  const answer = codings.status === 'done' ? codings.value : null;
  const flat = answer !== null && answer.dim <= 2;
  return (
    <section className="views-panel" aria-label="Latent map">
      <div className="views-controls">
        <span role="radiogroup" aria-label="Projection">
          {METHODS.map((m) => (
            <label key={m}>
              <input
                type="radio"
                name="projection"
                value={m}
                checked={choice === m}
                disabled={flat}
                onChange={() => setChoice(m)}
              />{' '}
              {PROJECTION_TITLES[m]}
            </label>
          ))}
        </span>
        <button
          type="button"
          disabled={!answer || map.status === 'running'}
          onClick={() => void computeMap(choice)}
          data-testid="compute-map"
        >
          Compute map
        </button>
      </div>
      {flat && <p className="views-hint">The coding has {answer.dim} dimensions: it is shown as it is.</p>}
      {!flat && choice === 'tsne' && answer && answer.count > TSNE_MAX_POINTS && (
        <p className="views-hint">
          t-SNE here is exact (its cost grows with the square of the points), so it maps the first{' '}
          {TSNE_MAX_POINTS.toLocaleString('en')} images.
        </p>
      )}
      {map.status === 'running' && (
        <p className="views-progress" data-testid="map-progress">
          <progress value={map.progress?.fraction ?? 0} max={1} /> {map.progress?.stage ?? 'starting…'}
        </p>
      )}
      {map.status === 'error' && (
        <p className="views-error" role="alert">
          The map could not be made: {map.message}
        </p>
      )}
      {map.status === 'done' && answer && <MapCanvas result={map.value} codings={answer} />}
    </section>
  );
}
