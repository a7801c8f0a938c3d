// Which ports the latent views read and write for a chosen vector output, decided from the
// inferred types and the node definitions' roles and ports (never from node type names):
// the test images and labels upstream, where given codes enter the graph to be decoded, the
// image they decode to, and a VAE's mu / logVar pair when a KL loss reads the port.

import type { GraphTypes } from '../infer';
import { paramsWithDefaults } from '../infer';
import type { PortRef } from '../graph/document';
import type { NodeRegistry } from '../types/definition';
import { formatType, type PortType } from '../types/ports';

export interface LatentPlan {
  /** The chosen vector output whose values are the codings. */
  readonly coding: PortRef;
  readonly dim: number;
  /** Where given codes enter to be decoded: the coding itself, or the first op output after it with
   * the same shape that feeds a network (a VAE's sampled z after mu). Null when nothing decodes it. */
  readonly decodeFrom: PortRef | null;
  /** The first image output downstream of `decodeFrom`: what a code decodes to. */
  readonly decoded: PortRef | null;
  /** The image output of the source the codings come from (for hovering and cross-fades). */
  readonly images: PortRef | null;
  /** That source's class labels. */
  readonly labels: PortRef | null;
  /** Datasets the source reads; its first one names the classes. */
  readonly datasets: readonly string[];
  /** mu and logVar of a KL loss that reads the coding as its mean: the prior is N(0, I). */
  readonly kl: { readonly mu: PortRef; readonly logVar: PortRef } | null;
}

export type PlanResult =
  { readonly ok: true; readonly plan: LatentPlan } | { readonly ok: false; readonly problem: string };

const isImage = (type: PortType | undefined): boolean =>
  type?.kind === 'tensor' && type.shape.length === 3 && (type.shape[2] === 1 || type.shape[2] === 3);

/** A vector output [B,n]: the kind of port the latent views work on. */
export function isVectorPort(types: GraphTypes, ref: PortRef): boolean {
  const type = types.outputs.get(ref.node)?.[ref.port];
  return type?.kind === 'tensor' && type.shape.length === 1 && (type.shape[0] ?? 0) >= 1;
}

function roleOf(types: GraphTypes, registry: NodeRegistry, id: string) {
  const node = types.index.nodes.get(id);
  return node ? registry.get(node.type)?.build.role : undefined;
}

/** Nodes that feed `start`, directly or not. */
function upstreamOf(types: GraphTypes, start: string): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const edge of types.index.incoming.get(id) ?? []) {
      if (!seen.has(edge.from.node)) {
        seen.add(edge.from.node);
        stack.push(edge.from.node);
      }
    }
  }
  return seen;
}

/** Ports read downstream of `ref`, nearest first, not passing through losses, metrics or optimizers. */
function downstreamPorts(types: GraphTypes, registry: NodeRegistry, ref: PortRef): PortRef[] {
  const out: PortRef[] = [];
  const seen = new Set<string>();
  let frontier = (types.index.outgoing.get(ref.node) ?? []).filter((e) => e.from.port === ref.port);
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const edge of frontier) {
      const id = edge.to.node;
      if (seen.has(id)) continue;
      seen.add(id);
      const role = roleOf(types, registry, id);
      if (role === 'loss' || role === 'metric' || role === 'optimizer') continue;
      for (const port of Object.keys(types.outputs.get(id) ?? {})) out.push({ node: id, port });
      next.push(...(types.index.outgoing.get(id) ?? []));
    }
    frontier = next;
  }
  return out;
}

/**
 * Where codes for `coding` are given to decode them: the coding itself when a layer or a network
 * instance reads it, otherwise the nearest op output of the same shape that one reads (mu -> z).
 */
