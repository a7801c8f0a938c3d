// The Trainer's preview passes: everything on fixed test inputs (the full pass), or only the points
// a student watches move (the live pass), both read without blocking and freed even on failure.

import type * as tfjs from '@tensorflow/tfjs';
import { nodesNeeded, type PassSettings, runPass } from '../compile/evaluate';
import type { Program } from '../compile/program';
import type { RunMode } from '../types/definition';
import {
  type CriticMapPlan,
  CriticResolution,
  criticMapPlans,
  type PendingCriticMap,
  readCriticMaps,
  selectCriticMaps,
} from './critic-map';
import {
  type Preview,
  type PreviewSelection,
  previewSamples,
  readPreviews,
  selectPreviews,
} from './previews';

/** What a preview pass needs from a trainer. */
export interface PreviewSource {
  readonly program: Program;
  readonly tf: typeof tfjs;
  readonly criticMaps: readonly CriticMapPlan[];
  /** The side of the critic maps, which the live passes' cost sets. */
  readonly criticResolution: CriticResolution;
  /** Inputs of the preview passes: this many fixed test samples (as many as the views show). */
  readonly samples: number;
  /** Settings of a pass on the fixed test inputs, with the nodes' kept state. */
  fixedPass(mode: RunMode, size: number): PassSettings;
}

/**
 * What the preview passes of `program` read: its critic maps, and as many fixed samples as its
 * views show, at most `most`.
 */
export function previewSource(
  program: Program,
  tf: typeof tfjs,
  most: number,
  fixedPass: PreviewSource['fixedPass'],
): PreviewSource {
  const criticMaps = criticMapPlans(program);
  const views = criticMaps.map(() => 'critic-map' as const);
  return {
    program,
    tf,
    criticMaps,
    criticResolution: new CriticResolution(),
    samples: previewSamples(program, most, views),
    fixedPass,
  };
}

/**
 * Runs the nodes `needed` on the fixed preview inputs and reads the previews `want` accepts (all by
 * default), with the critic maps.
 */
async function previewPass(
  source: PreviewSource,
  needed: ReadonlySet<string>,
  want?: (node: string, kind: string) => boolean,
): Promise<Preview[]> {
  const { tf, program, criticMaps, criticResolution } = source;
  const holder: { selection?: PreviewSelection; maps: PendingCriticMap[] } = { maps: [] };
  tf.tidy(() => {
    const { values } = runPass(program, tf, needed, source.fixedPass('preview', source.samples));
    const selection = selectPreviews(program, tf, values, want);
    const maps = selectCriticMaps(program, tf, values, criticMaps, criticResolution.cells);
    // Keep what is read below; everything else of the pass is freed when tidy ends.
    for (const item of selection.pending) tf.keep(item.tensor);
    for (const t of selection.labels) tf.keep(t);
    for (const m of maps) [m.extent, m.field, m.real, m.fake].forEach((t) => tf.keep(t));
    holder.selection = selection;
    holder.maps = maps;
  });
  // Both read and free their tensors even when the other fails.
  const [previews, maps] = await Promise.all([
    holder.selection ? readPreviews(holder.selection) : [],
    readCriticMaps(holder.maps, criticResolution.cells),
  ]);
  return [...previews, ...maps];
}

/** Previews of every output that has one. */
export function fullPreviews(source: PreviewSource): Promise<Preview[]> {
  return previewPass(source, new Set(source.program.types.order));
}

/**
 * The critic maps of 2-D GANs and the `scatters` (2-D points that training moves), from a pass on
 * the same fixed inputs (and as many) as the full one: cheap enough to stay live between full
 * passes, and drawn the same way so nothing jumps when the full pass comes.
 */
export async function livePointPreviews(
  source: PreviewSource,
  scatters: readonly string[],
): Promise<Preview[]> {
  const { program, criticMaps } = source;
  if (criticMaps.length === 0 && scatters.length === 0) return [];
  const roots = [...criticMaps.flatMap((p) => [p.realPoints.node, p.fakePoints.node]), ...scatters];
  const moving = (node: string, kind: string) => kind === 'scatter' && scatters.includes(node);
  const started = performance.now();
  const previews = await previewPass(source, nodesNeeded(program, roots), moving);
  if (criticMaps.length > 0) source.criticResolution.observe(performance.now() - started);
  return previews;
}
