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

/**
 * The key to the map's colours and points, and the mode coverage of the generated points: compact
 * beside the map on the card, in sentences under the enlarged map.
 */
export function CriticMapKey({
  preview,
  compact = false,
}: {
  readonly preview: ShownPreview;
  readonly compact?: boolean;
}) {
  const [lo, hi] = preview.range ?? [0, 1];
  const critic = preview.scale === 'score';
  const coverage = preview.coverage;
  const swatch = (tint: readonly number[], point: readonly number[]) => (
    <>
      <span className="key-swatch" style={{ background: rgb(tint) }} />
      <span className="key-dot" style={{ background: rgb(point) }} />
    </>
  );
  return (
    <div className="critic-map-key" data-testid="critic-map-key">
      {compact ? (
        <ul>
          <li>{swatch(MAP_REAL_TINT, MAP_REAL_POINT)} real</li>
          <li>{swatch(MAP_FAKE_TINT, MAP_FAKE_POINT)} generated</li>
          <li className="muted">shade: {critic ? "critic's score" : "D's verdict"}; dots: points</li>
        </ul>
      ) : (
        <ul>
          <li>
            <span className="key-swatch" style={{ background: rgb(MAP_REAL_TINT) }} />
            {critic ? `high score (${hi.toPrecision(2)}): "real"` : 'D says real (1)'}
          </li>
          <li>
            <span className="key-swatch" style={{ background: rgb(MAP_FAKE_TINT) }} />
            {critic ? `low score (${lo.toPrecision(2)}): "generated"` : 'D says generated (0)'}
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
      )}
      {coverage && (
        <p
          className="critic-map-coverage"
          data-testid="mode-coverage"
          title="A generated point hits a mode when it lies within 3 standard deviations of that mode's centre."
        >
          modes hit: <strong>{coverage.covered}</strong> of {coverage.modes}
          {compact ? <br /> : ' · '}
          <strong>{percent(coverage.highQualityFraction)}</strong>
          {compact ? ' within 3 std' : ' of generated points within 3 std of a mode'}
        </p>
      )}
    </div>
  );
}

function ClassSharesKey({ preview }: { readonly preview: ShownPreview }) {
  const shares = preview.shares ?? [];
  const names = preview.classNames ?? [];
  const most = shares.reduce((best, share, c) => (share > (shares[best] ?? 0) ? c : best), 0);
  const used = shares.filter((share) => share > 0).length;
  const even = percent(1 / Math.max(1, shares.length));
  const text =
    `Bars: ${names[0] ?? ''} … ${names[names.length - 1] ?? ''}. ` +
    `Most: ${names[most] ?? most} (${percent(shares[most] ?? 0)}). ` +
    `Used: ${used} of ${shares.length} classes. Dashed: an even share (${even}).`;
  return (
    <p className="class-shares-key" data-testid="class-shares-key">
      {text}
    </p>
  );
}

/** Every class with its share, in the bars' order (under the enlarged histogram). */
export function ClassSharesTable({ preview }: { readonly preview: ShownPreview }) {
  const names = preview.classNames ?? [];
  return (
    <ol className="class-shares-table" data-testid="class-shares-table">
      {(preview.shares ?? []).map((share, c) => (
        <li key={c}>
          {names[c] ?? c}: <strong>{percent(share)}</strong>
        </li>
      ))}
    </ol>
  );
}

export function NodeViews({ node }: { readonly node: string }) {
  const preview = useTraining((s) => s.previews[node]?.[NODE_VIEW_PORT]);
  const note = useTraining((s) => s.notes[node]);
  return (
    <>
      {preview && (
        <figure className="node-view" data-testid="node-view" data-kind={preview.kind}>
          <button
            type="button"
            className="port-preview node-view-button nodrag"
            aria-label={`Enlarge the view of ${node}`}
            title="Click to enlarge"
            onClick={() => trainingStore.setState({ enlarged: { node, port: NODE_VIEW_PORT } })}
          >
            <PreviewCanvas preview={preview} className="node-view-canvas" />
          </button>
          <div className="node-view-side">
            {preview.kind === 'critic-map' && (
              <>
                <figcaption>
                  {preview.scale === 'score' ? 'Critic over the plane' : 'D over the plane'}
                </figcaption>
                <CriticMapKey preview={preview} compact />
              </>
            )}
            {preview.kind === 'class-shares' && <ClassSharesKey preview={preview} />}
          </div>
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