function findDecodeFrom(types: GraphTypes, registry: NodeRegistry, coding: PortRef): PortRef | null {
  const shape = JSON.stringify((types.outputs.get(coding.node)?.[coding.port] as { shape?: unknown }).shape);
  const seen = new Set<string>();
  let frontier: PortRef[] = [coding];
  while (frontier.length > 0) {
    const next: PortRef[] = [];
    for (const ref of frontier) {
      const readers = (types.index.outgoing.get(ref.node) ?? []).filter((e) => e.from.port === ref.port);
      if (readers.some((e) => ['layer', 'instance'].includes(roleOf(types, registry, e.to.node) ?? ''))) {
        return ref;
      }
      for (const edge of readers) {
        const id = edge.to.node;
        if (seen.has(id) || roleOf(types, registry, id) !== 'op') continue;
        seen.add(id);
        for (const [port, type] of Object.entries(types.outputs.get(id) ?? {})) {
          if (type.kind === 'tensor' && JSON.stringify(type.shape) === shape) next.push({ node: id, port });
        }
      }
    }
    frontier = next;
  }
  return null;
}

/** A loss that reads the coding on its `mu` input and something on its `logVar` input. */
function findKl(types: GraphTypes, registry: NodeRegistry, coding: PortRef): LatentPlan['kl'] {
  for (const edge of types.index.outgoing.get(coding.node) ?? []) {
    if (edge.from.port !== coding.port || edge.to.port !== 'mu') continue;
    const node = types.index.nodes.get(edge.to.node);
    const def = node && registry.get(node.type);
    if (def?.build.role !== 'loss' || !def.inputs.some((p) => p.name === 'logVar')) continue;
    const logVar = (types.index.incoming.get(edge.to.node) ?? []).find((e) => e.to.port === 'logVar');
    if (logVar) return { mu: coding, logVar: logVar.from };
  }
  return null;
}

/** The source (in evaluation order) upstream of the coding with an image or labels output. */
function findSource(types: GraphTypes, registry: NodeRegistry, coding: PortRef) {
  const upstream = upstreamOf(types, coding.node);
  for (const id of types.order) {
    if (!upstream.has(id) || roleOf(types, registry, id) !== 'source') continue;
    const outputs = Object.entries(types.outputs.get(id) ?? {});
    const image = outputs.find(([, t]) => isImage(t));
    const labels = outputs.find(([, t]) => t.kind === 'labels');
    if (!image && !labels) continue;
    const node = types.index.nodes.get(id);
    const def = node && registry.get(node.type);
    const build = def?.build;
    const datasets =
      node && def && build?.role === 'source'
        ? (build.datasets?.(paramsWithDefaults(def, node.params)) ?? [])
        : [];
    return {
      images: image ? { node: id, port: image[0] } : null,
      labels: labels ? { node: id, port: labels[0] } : null,
      datasets,
    };
  }
  return { images: null, labels: null, datasets: [] as readonly string[] };
}

export function planLatentViews(types: GraphTypes, registry: NodeRegistry, coding: PortRef): PlanResult {
  const type = types.outputs.get(coding.node)?.[coding.port];
  if (!type) return { ok: false, problem: `There is no output "${coding.port}" on node "${coding.node}".` };
  if (!isVectorPort(types, coding)) {
    return {
      ok: false,
      problem: `The latent views need a vector output [B,n]; ${coding.node}.${coding.port} is ${formatType(type)}.`,
    };
  }
  if (!types.order.includes(coding.node)) {
    return {
      ok: false,
      problem: `Node "${coding.node}" is not part of the graph's evaluation (is it on a cycle?).`,
    };
  }
  const decodeFrom = findDecodeFrom(types, registry, coding);
  const decoded = decodeFrom
    ? (downstreamPorts(types, registry, decodeFrom).find((ref) =>
        isImage(types.outputs.get(ref.node)?.[ref.port]),
      ) ?? null)
    : null;
  return {
    ok: true,
    plan: {
      coding,
      dim: (type as { shape: readonly number[] }).shape[0] ?? 0,
      decodeFrom,
      decoded,
      ...findSource(types, registry, coding),
      kl: findKl(types, registry, coding),
    },
  };
}
