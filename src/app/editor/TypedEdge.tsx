// An edge coloured by what it carries, with the tensor's shape written on it where there is room.

import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
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
  const kind = data?.kind ?? 'tensor';
  const long = Math.hypot(targetX - sourceX, targetY - sourceY) >= MIN_LABEL_LENGTH;
  const className = `typed-edge kind-${kind}${data?.error ? ' has-error' : ''}${selected ? ' selected' : ''}`;
  return (
    <>
      <BaseEdge id={id} path={path} className={className} {...(markerEnd !== undefined && { markerEnd })} />
      {long && data?.shape !== undefined && (
        <EdgeLabelRenderer>
          <div
            className={`edge-shape kind-${kind}${data.error ? ' has-error' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-edge={id}
          >
            {data.shape}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const TypedEdge = memo(TypedEdgeInner);
