// The one node card for every node type, drawn from its view: a header in the category's colour,
// ports as handles coloured by kind with the inferred type on each output, a param summary, and
// problems on the port or node that causes them.

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { Fragment, memo, type CSSProperties } from 'react';
import { LossChart, PortPreview } from '../training/NodePreviews';
import { useTraining } from '../training/training-store';
import { useNodeView } from './canvas-views';
import type { GraphFlowNode } from './flow-model';
import { IssueMarker, IssueLines } from './IssueMarker';
import type { PortView } from './node-view';
import { countRender } from './render-count';
import './node-card.css';

/** How many param chips a card shows before "+n more". */
const MAX_CHIPS = 4;

function InputRow({ port }: { readonly port: PortView }) {
  return (
    <div className={`node-port input kind-${port.kind}`} data-port={port.name} data-side="input">
      <Handle
        type="target"
        position={Position.Left}
        id={port.name}
        className={`port-handle kind-${port.kind}${port.multiple ? ' multiple' : ''}`}
        title={`${port.label}: ${port.kind}${port.multiple ? ', takes several edges' : ''}${port.type ? `, gets ${port.type}` : ''}`}
      />
      <span className="node-port-label">
        {port.label}
        {port.multiple && (
          <span className="node-port-multiple" title="takes several edges">
            {' '}
            ×n
          </span>
        )}
        {port.optional && <span className="node-port-optional"> (optional)</span>}
      </span>
      {port.issues.length > 0 && <IssueMarker issues={port.issues} where={`input ${port.label}`} />}
    </div>
  );
}

function OutputRow({ port }: { readonly port: PortView }) {
  return (
    <div className={`node-port output kind-${port.kind}`} data-port={port.name} data-side="output">
      {port.issues.length > 0 && <IssueMarker issues={port.issues} where={`output ${port.label}`} />}
      <span className="node-port-type" title={port.type ?? 'type not known yet'}>
        {port.type ?? (port.kind === 'tensor' ? '?' : port.kind)}
      </span>
      <span className="node-port-label">{port.label}</span>
      <Handle
        type="source"
        position={Position.Right}
        id={port.name}
        className={`port-handle kind-${port.kind}`}
        title={`${port.label}: ${port.type ?? port.kind}`}
      />
    </div>
  );
}

function GraphNodeViewInner({ id, data }: NodeProps<GraphFlowNode>) {
  countRender(id);
  // The card's contents come from the store, not from React Flow's node (see canvas-views.ts).
  const view = useNodeView(id);
  const nonFinite = useTraining((s) => s.nonFiniteNode === id);
  if (!view) return null;
  const portIssues = [...view.inputs, ...view.outputs].flatMap((p) => p.issues);
  const chips = view.params.slice(0, MAX_CHIPS);
  const hidden = view.params.length - chips.length;
  const style = data.networkColor ? ({ '--network-color': data.networkColor } as CSSProperties) : undefined;
  return (
    <div
      className={`graph-node cat-${view.category}${view.severity ? ` has-${view.severity}` : ''}${data.networkColor ? ' in-network' : ''}${nonFinite ? ' non-finite' : ''}`}
      style={style}
      data-node-id={id}
      data-node-type={view.type}
    >
      <header className="graph-node-header" title={view.doc}>
        <span className="graph-node-title">{view.title}</span>
        <span className="graph-node-id">{id}</span>
      </header>
      {view.applies !== undefined && (
        <div className="graph-node-network" data-testid="applies">
          applies <strong>{view.applies}</strong>
        </div>
      )}
      {view.trains !== undefined && (
        <div className="graph-node-network" data-testid="trains">
          trains{' '}
          <strong>{view.trains.names.length > 0 ? view.trains.names.join(', ') : 'nothing yet'}</strong>
          {!view.trains.chosen && view.trains.names.length > 0 && (
            <span className="muted"> (all upstream)</span>
          )}
        </div>
      )}
      <div className="graph-node-ports">
        {view.inputs.map((port) => (
          <InputRow key={port.name} port={port} />
        ))}
        {view.outputs.map((port) => (
          <Fragment key={port.name}>
            <OutputRow port={port} />
            <PortPreview node={id} port={port.name} label={port.label} />
          </Fragment>
        ))}
      </div>
      {chips.length > 0 && (
        <ul className="graph-node-params" aria-label="Params">
          {chips.map((chip) => (
            <li key={chip.key} className={chip.changed ? 'changed' : undefined}>
              {chip.text}
            </li>
          ))}
          {hidden > 0 && <li className="more">+{hidden}</li>}
        </ul>
      )}
      {(view.category === 'loss' || view.category === 'metric') && <LossChart node={id} />}
      <IssueLines issues={[...view.issues, ...portIssues]} />
    </div>
  );
}

export const GraphNodeView = memo(GraphNodeViewInner);
