// Preview data for the outputs of a pass: image grids, 2-D scatters and histograms as plain
// arrays, ready to paint in the page or write as PNG from the command line.

import type * as tfjs from '@tensorflow/tfjs';
import type { Program } from '../compile/program';
import { nodesNeeded, refKey } from '../compile/evaluate';
import type { ModeCoverage } from '../metrics/quality';
import type { CriticScale, PreviewKind } from '../types/definition';
import type { PortType } from '../types/ports';

interface PreviewBase {
  readonly node: string;
  readonly port: string;
}

export interface ImageGridPreview extends PreviewBase {
  readonly kind: 'image-grid';
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /** NHWC values clipped to [0, 1]. */
  readonly pixels: Float32Array;
  /** Images per row when the grid is laid out by class (otherwise the painter chooses). */
  readonly columns?: number;
  /** The class of each row, when images are grouped one row per class. */
  readonly rowClasses?: readonly number[];
}

export interface ScatterPreview extends PreviewBase {
  readonly kind: 'scatter';
  /** x, y pairs. */
  readonly points: Float32Array;
  /** Class of each point where the pass had labels. */
  readonly labels?: Int32Array;
}

export interface HistogramPreview extends PreviewBase {
  readonly kind: 'histogram';
  readonly values: Float32Array;
  readonly mean: number;
}

/** A discriminator over the plane with real and generated points on top (see critic-map.ts). */
export interface CriticMapPreview extends PreviewBase {
  readonly kind: 'critic-map';
  /** The map covers [-extent, extent] on both axes. */
  readonly extent: number;
  /** Cells per side. */
  readonly size: number;
  /** size * size values, row-major, the first row at the top (largest y). */
  readonly field: Float32Array;
  readonly scale: CriticScale;
  /** Lowest and highest value of the field as drawn (D(x) for logits and probabilities). */
  readonly range: readonly [number, number];
  /** x, y pairs. */
  readonly real: Float32Array;
  readonly fake: Float32Array;
  /** How the generated points cover the modes of the real points' mixture, when their source names one. */
  readonly coverage?: ModeCoverage;
}

/** Share of generated samples the project's classifier puts in each class (a sample metric). */
export interface ClassSharesPreview extends PreviewBase {
  readonly kind: 'class-shares';
  readonly shares: readonly number[];
  readonly classNames: readonly string[];
}

export type Preview =
  ImageGridPreview | ScatterPreview | HistogramPreview | CriticMapPreview | ClassSharesPreview;

/** The port name under which a node's own view (not one of its outputs) travels to the page. */
export const NODE_VIEW_PORT = 'view';

export const IMAGE_GRID_COUNT = 16;
/** Images in each row of a grid laid out one row per class. */
export const CLASS_ROW_COLUMNS = 8;
const HISTOGRAM_VALUES = 4096;

/** How much of a pass a kind of view shows: some samples, some values, every sample, or nothing. */
type Shown = { readonly samples: number } | { readonly values: number } | 'every sample' | 'nothing';

/**
 * What each kind of view shows of a preview pass, so the pass runs on no more samples than its
 * views show: a grid its first images (the enlarged view paints the same grid), a histogram its
 * first values whatever samples hold them, a scatter and a critic map every point, since their
 * spread is the picture. Class shares come from the sample metrics' own pass.
 */
const SHOWN: Readonly<Record<Preview['kind'], Shown>> = {
  'image-grid': { samples: IMAGE_GRID_COUNT },
  histogram: { values: HISTOGRAM_VALUES },
  scatter: 'every sample',
  'critic-map': 'every sample',
  'class-shares': 'nothing',
};

const isShown = (kind: string): kind is Preview['kind'] => Object.hasOwn(SHOWN, kind);

/** Samples a view of `kind` shows of an output with `perSample` values per sample, at most `most`. */
function samplesShown(kind: Preview['kind'], perSample: number, most: number): number {
  const shown = SHOWN[kind];
  if (shown === 'every sample') return most;
  if (shown === 'nothing') return 0;
  const wanted = 'samples' in shown ? shown.samples : Math.ceil(shown.values / Math.max(1, perSample));
  return Math.min(most, wanted);
}

/**
 * Samples a preview pass needs for every view to show what a pass on `most` samples would: the
 * largest need among the previewed outputs and the node `views` (critic maps), an image grid laid
 * out by class enough to fill its rows; at least 1, at most `most`.
 */
