// The discriminator over the plane, as GAN Lab draws it: for a loss whose definition declares a
// critic map, the network behind its real and fake scores is applied to a grid covering every real
// and generated point, and the points go on top. Where the real points come from a Gaussian mixture,
// the generated ones are counted against its modes (modes hit, share within 3 std of a mode).

import type * as tfjs from '@tensorflow/tfjs';
import { applyNetwork, refKey } from '../compile/evaluate';
import type { CompiledNetwork, Program } from '../compile/program';
import type { PortRef } from '../graph/document';
import { modeCoverage } from '../metrics/quality';
import type { CriticScale, Mixture } from '../types/definition';
import { type CriticMapPreview, NODE_VIEW_PORT } from './previews';

/** Cells per side of the map at most, and at least when drawing it costs too much. */
export const CRITIC_MAP_CELLS = 64;
const MIN_CELLS = 16;
/** Time a live pass with critic maps should take (ms): above 1.5 times it the maps get coarser. */
const LIVE_PASS_BUDGET_MS = 25;

/**
 * The side of the critic maps, set by what the live passes cost. A map applies the discriminator
 * to cells^2 points; one with minibatch discrimination compares each with a block of 256 others, so
 * its 64 x 64 map took 195 ms on wasm, more than two training steps, and held the live previews to
 * about two a second. Such a map is drawn coarser (the page interpolates between cell centres) and
 * finer again when the cost falls well under the budget.
 */
export class CriticResolution {
  cells = CRITIC_MAP_CELLS;

  /** Takes the time (ms) of a live pass drawn at the current size. */
  observe(ms: number): void {
    if (!(ms > 0)) return;
    const fit = (scale: number) => Math.floor((this.cells * Math.sqrt(scale)) / 8) * 8;
    if (ms > LIVE_PASS_BUDGET_MS * 1.5) {
      this.cells = Math.max(MIN_CELLS, Math.min(this.cells - 8, fit(LIVE_PASS_BUDGET_MS / ms)));
    } else if (ms < LIVE_PASS_BUDGET_MS / 3) {
      this.cells = Math.min(CRITIC_MAP_CELLS, Math.max(this.cells, fit(LIVE_PASS_BUDGET_MS / 2 / ms)));
    }
  }
}
/** Standard deviations from a mode within which a generated point counts as hitting it. */
const COVERAGE_SIGMAS = 3;

export interface CriticMapPlan {
  /** The loss node that shows the map. */
  readonly node: string;
  readonly network: CompiledNetwork;
  readonly realPoints: PortRef;
  readonly fakePoints: PortRef;
  readonly scale: CriticScale;
  readonly mixture: Mixture | null;
}

/** Where the scores on an input of `node` come from: which network, applied to which points. */
function traceScores(program: Program, node: string, port: string) {
  const { types, registry, networks } = program;
  const edge = (types.index.incoming.get(node) ?? []).find((e) => e.to.port === port);
  if (!edge) return undefined;
  const from = edge.from;
  const fromNode = types.index.nodes.get(from.node);
  const build = fromNode && registry.get(fromNode.type)?.build;
  if (build?.role === 'instance') {
    const network = networks.get(build.network(program.params.get(from.node) ?? {}));
    const points = (types.index.incoming.get(from.node) ?? []).find((e) => e.to.port === 'in')?.from;
    return network && points && { network, points };
  }
  const network = networks.get(types.networkOf.get(from.node) ?? '');
  const output = network?.outputRefs[0];
  const points = network?.inputRefs[0];
  if (!network || !output || !points || refKey(output) !== refKey(from)) return undefined;
  return { network, points };
}

const isVector = (program: Program, ref: PortRef, length: number): boolean => {
  const type = program.types.outputs.get(ref.node)?.[ref.port];
  return type?.kind === 'tensor' && type.shape.length === 1 && type.shape[0] === length;
};

/**
 * The maps a program can draw: loss nodes declaring one whose two inputs are scores of the same
 * network, with one 2-D input and one score out, applied to real and to generated points.
 */
export function criticMapPlans(program: Program): CriticMapPlan[] {
  const { types, registry } = program;
  const plans: CriticMapPlan[] = [];
  for (const id of types.order) {
    const node = types.index.nodes.get(id);
    const def = node && registry.get(node.type);
    const spec = def?.criticMap;
    if (!spec) continue;
    const real = traceScores(program, id, spec.real);
    const fake = traceScores(program, id, spec.fake);
    if (!real || !fake || real.network !== fake.network) continue;
    const net = real.network;
    const [input] = net.inputRefs;
    const [output] = net.outputRefs;
    if (net.inputRefs.length !== 1 || net.outputRefs.length !== 1 || !input || !output) continue;
    if (!isVector(program, input, 2) || !isVector(program, output, 1)) continue;
    if (!isVector(program, real.points, 2) || !isVector(program, fake.points, 2)) continue;
    const source = types.index.nodes.get(real.points.node);
    const sourceDef = source && registry.get(source.type);
    const params = program.params.get(id) ?? {};
    plans.push({
      node: id,
      network: net,
      realPoints: real.points,
      fakePoints: fake.points,
      scale: spec.scale(params),
      mixture: sourceDef?.mixture?.(program.params.get(real.points.node) ?? {}) ?? null,
    });
  }
  return plans;
}

