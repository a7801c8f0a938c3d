// How losses, optimizers and networks relate: which networks a loss can train, which
// networks each optimizer trains, and the warnings when something trains nothing.

import type { AnyNodeDefinition, NodeRegistry } from '../types/definition';
import { type GraphIssue, makeIssue } from '../types/issues';
import { paramsWithDefaults } from './context';
import type { GraphIndex } from './graph-index';
import type { NetworkInfo } from './networks';

/** Networks whose weights influence a node's value: members upstream, and networks applied by instances or losses. */
export function upstreamNetworks(
  index: GraphIndex,
  registry: NodeRegistry,
  networkOf: ReadonlyMap<string, string>,
  start: string,
): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const net = networkOf.get(id);
    if (net !== undefined) found.add(net);
    const node = index.nodes.get(id);
    const def = node && registry.get(node.type);
    if (node && def?.build.role === 'instance')
      found.add(def.build.network(paramsWithDefaults(def, node.params)));
    if (node && def?.build.role === 'loss' && def.build.appliesNetwork)
      found.add(def.build.appliesNetwork(paramsWithDefaults(def, node.params)));
    for (const edge of index.incoming.get(id) ?? []) stack.push(edge.from.node);
  }
  return [...found];
}

/** Loss nodes feeding an optimizer, in edge order. */
export function optimizerLosses(index: GraphIndex, optimizerId: string): string[] {
  return (index.incoming.get(optimizerId) ?? []).map((e) => e.from.node);
}

/**
 * The networks an optimizer trains: the ones it names, or every network upstream of its losses,
 * less the ones it keeps frozen.
 */
export function optimizerNetworks(
  index: GraphIndex,
  registry: NodeRegistry,
  networkOf: ReadonlyMap<string, string>,
  optimizerId: string,
): string[] {
  const node = index.nodes.get(optimizerId);
  const def = node && registry.get(node.type);
  if (!node || def?.build.role !== 'optimizer') return [];
  const params = paramsWithDefaults(def, node.params);
  const frozen = new Set(def.build.frozen?.(params) ?? []);
  const named = def.build.networks(params);
  if (named.length > 0) return named.filter((net) => !frozen.has(net));
  const all = new Set<string>();
  for (const loss of optimizerLosses(index, optimizerId)) {
    for (const net of upstreamNetworks(index, registry, networkOf, loss)) all.add(net);
  }
  return [...all].filter((net) => !frozen.has(net));
}

export function graphWarnings(
  index: GraphIndex,
  registry: NodeRegistry,
  networks: ReadonlyMap<string, NetworkInfo>,
  networkOf: ReadonlyMap<string, string>,
  defs: ReadonlyMap<string, AnyNodeDefinition>,
): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const roleOf = (id: string): string | undefined => defs.get(id)?.build.role;
  const optimizers = [...defs.keys()].filter((id) => roleOf(id) === 'optimizer');
  const trained = new Set<string>();
  for (const opt of optimizers) {
    const node = index.nodes.get(opt);
    const def = defs.get(opt);
    if (node && def?.build.role === 'optimizer') {
      for (const net of def.build.networks(paramsWithDefaults(def, node.params))) {
        if (!networks.has(net))
          issues.push(makeIssue('E_UNKNOWN_NETWORK', { network: net, param: 'networks' }, opt));
      }
    }
    for (const net of optimizerNetworks(index, registry, networkOf, opt)) trained.add(net);
  }
  for (const [id, def] of defs) {
    if (def.build.role !== 'loss') continue;
    const feedsOptimizer = (index.outgoing.get(id) ?? []).some((e) => roleOf(e.to.node) === 'optimizer');
    if (!feedsOptimizer) issues.push(makeIssue('W_LOSS_UNUSED', {}, id));
    else if (upstreamNetworks(index, registry, networkOf, id).length === 0) {
      issues.push(makeIssue('W_NOTHING_TO_TRAIN', {}, id));
    }
  }
  if (optimizers.length === 0 && defs.size > 0) issues.push(makeIssue('W_NO_OPTIMIZER'));
  else {
    // A network of layers without weights (a lone flatten before a concatenation) needs no optimizer.
    const holdsWeights = (net: NetworkInfo): boolean =>
      net.members.some((id) => {
        const build = defs.get(id)?.build;
        return build?.role === 'layer' && build.weights !== undefined;
      });
    for (const net of networks.values()) {
      if (net.members.length > 0 && !trained.has(net.id) && holdsWeights(net)) {
        issues.push(makeIssue('W_NETWORK_UNTRAINED', { network: net.name }, net.members[0]));
      }
    }
  }
  return issues;
}
