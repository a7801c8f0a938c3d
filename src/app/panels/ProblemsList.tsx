// Every problem inference found, errors first; choosing one jumps to its node on the canvas.

import './panels.css';
import { useId, useMemo } from 'react';
import { NODE_REGISTRY } from '../../../nodes';
import { useEditor, useInferred } from '../../store';
import { countsText, problemCounts, problemRows } from './problems';

export interface ProblemsListProps {
  readonly onJump: (nodeId: string) => void;
}

export function ProblemsList({ onJump }: ProblemsListProps) {
  const headingId = useId();
  const doc = useEditor((s) => s.doc);
  const inferred = useInferred();
  const rows = useMemo(() => problemRows(inferred.issues, doc, NODE_REGISTRY), [inferred, doc]);
  const counts = problemCounts(inferred.issues);
  return (
    <section className="panel problems" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel-heading problems-heading">
        Problems
        <span className="problems-counts" aria-live="polite">
          {counts.errors > 0 && <span className="count error">{counts.errors}</span>}
          {counts.warnings > 0 && <span className="count warning">{counts.warnings}</span>}
          <span className="visually-hidden">{countsText(counts)}</span>
        </span>
      </h2>
      {rows.length === 0 ? (
        <p className="problems-none" data-testid="no-problems">
          No problems: every port has its type.
        </p>
      ) : (
        <ul className="problems-list">
          {rows.map((row) => {
            const body = (
              <>
                <span className={`issue-badge ${row.issue.severity}`}>{row.issue.severity}</span>
                <span className="problem-node">{row.nodeLabel}</span>
                {row.where !== undefined && <span className="problem-where">{row.where}</span>}
                <span className="problem-message">{row.issue.message}</span>
                {row.issue.hint !== undefined && <span className="problem-hint">{row.issue.hint}</span>}
              </>
            );
            const nodeId = row.nodeId;
            return (
              <li
                key={row.key}
                className={`problem ${row.issue.severity}`}
                data-code={row.issue.code}
                data-node={nodeId}
              >
                {nodeId !== undefined && doc.nodes.some((n) => n.id === nodeId) ? (
                  <button type="button" className="problem-jump" onClick={() => onJump(nodeId)}>
                    {body}
                  </button>
                ) : (
                  <div className="problem-static">{body}</div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