/** Cell centres of a `cells` x `cells` grid over [-1, 1]^2, row-major from the top row (y = 1). */
export function unitGrid(cells: number): Float32Array {
  const out = new Float32Array(cells * cells * 2);
  for (let row = 0; row < cells; row++) {
    for (let col = 0; col < cells; col++) {
      const i = (row * cells + col) * 2;
      out[i] = -1 + (2 * col + 1) / cells;
      out[i + 1] = 1 - (2 * row + 1) / cells;
    }
  }
  return out;
}

export interface PendingCriticMap {
  readonly plan: CriticMapPlan;
  readonly extent: tfjs.Tensor;
  readonly field: tfjs.Tensor;
  readonly real: tfjs.Tensor;
  readonly fake: tfjs.Tensor;
}

/**
 * The tensors of each map from a pass's values; call inside tf.tidy and keep them. The square is
 * centred on the origin and reaches 10% past the farthest point, so nothing falls outside.
 */
/** Grid points per application of the network. */
const GRID_BLOCK = 256;

export function selectCriticMaps(
  program: Program,
  tf: typeof tfjs,
  values: ReadonlyMap<string, tfjs.Tensor>,
  plans: readonly CriticMapPlan[] = criticMapPlans(program),
  cells = CRITIC_MAP_CELLS,
): PendingCriticMap[] {
  const out: PendingCriticMap[] = [];
  for (const plan of plans) {
    const real = values.get(refKey(plan.realPoints));
    const fake = values.get(refKey(plan.fakePoints));
    const [input] = plan.network.inputRefs;
    const [output] = plan.network.outputRefs;
    if (!real || !fake || !input || !output) continue;
    const extent = tf.maximum(tf.mul(tf.max(tf.abs(tf.concat([real, fake]))), 1.1), 1e-3);
    const grid = tf.mul(tf.tensor2d(unitGrid(cells), [cells * cells, 2]), extent);
    // The grid goes through in blocks the size of a training batch or so: a layer that looks across
    // the batch (minibatch discrimination) costs batch^2 memory, and 4,096 points at once overflow wasm.
    const parts: tfjs.Tensor[] = [];
    for (let start = 0; start < cells * cells; start += GRID_BLOCK) {
      const block = grid.slice([start, 0], [Math.min(GRID_BLOCK, cells * cells - start), 2]);
      const scores = applyNetwork(program, plan.network, new Map([[refKey(input), block]]), false).get(
        refKey(output),
      );
      if (scores) parts.push(scores.reshape([-1]));
    }
    if (parts.length === 0) continue;
    const flat = tf.concat(parts);
    out.push({
      plan,
      extent,
      field: plan.scale === 'logits' ? tf.sigmoid(flat) : flat,
      real: real.clone(),
      fake: fake.clone(),
    });
  }
  return out;
}

/** Reads the kept tensors asynchronously (safe on WebGPU), disposes them and counts mode coverage. */
export async function readCriticMaps(
  pending: readonly PendingCriticMap[],
  cells = CRITIC_MAP_CELLS,
): Promise<CriticMapPreview[]> {
  const out: CriticMapPreview[] = [];
  try {
    for (const item of pending) {
      const [extent, field, real, fake] = await Promise.all(
        [item.extent, item.field, item.real, item.fake].map(async (t) => new Float32Array(await t.data())),
      );
      const { plan } = item;
      const drawn = field ?? new Float32Array(0);
      const finite = [...drawn].filter(Number.isFinite);
      const range: [number, number] =
        plan.scale === 'score' && finite.length > 0 ? [Math.min(...finite), Math.max(...finite)] : [0, 1];
      const fakePoints = fake ?? new Float32Array(0);
      out.push({
        kind: 'critic-map',
        node: plan.node,
        port: NODE_VIEW_PORT,
        extent: extent?.[0] ?? 1,
        size: cells,
        field: drawn,
        scale: plan.scale,
        range,
        real: real ?? new Float32Array(0),
        fake: fakePoints,
        ...(plan.mixture && {
          coverage: modeCoverage(fakePoints, plan.mixture.modes, plan.mixture.std, COVERAGE_SIGMAS),
        }),
      });
    }
  } finally {
    for (const item of pending) item.extent.dispose();
    for (const item of pending) item.field.dispose();
    for (const item of pending) item.real.dispose();
    for (const item of pending) item.fake.dispose();
  }
  return out;
}
