// How much memory training a graph takes, estimated from its inferred types before anything is
// built: every layer's weights (from its definition's `weights`), the optimizers' state and weight
// gradients, and the activations of one training step at a batch size.

import { type GraphTypes, optimizerNetworks, paramsWithDefaults } from '../infer';
import type { AnyNodeDefinition, NodeRegistry } from '../types/definition';
import { elementCount, type PortType } from '../types/ports';

/** float32 and int32 alike. */
const BYTES_PER_VALUE = 4;

/** Optimizer state per trained weight when a definition does not say (Adam keeps two moments). */
const DEFAULT_STATE_SLOTS = 2;

/**
 * Activations are kept for the backward pass, which makes a gradient of the same size for each;
 * losses and ops make short-lived temporaries besides, which this factor also covers.
 */
const TRAINING_ACTIVATION_FACTOR = 2;

export interface MemoryEstimate {
  readonly batchSize: number;
  /** Values in every layer variable, trained or not. */
  readonly parameters: number;
  readonly weightBytes: number;
  /** What the optimizers keep per trained weight (Adam: two moments). */
  readonly optimizerBytes: number;
  /** Weight gradients of the largest phase, alive while it steps. */
  readonly gradientBytes: number;
  /** Activations and their gradients in a training step, or a preview pass if that is larger. */
  readonly activationBytes: number;
  readonly totalBytes: number;
  /** The node that takes the most (its weights with their state, or its activations). */
  readonly largest?: { readonly node: string; readonly bytes: number };
}

export interface EstimateOptions {
  readonly batchSize: number;
  /** Most samples in a preview pass (forward only, no gradients); 256 by default. */
  readonly previewSize?: number;
}

const defOf = (types: GraphTypes, registry: NodeRegistry, id: string): AnyNodeDefinition | undefined => {
  const node = types.index.nodes.get(id);
  return node && registry.get(node.type);
};

const paramsOf = (types: GraphTypes, def: AnyNodeDefinition, id: string) =>
  paramsWithDefaults(def, types.index.nodes.get(id)?.params ?? {});

/** Bytes one sample of an output takes: tensors by their shape, labels one int each, losses nothing. */
function sampleBytes(type: PortType): number {
  if (type.kind === 'tensor') return elementCount(type.shape) * BYTES_PER_VALUE;
  return type.kind === 'labels' ? BYTES_PER_VALUE : 0;
}

/** Trained and other weight values of one layer node, from its definition. */
function layerValues(types: GraphTypes, registry: NodeRegistry, id: string) {
  const def = defOf(types, registry, id);
  if (def?.build.role !== 'layer' || !def.build.weights) return { trained: 0, fixed: 0 };
  const given = types.inputs.get(id) ?? {};
  const inputs = def.inputs.flatMap((spec) => given[spec.name] ?? []);
  let trained = 0;
  let fixed = 0;
  for (const weight of def.build.weights(inputs, paramsOf(types, def, id))) {
    if (weight.trainable) trained += elementCount(weight.shape);
    else fixed += elementCount(weight.shape);
  }
  return { trained, fixed };
}

/** Estimates the memory a training run of a graph that inferred without errors needs. */
export function estimateMemory(
  types: GraphTypes,
  registry: NodeRegistry,
  options: EstimateOptions,
): MemoryEstimate {
  const { batchSize } = options;
  const previewSize = options.previewSize ?? 256;
  const perNode = new Map<string, number>();
  const add = (id: string, bytes: number) => perNode.set(id, (perNode.get(id) ?? 0) + bytes);

  // Weights, and the trained bytes of each network for its optimizers.
  let parameters = 0;
  const trainedIn = new Map<string, number>();
  const trainedOf = new Map<string, number>();
  for (const id of types.order) {
    const { trained, fixed } = layerValues(types, registry, id);
    parameters += trained + fixed;
    add(id, (trained + fixed) * BYTES_PER_VALUE);
    trainedOf.set(id, trained * BYTES_PER_VALUE);
    const net = types.networkOf.get(id);
    if (net !== undefined) trainedIn.set(net, (trainedIn.get(net) ?? 0) + trained * BYTES_PER_VALUE);
  }

  // Each optimizer keeps its slots for every weight it trains; one phase's gradients live at a time.
  let optimizerBytes = 0;
  let gradientBytes = 0;
  for (const id of types.order) {
    const def = defOf(types, registry, id);
    if (def?.build.role !== 'optimizer') continue;
    const slots = def.build.stateSlots?.(paramsOf(types, def, id)) ?? DEFAULT_STATE_SLOTS;
    const nets = new Set(optimizerNetworks(types.index, registry, types.networkOf, id));
    const trained = [...nets].reduce((sum, net) => sum + (trainedIn.get(net) ?? 0), 0);
    optimizerBytes += trained * slots;
    gradientBytes = Math.max(gradientBytes, trained);
    for (const [node, bytes] of trainedOf) {
      const net = types.networkOf.get(node);
      if (net !== undefined && nets.has(net)) add(node, bytes * slots);
    }
  }

  // Activations per sample; an instance runs its network's layers once more.
  const outputBytes = (id: string) =>
    Object.values(types.outputs.get(id) ?? {}).reduce((sum, type) => sum + sampleBytes(type), 0);
  let perSample = 0;
  for (const id of types.order) {
    const def = defOf(types, registry, id);
    let bytes = outputBytes(id);
    if (def?.build.role === 'instance') {
      const members = types.networks.get(def.build.network(paramsOf(types, def, id)))?.members ?? [];
      bytes += members.reduce((sum, member) => sum + outputBytes(member), 0);
    }
    perSample += bytes;
    add(id, bytes * batchSize * TRAINING_ACTIVATION_FACTOR);
  }
  const activationBytes = Math.max(
    perSample * batchSize * TRAINING_ACTIVATION_FACTOR,
    perSample * previewSize,
  );

  const weightBytes = parameters * BYTES_PER_VALUE;
  let largest: MemoryEstimate['largest'];
  for (const [node, bytes] of perNode) if (bytes > (largest?.bytes ?? 0)) largest = { node, bytes };
  return {
    batchSize,
    parameters,
    weightBytes,
    optimizerBytes,
    gradientBytes,
    activationBytes,
    totalBytes: weightBytes + optimizerBytes + gradientBytes + activationBytes,
    ...(largest && { largest }),
  };
}

const KB = 1024;
const MB = KB * 1024;
const GB = MB * 1024;

/** "2.3 GB", "840 MB", "12 KB": sizes as people read them (binary units). */
export function formatBytes(bytes: number): string {
  if (bytes >= GB) return `${Number((bytes / GB).toFixed(bytes >= 10 * GB ? 0 : 1))} GB`;
  if (bytes >= MB) return `${Math.round(bytes / MB)} MB`;
  return `${Math.max(1, Math.round(bytes / KB))} KB`;
}
