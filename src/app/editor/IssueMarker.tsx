// Problems drawn on a node: a marker beside the port that causes them (message and hint on hover
// or keyboard focus) and the messages listed under the card.

import { useId } from 'react';
import type { IssueView } from './node-view';

const worst = (issues: readonly IssueView[]): 'error' | 'warning' =>
  issues.some((i) => i.severity === 'error') ? 'error' : 'warning';

export function IssueMarker({
  issues,
  where,
}: {
  readonly issues: readonly IssueView[];
  readonly where: string;
}) {
  const tipId = useId();
  const severity = worst(issues);
  return (
    <span className={`issue-marker ${severity}`}>
      <button
        type="button"
        className="issue-marker-button nodrag"
        aria-label={`${issues.length === 1 ? severity : `${issues.length} problems`} on ${where}`}
        aria-describedby={tipId}
      >
        {severity === 'error' ? '!' : '⚠'}
      </button>
      <span role="tooltip" id={tipId} className="issue-tip">
        {issues.map((issue, i) => (
          <span key={i} className={`issue-tip-item ${issue.severity}`}>
            <span className="issue-tip-message">{issue.message}</span>
            {issue.hint !== undefined && <span className="issue-tip-hint">{issue.hint}</span>}
          </span>
        ))}
      </span>
    </span>
  );
}

/** How many problem lines a card lists before "+n more". */
const MAX_LINES = 2;

export function IssueLines({ issues }: { readonly issues: readonly IssueView[] }) {
  if (issues.length === 0) return null;
  const shown = issues.slice(0, MAX_LINES);
  return (
    <ul className="graph-node-issues">
      {shown.map((issue, i) => (
        <li key={i} className={`issue-line ${issue.severity}`} data-code={issue.code}>
          <IssueMarker issues={[issue]} where="this node" />
          <span className="issue-line-message">{issue.message}</span>
        </li>
      ))}
      {issues.length > shown.length && (
        <li className="issue-line more">+{issues.length - shown.length} more</li>
      )}
    </ul>
  );
}
