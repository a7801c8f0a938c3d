// Between React Flow's node and handle ids and the document's port references: a collapsed
// network's handle names the member port it stands for.

import type { Connection } from '@xyflow/react';
import type { PortRef } from '../../core/graph/document';
import { networkOfFlowNode, parseBoundaryHandle } from './frames';

/** The document port a React Flow handle stands for, or null for a handle of no port. */
export function portRefOf(nodeId: string, handleId: string | null | undefined): PortRef | null {
  if (handleId === null || handleId === undefined) return null;
  if (networkOfFlowNode(nodeId)?.collapsed === true) return parseBoundaryHandle(handleId);
  return { node: nodeId, port: handleId };
}

/** Both ends of a React Flow connection as document ports (source is always the output). */
export function connectionRefs(connection: Connection): { from: PortRef; to: PortRef } | null {
  const from = portRefOf(connection.source, connection.sourceHandle);
  const to = portRefOf(connection.target, connection.targetHandle);
  return from && to ? { from, to } : null;
}
