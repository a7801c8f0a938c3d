// While a connection is dragged over a port: why it would be refused, next to the cursor, or what
// type it would carry when it fits. Drawn inside the canvas, at the pointer React Flow reports.

import { useConnection } from '@xyflow/react';
import { useEditor } from '../../store';
import { portRefOf } from './ports';

/** Pixels between the cursor and the hint, so the hint never hides the port under it. */
const OFFSET = 16;

export function ConnectionHint() {
  const connection = useConnection();
  const connectionProblem = useEditor((s) => s.connectionProblem);
  if (!connection.inProgress || connection.toHandle === null) return null;
  const start = portRefOf(connection.fromHandle.nodeId, connection.fromHandle.id);
  const end = portRefOf(connection.toHandle.nodeId, connection.toHandle.id);
  if (!start || !end) return null;
  const fromOutput = connection.fromHandle.type === 'source';
  const [from, to] = fromOutput ? [start, end] : [end, start];
  const sameSide = (connection.toHandle.type === 'source') === fromOutput;
  const problem = sameSide
    ? `${fromOutput ? 'an output' : 'an input'} connects to ${fromOutput ? 'an input' : 'an output'}, not to another ${fromOutput ? 'output' : 'input'}`
    : connectionProblem(from, to);
  const { x, y } = connection.pointer;
  return (
    <div
      className={`connection-hint ${problem === null ? 'fits' : 'refused'}`}
      role="status"
      data-testid="connection-hint"
      style={{ left: x + OFFSET, top: y + OFFSET }}
    >
      {problem ?? `connect ${from.node}.${from.port} → ${to.node}.${to.port}`}
    </div>
  );
}
