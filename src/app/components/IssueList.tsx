// Problems inference found in the graph, each on the node it belongs to, with a hint where one exists.

import type { IssueRow } from '../graph-report';

export function IssueList({ issues }: { readonly issues: readonly IssueRow[] }) {
  if (issues.length === 0) {
    return (
      <p className="no-problems" data-testid="no-problems">
        No problems: every node has its types and the graph can be compiled.
      </p>
    );
  }
  return (
    <section className="issues" aria-label="Problems">
      <h3>
        Problems: {count(issues, 'error', 'error')}, {count(issues, 'warning', 'warning')}
      </h3>
      <ul>
        {issues.map((issue, index) => (
          <li key={index} className={`issue ${issue.severity}`} data-code={issue.code} data-node={issue.node}>
            <span className="badge">{issue.severity}</span>{' '}
            {issue.node !== undefined && (
              <a className="issue-node" href={`#node-${issue.node}`}>
                {issue.node}
                {issue.nodeTitle !== undefined && ` (${issue.nodeTitle})`}
              </a>
            )}
            {issue.where !== undefined && <code className="path">{issue.where}</code>} {issue.message}
            {issue.hint !== undefined && <div className="hint">{issue.hint}</div>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function count(issues: readonly IssueRow[], severity: IssueRow['severity'], noun: string): string {
  const n = issues.filter((issue) => issue.severity === severity).length;
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
