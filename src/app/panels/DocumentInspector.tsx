// The inspector with no single node selected: a selected network frame (rename, remove) and the
// document's description and training settings.

import { useState } from 'react';
import { NODE_REGISTRY } from '../../../nodes';
import type { GraphNode, NetworkDef } from '../../core/graph/document';
import { type EditResult, useEditor } from '../../store';

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

/** A text field that commits on Enter or blur and shows the store's refusal under it. */
function CommitField({
  id,
  label,
  value,
  multiline = false,
  commit,
}: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly multiline?: boolean;
  readonly commit: (text: string) => EditResult;
}) {
  const [text, setText] = useState(value);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    // The document changed underneath (undo, another file): show its value again.
    setShown(value);
    setText(value);
    setRefusal(null);
  }
  const save = () => {
    if (text === value) return;
    const result = commit(text);
    setRefusal(result.ok ? null : result.reason);
  };
  const common = {
    id,
    value: text,
    'aria-invalid': refusal !== null || undefined,
    onBlur: save,
  };
  return (
    <div className="param-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={5} onChange={(event) => setText(event.target.value)} />
      ) : (
        <input
          {...common}
          type="text"
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') save();
          }}
        />
      )}
      <div className="param-message" role="status">
        {refusal}
      </div>
    </div>
  );
}

const wholeNumber = (text: string): number => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : NaN);

/** The document's title, description and training settings, editable as undoable steps. */
export function DocumentInspector() {
  const meta = useEditor((s) => s.doc.meta);
  const training = useEditor((s) => s.doc.training);
  const setMeta = useEditor((s) => s.setMeta);
  const setTraining = useEditor((s) => s.setTraining);
  const counts = useEditor(
    (s) => `${s.doc.nodes.length} nodes, ${s.doc.edges.length} edges, ${s.doc.networks.length} networks`,
  );
  const number = (key: 'batchSize' | 'seed' | 'steps') => (text: string) => {
    const value = wholeNumber(text);
    return Number.isNaN(value)
      ? { ok: false as const, reason: 'expected a whole number' }
      : setTraining({ [key]: value });
  };
  return (
    <div className="inspector-document">
      <h2 className="panel-heading">{meta.title === '' ? 'Untitled graph' : meta.title}</h2>
      {meta.lecture !== undefined && <p className="inspector-type">Lecture: {meta.lecture}</p>}
      <CommitField id="doc-title" label="title" value={meta.title} commit={(title) => setMeta({ title })} />
      <CommitField
        id="doc-description"
        label="description"
        value={meta.description}
        multiline
        commit={(description) => setMeta({ description })}
      />
      <dl className="inspector-facts">
        <dt>graph</dt>
        <dd>{counts}</dd>
      </dl>
      <h3 className="inspector-subheading">Training</h3>
      <CommitField
        id="doc-batch"
        label="batch size"
        value={String(training.batchSize)}
        commit={number('batchSize')}
      />
      <CommitField id="doc-seed" label="seed" value={String(training.seed)} commit={number('seed')} />
      <CommitField id="doc-steps" label="steps" value={String(training.steps)} commit={number('steps')} />
      <p className="inspector-empty">Select a node to see its params and types.</p>
    </div>
  );
}
