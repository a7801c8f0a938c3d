// A collapsed network: one node standing for its members, showing the ports where the network
// meets the rest of the graph (each handle names the member port it stands for).

import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { useEditor } from '../../store';
import type { CollapsedFlowNode } from './flow-model';
import { countRender } from './render-count';

function CollapsedNetworkViewInner({ id, data }: NodeProps<CollapsedFlowNode>) {
  countRender(id);
  const toggleCollapsed = useEditor((s) => s.toggleNetworkCollapsed);
  const style = { '--network-color': data.color } as CSSProperties;
  return (
    <div
      className={`graph-node collapsed-network${data.severity ? ` has-${data.severity}` : ''}`}
      style={style}
      data-network={data.networkId}
    >
      <header className="graph-node-header">
        <span className="graph-node-title">{data.name}</span>
        <span className="graph-node-id">
          {data.memberCount} {data.memberCount === 1 ? 'layer' : 'layers'}
        </span>
        <button
          type="button"
          className="frame-button nodrag"
          aria-label={`Expand network ${data.name}`}
          title="Expand"
          onClick={() => toggleCollapsed(data.networkId)}
        >
          ▸
        </button>
      </header>
      <div className="graph-node-ports">
        {data.inputs.map((port) => (
          <div key={port.handle} className={`node-port input kind-${port.kind}`} data-port={port.handle}>
            <Handle
              type="target"
              position={Position.Left}
              id={port.handle}
              className={`port-handle kind-${port.kind}`}
              title={`${port.label}${port.type ? `: ${port.type}` : ''}`}
            />
            <span className="node-port-label">{port.label}</span>
          </div>
        ))}
        {data.outputs.map((port) => (
          <div key={port.handle} className={`node-port output kind-${port.kind}`} data-port={port.handle}>
            <span className="node-port-type">{port.type ?? port.kind}</span>
            <span className="node-port-label">{port.label}</span>
            <Handle
              type="source"
              position={Position.Right}
              id={port.handle}
              className={`port-handle kind-${port.kind}`}
              title={`${port.label}${port.type ? `: ${port.type}` : ''}`}
            />
          </div>
        ))}
      </div>
    </div>
  );
}

export const CollapsedNetworkView = memo(CollapsedNetworkViewInner);
