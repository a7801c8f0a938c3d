// Every node in evaluation order: its type, its network, and the inferred type of each output port.

import type { NodeRow } from '../graph-report';

export function NodeTable({ nodes }: { readonly nodes: readonly NodeRow[] }) {
  if (nodes.length === 0) return <p className="empty">This graph has no nodes.</p>;
  return (
    <table className="nodes">
      <caption>Nodes in evaluation order</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Node</th>
          <th scope="col">Type</th>
          <th scope="col">Network</th>
          <th scope="col">Outputs</th>
        </tr>
      </thead>
      <tbody>
        {nodes.map((row, index) => (
          <tr key={row.id} id={`node-${row.id}`} data-node={row.id} className={rowClass(row)}>
            <td className="order">{row.evaluated ? index + 1 : '–'}</td>
            <td>
              <code>{row.id}</code>
              {row.errors + row.warnings > 0 && <Marks row={row} />}
            </td>
            <td title={row.type}>{row.typeTitle}</td>
            <td>
              {row.network ?? ''}
              {row.applies !== undefined && <span className="applies">applies {row.applies}</span>}
            </td>
            <td>
              {row.outputs.length === 0 ? (
                <span className="muted">no outputs</span>
              ) : (
                <ul className="ports">
                  {row.outputs.map((port) => (
                    <li key={port.port} data-port={port.port}>
                      <span className="port-name">{port.port}</span>{' '}
                      {port.type === null ? (
                        <span className="muted">not inferred</span>
                      ) : (
                        <span className="port-type">{port.type}</span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function rowClass(row: NodeRow): string | undefined {
  if (row.errors > 0) return 'has-error';
  if (row.warnings > 0) return 'has-warning';
  return undefined;
}

function Marks({ row }: { readonly row: NodeRow }) {
  return (
    <span className="marks">
      {row.errors > 0 && <span className="badge error">{row.errors} error</span>}
      {row.warnings > 0 && <span className="badge warning">{row.warnings} warning</span>}
    </span>
  );
}
