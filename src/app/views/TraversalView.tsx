// Latent traversal: one row per latent dimension swept from -3 to 3 with the others fixed (at 0
// for a VAE, else at an image's coding), inactive dimensions marked by their KL or variance.

import { ExportButtons } from './ExportButtons';
import { DecodeStatus } from './DecodeStatus';
import { useEffect, useRef } from 'react';
import { type DimensionStats, INACTIVE_THRESHOLD } from '../../core/views/latent-math';
import { traversalCsv } from '../../core/views/views-csv';
import type { CodingsAnswer } from '../../core/views/view-requests';
import { drawGrid } from './draw';
import { viewFileName } from './export';
import { pick, runTraversal } from './views-actions';
import { type TraversalResult, useViews, viewsStore } from './views-store';

const measureName = (stats: DimensionStats) => (stats.measure === 'kl' ? 'KL' : 'var');

function Result({ result }: { result: TraversalResult }) {
  const { stats } = result;
  const open = useViews((s) => s.open);
  const ref = useRef<HTMLCanvasElement>(null);
  const columns = result.offsets.length;
  useEffect(() => {
    if (!ref.current || !open) return;
    drawGrid(ref.current, {
      title: `Traversal of ${open.node}.${open.port}: one dimension per row, the others at ${result.base === 'prior' ? '0' : `image #${result.base}'s coding`}`,
      subtitle:
        `iteration ${result.iteration} · ` +
        (result.prior
          ? 'values -3 … 3 (the prior has sd 1)'
          : 'mean -3 sd … mean +3 sd of each dimension over the test images') +
        ` · red: ${stats.measure === 'kl' ? 'KL' : 'variance'} below ${INACTIVE_THRESHOLD} (inactive)`,
      columns: result.offsets.map((o) =>
        result.prior ? String(+o.toFixed(2)) : `${o > 0 ? '+' : ''}${+o.toFixed(2)} sd`,
      ),
      rows: result.dims.map((d, r) => ({
        label: `z${d}`,
        note: `${measureName(stats)} ${(stats.values[d] ?? 0).toPrecision(2)}${stats.active[d] ? '' : ' · inactive'}`,
        pictures: result.images,
        first: r * columns,
        dimmed: !stats.active[d],
      })),
      scale: 2,
      labelWidth: 130,
    });
  }, [result, stats, open, columns]);
  const name = open ? viewFileName(open, 'traversal', result.iteration) : 'traversal';
  const inactive = stats.active.filter((a) => !a).length;
  return (
    <>
      <p className="views-figure" data-testid="traversal-inactive" data-inactive={inactive}>
        {inactive} of {stats.active.length} dimensions inactive (
        {stats.measure === 'kl' ? 'mean KL to the prior' : 'variance over the test images'} below{' '}
        {INACTIVE_THRESHOLD}).
      </p>
      {result.dims.length < stats.values.length && (
        <p className="views-hint">
          Showing the {result.dims.length} of {stats.values.length} dimensions with the largest{' '}
          {stats.measure === 'kl' ? 'KL' : 'variance'}.
        </p>
      )}
      <div className="views-scroll tall">
        <canvas
          ref={ref}
          data-testid="traversal-grid"
          data-rows={result.dims.length}
          data-columns={columns}
        />
      </div>
      <ExportButtons canvas={ref} name={name} csv={() => traversalCsv(stats, result.values, result.dims)} />
    </>
  );
}

export function TraversalView() {
  const picks = useViews((s) => s.picks);
  const columns = useViews((s) => s.columns);
  const fromPrior = useViews((s) => s.fromPrior);
  const job = useViews((s) => s.traversal);
  const codings: CodingsAnswer | null = useViews((s) =>
    s.codings.status === 'done' ? s.codings.value : null,
  );
  const prior = codings?.plan.kl != null;
  return (
    <section className="views-panel" aria-label="Latent traversal">
      <div className="views-controls">
        {prior && (
          <label>
            <input
              type="checkbox"
              checked={fromPrior}
              onChange={(event) => viewsStore.setState({ fromPrior: event.target.checked })}
            />{' '}
            others at 0 (the prior&apos;s mean)
          </label>
        )}
        {(!prior || !fromPrior) && (
          <label>
            others at image #{' '}
            <input
              type="number"
              min={0}
              max={(codings?.count ?? 1) - 1}
              value={picks.a}
              onChange={(event) => pick('a', Number(event.target.value))}
            />
            &apos;s coding
          </label>
        )}
        <label>
          Columns{' '}
          <select
            value={columns}
            onChange={(event) => viewsStore.setState({ columns: Number(event.target.value) })}
          >
            {[7, 9].map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={!codings || job.status === 'running'}
          onClick={() => void runTraversal()}
          data-testid="run-traversal"
        >
          Decode
        </button>
      </div>
      <DecodeStatus job={job} />
      {job.status === 'done' && <Result result={job.value} />}
    </section>
  );
}