export function previewSamples(
  program: Program,
  most: number,
  views: readonly Preview['kind'][] = [],
): number {
  let need = 1;
  for (const kind of views) need = Math.max(need, samplesShown(kind, 1, most));
  for (const id of program.types.order) {
    for (const port of outputsOf(program, id)) {
      const type = program.types.outputs.get(id)?.[port.name];
      const kind = resolvePreviewKind(port.preview, type);
      if (type?.kind !== 'tensor' || !isShown(kind)) continue;
      const perSample = type.shape.reduce((n, d) => n * d, 1);
      need = Math.max(need, samplesShown(kind, perSample, most));
      if (kind === 'image-grid') need = Math.max(need, Math.min(most, samplesForClassRows(program, [id])));
    }
  }
  return need;
}

/** What an output shows: its declared kind, or for `auto` the kind its shape suggests. */
export function resolvePreviewKind(kind: PreviewKind | undefined, type: PortType | undefined): PreviewKind {
  if (type?.kind !== 'tensor' || kind === undefined || kind === 'none' || kind === 'loss-chart')
    return 'none';
  if (kind !== 'auto') return kind;
  const { shape } = type;
  if (shape.length === 3 && (shape[2] === 1 || shape[2] === 3)) return 'image-grid';
  if (shape.length === 1 && shape[0] === 2) return 'scatter';
  if (shape.length === 1) return 'histogram';
  return 'none';
}

interface PendingPreview {
  readonly node: string;
  readonly port: string;
  readonly kind: 'image-grid' | 'scatter' | 'histogram';
  readonly tensor: tfjs.Tensor;
  /** Index into the selection's label tensors: the labels of the data this output came from. */
  readonly labels?: number;
  /** Image grids only: lay the images out one row per class of these labels (same indexing). */
  readonly rowsBy?: number;
}

export interface PreviewSelection {
  readonly pending: PendingPreview[];
  readonly labels: tfjs.Tensor[];
}

/**
 * Chooses and slices the tensors to preview (those `want` accepts, all by default); call inside
 * tf.tidy, read them with `readPreviews`.
 */
export function selectPreviews(
  program: Program,
  tf: typeof tfjs,
  values: ReadonlyMap<string, tfjs.Tensor>,
  want: (node: string, kind: PendingPreview['kind']) => boolean = () => true,
): PreviewSelection {
  const pending: PendingPreview[] = [];
  const labels: tfjs.Tensor[] = [];
  const labelNodes: string[] = [];
  /** Indices into labelNodes of labels whose port asks for image grids one row per class. */
  const rowLabels: number[] = [];
  for (const id of program.types.order) {
    for (const port of outputsOf(program, id)) {
      const value = values.get(refKey({ node: id, port: port.name }));
      if (
        value &&
        program.types.outputs.get(id)?.[port.name]?.kind === 'labels' &&
        !labelNodes.includes(id)
      ) {
        if (port.previewRows === 'by-class') rowLabels.push(labelNodes.length);
        labelNodes.push(id);
        labels.push(value);
      }
    }
  }
  for (const id of program.types.order) {
    for (const port of outputsOf(program, id)) {
      const type = program.types.outputs.get(id)?.[port.name];
      const value = values.get(refKey({ node: id, port: port.name }));
      if (!value) continue;
      const kind = resolvePreviewKind(port.preview, type);
      if (kind === 'none' || kind === 'loss-chart' || kind === 'auto' || !want(id, kind)) continue;
      const rowsBy =
        kind === 'image-grid' && rowLabels.length > 0
          ? rowLabels.find((i) => nodesNeeded(program, [id]).has(labelNodes[i] ?? ''))
          : undefined;
      // A grid by class picks its rows after the labels are read, so it keeps the whole batch.
      const gridCount = rowsBy === undefined ? IMAGE_GRID_COUNT : (value.shape[0] ?? 0);
      const tensor =
        kind === 'image-grid'
          ? tf.clipByValue(value.slice(0, Math.min(gridCount, value.shape[0] ?? 0)), 0, 1)
          : kind === 'scatter'
            ? value.reshape([value.shape[0] ?? 0, -1]).slice([0, 0], [-1, 2])
            : value.flatten().slice(0, Math.min(HISTOGRAM_VALUES, value.size));
      // Colour points by class only when they derive from the labelled data (not generator samples).
      const upstream = kind === 'scatter' ? nodesNeeded(program, [id]) : undefined;
      const labelIndex = upstream ? labelNodes.findIndex((n) => upstream.has(n)) : -1;
      pending.push({
        node: id,
        port: port.name,
        kind,
        tensor,
        ...(labelIndex >= 0 && { labels: labelIndex }),
        ...(rowsBy !== undefined && { rowsBy }),
      });
    }
  }
  return { pending, labels };
}

