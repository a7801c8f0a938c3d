// An edge coloured by what it carries, with the tensor's shape written on it where there is room.

import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useEdgeLabel } from './canvas-views';
import type { EditorFlowEdge } from './flow-model';

/** Shorter edges than this carry no label; it would cover the ports. */
const MIN_LABEL_LENGTH = 110;

function TypedEdgeInner(props: EdgeProps<EditorFlowEdge>) {
  const {
    id,
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    data,
    selected,
    markerEnd,
  } = props;
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  // The shape and error come from the store, not from React Flow's edge (see canvas-views.ts).
  const label = useEdgeLabel(id);
  const kind = data?.kind ?? 'tensor';
  const long = Math.hypot(targetX - sourceX, targetY - sourceY) >= MIN_LABEL_LENGTH;
  const className = `typed-edge kind-${kind}${label?.error === true ? ' has-error' : ''}${selected ? ' selected' : ''}`;
  return (
    <>
      <BaseEdge id={id} path={path} className={className} {...(markerEnd !== undefined && { markerEnd })} />
      {long && label?.shape !== undefined && (
        <EdgeLabelRenderer>
          {/* A zero-size anchor at the label's point centres the label without a transform; each
              transform is one more paint chunk the browser sorts into layers on every frame. */}
          <div className="edge-shape-anchor" style={{ left: labelX, top: labelY }}>
            <div className={`edge-shape kind-${kind}${label.error ? ' has-error' : ''}`} data-edge={id}>
              {label.shape}
            </div>
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const TypedEdge = memo(TypedEdgeInner);
