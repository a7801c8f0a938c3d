// The inspector with no single node selected: a selected network frame (rename, remove) and the
// document's description and training settings.

import { useState } from 'react';
import { NODE_REGISTRY } from '../../../nodes';
import type { GraphNode, NetworkDef } from '../../core/graph/document';
import { useEditor } from '../../store';

export function NetworkInspector({
  network,
  members,
}: {
  readonly network: NetworkDef;
  readonly members: readonly GraphNode[];
}) {
  const renameNetwork = useEditor((s) => s.renameNetwork);
  const deleteNetwork = useEditor((s) => s.deleteNetwork);
  const [name, setName] = useState(network.name);
  const [refusal, setRefusal] = useState<string | null>(null);
  const commit = () => {
    if (name.trim() === network.name) return;
    const result = renameNetwork(network.id, name.trim());
    setRefusal(result.ok ? null : result.reason);
  };
  return (
    <div className="inspector-network" data-network={network.id}>
      <header className="inspector-header" style={{ borderTopColor: network.color ?? 'var(--cat-network)' }}>
        <h2 className="panel-heading">Network {network.name}</h2>
        <p className="inspector-doc">
          A network is one model: its layers share weights wherever it is applied, and optimizers train it as
          a whole.
        </p>
      </header>
      <form
        className="param-field"
        onSubmit={(event) => {
          event.preventDefault();
          commit();
        }}
      >
        <label htmlFor={`network-name-${network.id}`}>name</label>
        <input
          id={`network-name-${network.id}`}
          type="text"
          value={name}
          aria-invalid={refusal !== null || undefined}
          onChange={(event) => setName(event.target.value)}
          onBlur={commit}
        />
        <div className="param-message" role="status">
          {refusal}
        </div>
      </form>
      <h3 className="inspector-subheading">Layers ({members.length})</h3>
      <ul className="network-members">
        {members.map((node) => (
          <li key={node.id}>
            {NODE_REGISTRY.get(node.type)?.title ?? node.type} <code>{node.id}</code>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => deleteNetwork(network.id)}>
        Remove frame (keep its layers)
      </button>
    </div>
  );
}

/** Read-only for now: the store has no action that edits meta or training settings. */
export function DocumentInspector() {
  const meta = useEditor((s) => s.doc.meta);
  const training = useEditor((s) => s.doc.training);
  const counts = useEditor(
    (s) => `${s.doc.nodes.length} nodes, ${s.doc.edges.length} edges, ${s.doc.networks.length} networks`,
  );
  return (
    <div className="inspector-document">
      <h2 className="panel-heading">{meta.title === '' ? 'Untitled graph' : meta.title}</h2>
      {meta.lecture !== undefined && <p className="inspector-type">Lecture: {meta.lecture}</p>}
      <p className="inspector-doc">{meta.description === '' ? 'No description.' : meta.description}</p>
      <dl className="inspector-facts">
        {meta.author !== undefined && (
          <>
            <dt>author</dt>
            <dd>{meta.author}</dd>
          </>
        )}
        <dt>graph</dt>
        <dd>{counts}</dd>
      </dl>
      <h3 className="inspector-subheading">Training</h3>
      <dl className="inspector-facts">
        <dt>batch size</dt>
        <dd>{training.batchSize}</dd>
        <dt>seed</dt>
        <dd>{training.seed}</dd>
        <dt>steps</dt>
        <dd>{training.steps}</dd>
      </dl>
      <p className="inspector-note">Title, description and training settings are read-only here for now.</p>
      <p className="inspector-empty">Select a node to see its params and types.</p>
    </div>
  );
}
