// The inspector: the selected node's params, types and issues; a network or the document when no
// single node is selected; and "Make network" for a multi-selection.

import './panels.css';
import './inspector.css';
import { useState } from 'react';
import { NODE_REGISTRY } from '../../../nodes';
import type { GraphNode } from '../../core/graph/document';
import type { AnyNodeDefinition } from '../../core/types/definition';
import type { ParamSpecs } from '../../core/types/params';
import { useEditor, useInferred } from '../../store';
import { DocumentInspector, NetworkInspector } from './DocumentInspector';
import { IssueItem } from './IssueItem';
import {
  inputTypeRows,
  inspectorSubject,
  nodeIssues,
  outputTypeRows,
  paramIssues,
  suggestNetworkName,
  type PortTypeRow,
} from './inspector-model';
import { ParamField } from './ParamField';

export interface InspectorProps {
  /** The network whose frame is selected on the canvas, shown when no node is selected. */
  readonly network?: string;
}

export function Inspector({ network }: InspectorProps = {}) {
  const doc = useEditor((s) => s.doc);
  const selected = useEditor((s) => s.selectedNodes);
  const subject = inspectorSubject(selected, doc, NODE_REGISTRY, network);
  return (
    <section className="panel inspector" aria-label="Inspector">
      {subject.kind === 'node' && (
        <NodeInspector key={subject.node.id} node={subject.node} definition={subject.definition} />
      )}
      {subject.kind === 'many' && <MultiInspector nodes={subject.nodes} />}
      {subject.kind === 'network' && (
        <NetworkInspector key={subject.network.id} network={subject.network} members={subject.members} />
      )}
      {subject.kind === 'network' && <hr className="inspector-divider" />}
      {(subject.kind === 'document' || subject.kind === 'network') && <DocumentInspector />}
    </section>
  );
}

function NodeInspector({
  node,
  definition,
}: {
  readonly node: GraphNode;
  readonly definition: AnyNodeDefinition | undefined;
}) {
  const doc = useEditor((s) => s.doc);
  const setParam = useEditor((s) => s.setParam);
  const setNodeNetwork = useEditor((s) => s.setNodeNetwork);
  const inferred = useInferred();
  const [networkRefusal, setNetworkRefusal] = useState<string | null>(null);
  const issues = nodeIssues(inferred.issues, node.id);

  if (!definition) {
    return (
      <div className="inspector-node">
        <h2 className="panel-heading">Unknown node</h2>
        <p className="inspector-doc">
          <code>{node.id}</code> has type <code>{node.type}</code>, which this version of Latent Lab does not
          know.
        </p>
        <IssueBlock issues={issues} />
      </div>
    );
  }
  const specs = definition.params as ParamSpecs;
  const keys = Object.keys(specs);
  return (
    <div className="inspector-node" data-node={node.id}>
      <header className="inspector-header" style={{ borderTopColor: `var(--cat-${definition.category})` }}>
        <h2 className="panel-heading">{definition.title}</h2>
        <p className="inspector-type">
          <code>{definition.type}</code> · <code>{node.id}</code>
        </p>
        <p className="inspector-doc">{definition.doc}</p>
      </header>

      {definition.build.role === 'layer' && (
        <div className="param-field">
          <div className="param-label-row">
            <label htmlFor={`network-of-${node.id}`}>network</label>
          </div>
          <select
            id={`network-of-${node.id}`}
            value={node.network ?? ''}
            onChange={(event) => {
              const result = setNodeNetwork(node.id, event.target.value === '' ? null : event.target.value);
              setNetworkRefusal(result.ok ? null : result.reason);
            }}
          >
            <option value="">none (its own implicit network)</option>
            {doc.networks.map((n) => (
              <option key={n.id} value={n.id}>
                {n.name}
              </option>
            ))}
          </select>
          <div className="param-message" role="status">
            {networkRefusal}
          </div>
        </div>
      )}

      <h3 className="inspector-subheading">Params</h3>
      {keys.length === 0 && <p className="inspector-empty">This node has no params.</p>}
      <form className="param-form" onSubmit={(event) => event.preventDefault()}>
        {keys.map((key) => {
          const spec = specs[key];
          if (!spec) return null;
          return (
            <ParamField
              key={key}
              paramKey={key}
              spec={spec}
              value={node.params[key]}
              networks={doc.networks}
              problems={paramIssues(inferred.issues, node.id, key).map((i) => i.message)}
              onSet={(value) => setParam(node.id, key, value)}
            />
          );
        })}
      </form>

      <h3 className="inspector-subheading">Types</h3>
      <PortTypes title="Inputs" rows={inputTypeRows(definition, node.id, inferred)} />
      <PortTypes title="Outputs" rows={outputTypeRows(definition, node.id, inferred)} />

      <IssueBlock issues={issues} />
    </div>
  );
}

function PortTypes({ title, rows }: { readonly title: string; readonly rows: readonly PortTypeRow[] }) {
  if (rows.length === 0) return null;
  return (
    <table className="port-types">
      <caption>{title}</caption>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name} data-port={row.name}>
            <th scope="row">
              <span
                className="port-dot"
                style={{ background: `var(--port-${row.kind})` }}
                aria-hidden="true"
              />
              {row.label}
            </th>
            <td>
              {row.types.length > 0 ? (
                row.types.map((t, i) => (
                  <code key={i} className="port-type">
                    {t}
                  </code>
                ))
              ) : (
                <span className="port-missing">{row.missing}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function IssueBlock({ issues }: { readonly issues: ReturnType<typeof nodeIssues> }) {
  return (
    <>
      <h3 className="inspector-subheading">Problems</h3>
      {issues.length === 0 ? (
        <p className="inspector-empty">No problems on this node.</p>
      ) : (
        <ul className="inspector-issues">
          {issues.map((issue, i) => (
            <IssueItem key={i} issue={issue} />
          ))}
        </ul>
      )}
    </>
  );
}

function MultiInspector({ nodes }: { readonly nodes: readonly GraphNode[] }) {
  const doc = useEditor((s) => s.doc);
  const createNetwork = useEditor((s) => s.createNetwork);
  const [name, setName] = useState(() => suggestNetworkName(doc));
  const [refusal, setRefusal] = useState<string | null>(null);
  const layers = nodes.filter((n) => NODE_REGISTRY.get(n.type)?.build.role === 'layer').length;
  return (
    <div className="inspector-many">
      <h2 className="panel-heading">{nodes.length} nodes selected</h2>
      <p className="inspector-doc">
        {layers === nodes.length
          ? 'All of them are layers, so they can become one network: a frame whose layers share weights and train together.'
          : `${layers} of them ${layers === 1 ? 'is a layer' : 'are layers'}; only layer nodes can belong to a network.`}
      </p>
      <form
        className="make-network"
        onSubmit={(event) => {
          event.preventDefault();
          const result = createNetwork(
            nodes.map((n) => n.id),
            name.trim(),
          );
          setRefusal(result.ok ? null : result.reason);
        }}
      >
        <label htmlFor="make-network-name">Network name</label>
        <input
          id="make-network-name"
          type="text"
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-describedby="make-network-message"
        />
        <button type="submit">Make network</button>
        <div id="make-network-message" className="param-message" role="status">
          {refusal}
        </div>
      </form>
    </div>
  );
}
