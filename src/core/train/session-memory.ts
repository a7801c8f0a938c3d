// Refusing a graph too large to train before anything is compiled: its estimated memory against a
// limit per backend, with the estimate in words the student can act on.

import { estimateMemory, formatBytes, type MemoryEstimate } from '../compile/memory';
import type { GraphDocument } from '../graph/document';
import { inferGraph } from '../infer';
import type { NodeRegistry } from '../types/definition';
import type { BackendName } from './backend-names';

const GB = 1024 ** 3;

/**
 * What a session lets one graph take on each backend. Browsers say nothing of a GPU's free
 * memory, so WebGPU and WebGL assume a modest 1 GB; tfjs's wasm memory can grow to 4 GB but has to
 * hold everything in one block; the cpu backend's typed arrays share the tab's memory.
 */
export const DEFAULT_MEMORY_LIMITS: Readonly<Record<BackendName, number>> = {
  webgpu: 1 * GB,
  webgl: 1 * GB,
  wasm: 2 * GB,
  cpu: 2 * GB,
};

export class GraphTooLargeError extends Error {
  constructor(
    readonly estimate: MemoryEstimate,
    readonly limit: number,
    readonly backend: BackendName,
  ) {
    super(tooLargeMessage(estimate, limit, backend));
  }
}

export function tooLargeMessage(estimate: MemoryEstimate, limit: number, backend: BackendName): string {
  const { totalBytes, batchSize, weightBytes, optimizerBytes, gradientBytes, activationBytes, largest } =
    estimate;
  const parts = [
    `weights ${formatBytes(weightBytes)}`,
    `optimizer state and gradients ${formatBytes(optimizerBytes + gradientBytes)}`,
    `activations ${formatBytes(activationBytes)}`,
  ];
  const most = largest ? ` The largest part is node "${largest.node}" (${formatBytes(largest.bytes)}).` : '';
  return (
    `This graph needs about ${formatBytes(totalBytes)} to train at batch ${batchSize} ` +
    `(${parts.join(', ')}), more than the ${formatBytes(limit)} allowed on ${backend}.${most} ` +
    'Lower the batch size or the layer widths.'
  );
}

export interface MemoryCheck {
  readonly registry: NodeRegistry;
  readonly batchSize: number;
  readonly previewSize?: number | undefined;
  readonly backend: BackendName;
  readonly limits?: Partial<Record<BackendName, number>> | undefined;
}

/**
 * Throws GraphTooLargeError when the graph would need more than the backend's limit; a graph with
 * errors passes, so that compiling it reports them.
 */
export function checkMemory(doc: GraphDocument, check: MemoryCheck): MemoryEstimate | null {
  const types = inferGraph(doc, check.registry);
  if (types.hasErrors) return null;
  const estimate = estimateMemory(types, check.registry, {
    batchSize: check.batchSize,
    ...(check.previewSize !== undefined && { previewSize: check.previewSize }),
  });
  const limit = check.limits?.[check.backend] ?? DEFAULT_MEMORY_LIMITS[check.backend];
  if (estimate.totalBytes > limit) throw new GraphTooLargeError(estimate, limit, check.backend);
  return estimate;
}
