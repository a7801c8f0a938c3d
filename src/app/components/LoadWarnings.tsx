// What the loader repaired or dropped when reading a graph file, each naming where in the file.

import type { LoadWarning } from '../../core/graph/load';

export function LoadWarnings({ warnings }: { readonly warnings: readonly LoadWarning[] }) {
  if (warnings.length === 0) {
    return <p className="load-clean">The file was read completely; nothing was repaired or dropped.</p>;
  }
  return (
    <section className="load-warnings" aria-label="Load warnings">
      <h3>
        Reading the file: {warnings.length} {warnings.length === 1 ? 'problem' : 'problems'}
      </h3>
      <ul>
        {warnings.map((warning, index) => (
          <li key={index} className={`load-warning ${warning.severity}`} data-code={warning.code}>
            <span className="badge">{warning.severity}</span> {warning.message}
            {warning.path !== '' && <code className="path">{warning.path}</code>}
          </li>
        ))}
      </ul>
    </section>
  );
}
