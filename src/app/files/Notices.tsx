// The notices area: what loading a file repaired or dropped, the autosave restore notice with its
// way back to an empty graph, and short file messages. Each can be dismissed.

import type { ReactNode } from 'react';
import type { LoadWarning } from '../../core/graph/load';
import { filesUi, useFilesUi } from './files-ui';
import { useEditor } from '../../store';
import { describeSavedAt, visibleNotices, type Notice } from './notices-model';
import { pageFileActions } from './page-files';
import './files.css';

/** Warnings listed before the rest fold away; a badly broken file can have hundreds. */
const SHOWN_WARNINGS = 8;

export function Notices() {
  const notices = useFilesUi((state) => state.notices);
  const fileName = useEditor((state) => state.fileName);
  return (
    <section className="file-notices" aria-label="Notices" aria-live="polite">
      {visibleNotices(notices, fileName).map((notice) => (
        <NoticeCard key={notice.id} notice={notice} />
      ))}
    </section>
  );
}

function NoticeCard({ notice }: { readonly notice: Notice }) {
  const dismiss = () => filesUi.getState().dismiss(notice.id);
  switch (notice.kind) {
    case 'load': {
      const count = notice.warnings.length;
      return (
        <Card tone={worstTone(notice.warnings)} onDismiss={dismiss} data-kind="load">
          <p className="file-notice-title">
            Opened {notice.source}: {count} {count === 1 ? 'problem was' : 'problems were'} repaired or
            dropped.
          </p>
          <WarningList warnings={notice.warnings} />
        </Card>
      );
    }
    case 'restored':
      return (
        <Card tone="info" onDismiss={dismiss} data-kind="restored">
          <p className="file-notice-title">
            Restored your graph from {describeSavedAt(notice.savedAt, Date.now())}.
            <button type="button" className="file-notice-action" onClick={() => pageFileActions.newGraph()}>
              Start empty
            </button>
          </p>
          {notice.warnings.length > 0 && <WarningList warnings={notice.warnings} />}
        </Card>
      );
    case 'message':
      return (
        <Card tone={notice.tone} onDismiss={dismiss} data-kind="message">
          <p className="file-notice-title">{notice.text}</p>
        </Card>
      );
  }
}

type Tone = 'info' | 'warning';

const worstTone = (warnings: readonly LoadWarning[]): Tone =>
  warnings.some((warning) => warning.severity === 'warning') ? 'warning' : 'info';

interface CardProps {
  readonly tone: Tone;
  readonly onDismiss: () => void;
  readonly children: ReactNode;
  readonly 'data-kind': Notice['kind'];
}

function Card({ tone, onDismiss, children, 'data-kind': kind }: CardProps) {
  return (
    <div className={`file-notice ${tone}`} data-kind={kind}>
      <div className="file-notice-body">{children}</div>
      <button type="button" className="file-notice-dismiss" aria-label="Dismiss notice" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

function WarningList({ warnings }: { readonly warnings: readonly LoadWarning[] }) {
  const first = warnings.slice(0, SHOWN_WARNINGS);
  const rest = warnings.slice(SHOWN_WARNINGS);
  return (
    <>
      <ul className="file-notice-warnings">{first.map(warningItem)}</ul>
      {rest.length > 0 && (
        <details>
          <summary>{rest.length} more</summary>
          <ul className="file-notice-warnings">{rest.map(warningItem)}</ul>
        </details>
      )}
    </>
  );
}

function warningItem(warning: LoadWarning, index: number) {
  return (
    <li key={index} className={warning.severity} data-code={warning.code}>
      <span className="file-notice-badge">{warning.severity}</span> {warning.message}
      {warning.path !== '' && <code className="file-notice-path">{warning.path}</code>}
    </li>
  );
}
