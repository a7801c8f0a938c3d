// One inference issue as the inspector lists it: severity, message and hint.

import type { GraphIssue } from '../../core/types/issues';

export function IssueItem({ issue }: { readonly issue: GraphIssue }) {
  return (
    <li className={`issue-item ${issue.severity}`} data-code={issue.code}>
      <span className="issue-badge">{issue.severity}</span>
      <span className="issue-message">{issue.message}</span>
      {issue.hint !== undefined && <span className="issue-hint">{issue.hint}</span>}
    </li>
  );
}
