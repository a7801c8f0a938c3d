// A node's own view on its card, beside its outputs' previews: the discriminator's map of the plane
// on a GAN loss over 2-D points, the class shares on a sample metric; and a note from the session
// (a classifier that is missing) in plain words. Each reads only its own node.

import { NODE_VIEW_PORT } from '../../core/train/previews';
import { MAP_FAKE_POINT, MAP_FAKE_TINT, MAP_REAL_POINT, MAP_REAL_TINT } from '../../core/train/render-views';
import { PreviewCanvas } from './NodePreviews';
import { type ShownPreview, trainingStore, useTraining } from './training-store';

const rgb = (c: readonly number[]) => `rgb(${c.join(',')})`;
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** What the map's background means, from how the loss reads its scores. */
export function mapTitle(preview: ShownPreview): string {
  return preview.scale === 'score'
    ? "Critic's score over the plane"
    : 'D(x) over the plane: the chance D gives that a point is real';
}

/** The key to the map's colours and points, and the mode coverage of the generated points. */
export function CriticMapKey({ preview }: { readonly preview: ShownPreview }) {
  const [lo, hi] = preview.range ?? [0, 1];
  const ends =
    preview.scale === 'score'
      ? [`high score (${hi.toPrecision(2)}): "real"`, `low (${lo.toPrecision(2)}): "generated"`]
      : ['D says real (1)', 'D says generated (0)'];
  const coverage = preview.coverage;
  return (
    <div className="critic-map-key" data-testid="critic-map-key">
      <ul>
        <li>
          <span className="key-swatch" style={{ background: rgb(MAP_REAL_TINT) }} />
          {ends[0]}
        </li>
        <li>
          <span className="key-swatch" style={{ background: rgb(MAP_FAKE_TINT) }} />
          {ends[1]}
        </li>
        <li>
          <span className="key-dot" style={{ background: rgb(MAP_REAL_POINT) }} />
          real points
        </li>
        <li>
          <span className="key-dot" style={{ background: rgb(MAP_FAKE_POINT) }} />
          generated points
        </li>
      </ul>
      {coverage && (
        <p className="critic-map-coverage" data-testid="mode-coverage">
          modes hit: <strong>{coverage.covered}</strong> of {coverage.modes} ·{' '}
          <strong>{percent(coverage.highQualityFraction)}</strong> of generated points within 3 std of a mode
        </p>
      )}
    </div>
  );
}

function ClassSharesKey({ preview }: { readonly preview: ShownPreview }) {
  const shares = preview.shares ?? [];
  const names = preview.classNames ?? [];
  const order = shares.map((_, c) => c).sort((a, b) => (shares[b] ?? 0) - (shares[a] ?? 0));
  const most = order[0];
  const least = order[order.length - 1];
  const name = (c: number | undefined) => (c === undefined ? '' : (names[c] ?? String(c)));
  return (
    <p className="class-shares-key" data-testid="class-shares-key">
      bars: classes {names.slice(0, 1)}…{names.slice(-1)} in order; dashed: an even share (
      {percent(1 / Math.max(1, shares.length))}). Most: {name(most)} ({percent(shares[most ?? 0] ?? 0)}),
      least: {name(least)} ({percent(shares[least ?? 0] ?? 0)}).
    </p>
  );
}

export function NodeViews({ node }: { readonly node: string }) {
  const preview = useTraining((s) => s.previews[node]?.[NODE_VIEW_PORT]);
  const note = useTraining((s) => s.notes[node]);
  return (
    <>
      {preview && (
        <figure className="node-view" data-testid="node-view" data-kind={preview.kind}>
          {preview.kind === 'critic-map' && <figcaption>{mapTitle(preview)}</figcaption>}
          <button
            type="button"
            className="port-preview node-view-button nodrag"
            aria-label={`Enlarge the view of ${node}`}
            title="Click to enlarge"
            onClick={() => trainingStore.setState({ enlarged: { node, port: NODE_VIEW_PORT } })}
          >
            <PreviewCanvas preview={preview} className="node-view-canvas" />
          </button>
          {preview.kind === 'critic-map' && <CriticMapKey preview={preview} />}
          {preview.kind === 'class-shares' && <ClassSharesKey preview={preview} />}
        </figure>
      )}
      {note && (
        <p className="node-note" role="status" data-testid="node-note">
          {note}
        </p>
      )}
    </>
  );
}
