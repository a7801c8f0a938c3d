// A network's frame around its member nodes: a coloured box with a title bar that drags the
// members, renames on double-click, collapses the network or removes the frame (members stay).

import type { NodeProps } from '@xyflow/react';
import { memo, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { useEditor } from '../../store';
import type { FrameFlowNode } from './flow-model';
import { countRender } from './render-count';

function NetworkFrameViewInner({ id, data, selected }: NodeProps<FrameFlowNode>) {
  countRender(id);
  const renameNetwork = useEditor((s) => s.renameNetwork);
  const toggleCollapsed = useEditor((s) => s.toggleNetworkCollapsed);
  const deleteNetwork = useEditor((s) => s.deleteNetwork);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(data.name);
  const [refusal, setRefusal] = useState<string | null>(null);

  const finish = (save: boolean) => {
    if (save && draft.trim() !== data.name) {
      const result = renameNetwork(data.networkId, draft.trim());
      if (!result.ok) {
        setRefusal(result.reason);
        return;
      }
    }
    setRefusal(null);
    setEditing(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    event.stopPropagation();
    if (event.key === 'Enter') finish(true);
    if (event.key === 'Escape') finish(false);
  };

  // The box is sized from the data, not the node: during a drag it grows ahead of the node.
  const style = { '--network-color': data.color, width: data.width, height: data.height } as CSSProperties;
  return (
    <div
      className={`network-frame${selected ? ' selected' : ''}`}
      style={style}
      data-network={data.networkId}
    >
      <div className="frame-title" onDoubleClick={() => (setDraft(data.name), setEditing(true))}>
        {editing ? (
          <input
            className="frame-name-input nodrag"
            aria-label="Network name"
            value={draft}
            autoFocus
            onChange={(event) => setDraft(event.currentTarget.value)}
            onKeyDown={onKeyDown}
            onBlur={() => finish(true)}
          />
        ) : (
          <span className="frame-name" title="Double-click to rename">
            {data.name}
          </span>
        )}
        <span className="frame-count">
          {data.memberCount} {data.memberCount === 1 ? 'layer' : 'layers'}
        </span>
        <button
          type="button"
          className="frame-button nodrag"
          aria-label={`Collapse network ${data.name}`}
          title="Collapse to one node"
          onClick={() => toggleCollapsed(data.networkId)}
        >
          ▾
        </button>
        <button
          type="button"
          className="frame-button nodrag"
          aria-label={`Remove the frame of network ${data.name}`}
          title="Remove the frame (the layers stay)"
          onClick={() => deleteNetwork(data.networkId)}
        >
          ×
        </button>
      </div>
      {refusal !== null && (
        <p className="frame-refusal" role="alert">
          {refusal}
        </p>
      )}
    </div>
  );
}

export const NetworkFrameView = memo(NetworkFrameViewInner);
