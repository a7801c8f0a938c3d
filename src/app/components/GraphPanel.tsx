// One graph: its title and description, load warnings for a file, inference problems, and the node table.

import { useMemo } from 'react';
import type { NodeRegistry } from '../../core/types/definition';
import { describeGraph } from '../graph-report';
import type { ShownGraph } from '../shown';
import { IssueList } from './IssueList';
import { LoadWarnings } from './LoadWarnings';
import { NodeTable } from './NodeTable';

interface GraphPanelProps {
  readonly graph: ShownGraph;
  readonly registry: NodeRegistry;
}

export function GraphPanel({ graph, registry }: GraphPanelProps) {
  const { doc, warnings } = graph.loaded;
  const report = useMemo(() => describeGraph(doc, registry), [doc, registry]);
  return (
    <article className="graph" data-source={graph.source}>
      <header>
        <p className="source">{graph.source}</p>
        <h2>{doc.meta.title}</h2>
        {doc.meta.lecture !== undefined && <p className="lecture">Lecture: {doc.meta.lecture}</p>}
        {doc.meta.description !== '' && <p className="description">{doc.meta.description}</p>}
      </header>
      {(graph.fromFile || warnings.length > 0) && <LoadWarnings warnings={warnings} />}
      <IssueList issues={report.issues} />
      <NodeTable nodes={report.nodes} />
    </article>
  );
}