/** Reads the selected tensors asynchronously (the only safe way on WebGPU) and disposes them. */
export async function readPreviews(selection: PreviewSelection): Promise<Preview[]> {
  const labelData = await Promise.all(selection.labels.map(async (t) => new Int32Array(await t.data())));
  const out: Preview[] = [];
  for (const item of selection.pending) {
    const data = new Float32Array(await item.tensor.data());
    const shape = item.tensor.shape;
    if (item.kind === 'image-grid') {
      const grid: ImageGridPreview = {
        kind: 'image-grid',
        node: item.node,
        port: item.port,
        count: shape[0] ?? 0,
        height: shape[1] ?? 0,
        width: shape[2] ?? 0,
        channels: shape[3] ?? 1,
        pixels: data,
      };
      const rowLabels = item.rowsBy === undefined ? undefined : labelData[item.rowsBy];
      out.push(rowLabels ? rowsByClass(grid, rowLabels) : grid);
    } else if (item.kind === 'scatter') {
      const count = shape[0] ?? 0;
      const labels = item.labels === undefined ? undefined : labelData[item.labels];
      out.push({
        kind: 'scatter',
        node: item.node,
        port: item.port,
        points: data,
        ...(labels && labels.length >= count && { labels: labels.slice(0, count) }),
      });
    } else {
      const mean = data.reduce((s, v) => s + v, 0) / Math.max(1, data.length);
      out.push({ kind: 'histogram', node: item.node, port: item.port, values: data, mean });
    }
  }
  for (const item of selection.pending) item.tensor.dispose();
  for (const t of selection.labels) t.dispose();
  return out;
}

/**
 * The same images regrouped one row per class present among `labels` (in class order), each row
 * holding as many images as the rarest class has, at most CLASS_ROW_COLUMNS.
 */
export function rowsByClass(grid: ImageGridPreview, labels: Int32Array): ImageGridPreview {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < Math.min(grid.count, labels.length); i++) {
    const label = labels[i] ?? 0;
    const members = byClass.get(label) ?? [];
    if (members.length < CLASS_ROW_COLUMNS) members.push(i);
    byClass.set(label, members);
  }
  const rowClasses = [...byClass.keys()].sort((a, b) => a - b);
  if (rowClasses.length === 0) return grid;
  const columns = Math.min(...rowClasses.map((c) => byClass.get(c)?.length ?? 0));
  const size = grid.height * grid.width * grid.channels;
  const pixels = new Float32Array(rowClasses.length * columns * size);
  rowClasses.forEach((label, row) => {
    (byClass.get(label) ?? []).slice(0, columns).forEach((image, column) => {
      pixels.set(grid.pixels.subarray(image * size, (image + 1) * size), (row * columns + column) * size);
    });
  });
  return { ...grid, count: rowClasses.length * columns, pixels, columns, rowClasses };
}

/**
 * Samples a pass needs so that each image grid laid out by class can fill its rows: classes times
 * CLASS_ROW_COLUMNS for the largest such label set upstream of `roots`, or 0 when there is none.
 */
export function samplesForClassRows(program: Program, roots: readonly string[]): number {
  const upstream = nodesNeeded(program, roots);
  let most = 0;
  for (const id of upstream) {
    for (const port of outputsOf(program, id)) {
      const type = program.types.outputs.get(id)?.[port.name];
      if (port.previewRows === 'by-class' && type?.kind === 'labels')
        most = Math.max(most, type.classes * CLASS_ROW_COLUMNS);
    }
  }
  return most;
}

function outputsOf(program: Program, id: string) {
  const node = program.types.index.nodes.get(id);
  return (node && program.registry.get(node.type)?.outputs) ?? [];
}
