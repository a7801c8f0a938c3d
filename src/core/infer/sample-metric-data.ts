// A sample metric's classifier must know the generator's kind of images: FID of Fashion-MNIST
// samples judged by the digits classifier means nothing. When the graph's sources read datasets
// and a sample metric's classifier is for none of them, the metric gets a warning naming both.

import type { AnyNodeDefinition } from '../types/definition';
import { type GraphIssue, makeIssue } from '../types/issues';
import { paramsWithDefaults } from './context';
import type { GraphIndex } from './graph-index';

export function sampleMetricWarnings(
  index: GraphIndex,
  defs: ReadonlyMap<string, AnyNodeDefinition>,
): GraphIssue[] {
  const read = new Set<string>();
  for (const [id, def] of defs) {
    const node = index.nodes.get(id);
    if (node && def.build.role === 'source') {
      for (const name of def.build.datasets?.(paramsWithDefaults(def, node.params)) ?? []) read.add(name);
    }
  }
  if (read.size === 0) return [];
  const issues: GraphIssue[] = [];
  for (const [id, def] of defs) {
    const node = index.nodes.get(id);
    if (!node || def.build.role !== 'sample-metric') continue;
    const judged = def.build.classifier(paramsWithDefaults(def, node.params));
    if (!read.has(judged)) {
      issues.push(
        makeIssue(
          'W_CLASSIFIER_DATASET',
          { param: 'dataset', actual: judged, expected: [...read].join(', ') },
          id,
        ),
      );
    }
  }
  return issues;
}
