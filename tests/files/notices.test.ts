import { describe, expect, it } from 'vitest';
import { makeLoadWarning } from '../../src/core/graph/load-warnings';
import {
  NO_NOTICES,
  addNotice,
  clearDocumentNotices,
  describeSavedAt,
  dismissNotice,
  visibleNotices,
} from '../../src/app/files/notices-model';

const warning = makeLoadWarning('DANGLING_EDGE', 'edges[2]', {
  edge: 'e2',
  node: 'ghost',
  detail: 'comes from',
});

describe('the notices list', () => {
  it('replaces the report of the previous file when another file is opened', () => {
    let state = addNotice(NO_NOTICES, { kind: 'load', source: 'a.json', warnings: [warning] });
    state = addNotice(state, { kind: 'load', source: 'b.json', warnings: [warning] });
    expect(state.notices.map((n) => (n.kind === 'load' ? n.source : n.kind))).toEqual(['b.json']);
  });

  it('drops the restore notice when a file is opened, but keeps other messages', () => {
    let state = addNotice(NO_NOTICES, { kind: 'message', tone: 'warning', text: 'Autosave is not working' });
    state = addNotice(state, { kind: 'restored', savedAt: 0, fileName: null, warnings: [] });
    state = addNotice(state, { kind: 'load', source: 'a.json', warnings: [warning] });
    expect(state.notices.map((n) => n.kind)).toEqual(['message', 'load']);
  });

  it('does not stack the same message twice', () => {
    let state = addNotice(NO_NOTICES, { kind: 'message', tone: 'info', text: 'x.png is not a graph file' });
    state = addNotice(state, { kind: 'message', tone: 'info', text: 'x.png is not a graph file' });
    expect(state.notices).toHaveLength(1);
  });

  it('dismisses one notice by id and clears the document notices on New', () => {
    let state = addNotice(NO_NOTICES, { kind: 'message', tone: 'info', text: 'hello' });
    state = addNotice(state, { kind: 'load', source: 'a.json', warnings: [warning] });
    const [message, load] = state.notices;
    expect(dismissNotice(state, message!.id).notices).toEqual([load]);
    expect(clearDocumentNotices(state).notices).toEqual([message]);
  });
});

describe('which notices show for the current document', () => {
  it("hides a file's report once another document replaced it, and shows it again after undo", () => {
    let state = addNotice(NO_NOTICES, { kind: 'message', tone: 'info', text: 'kept' });
    state = addNotice(state, { kind: 'load', source: 'a.json', warnings: [warning] });
    expect(visibleNotices(state.notices, 'a.json').map((n) => n.kind)).toEqual(['message', 'load']);
    expect(visibleNotices(state.notices, 'graphs/vae.json').map((n) => n.kind)).toEqual(['message']);
  });

  it('shows the restore notice only while the restored document is open', () => {
    const state = addNotice(NO_NOTICES, { kind: 'restored', savedAt: 0, fileName: null, warnings: [] });
    expect(visibleNotices(state.notices, null)).toHaveLength(1);
    expect(visibleNotices(state.notices, 'graphs/gan-ring.json')).toHaveLength(0);
  });
});

describe('the time of a restored autosave', () => {
  it('shows only the time for a save made today and the date for an older one', () => {
    const now = new Date(2025, 10, 25, 15, 0).getTime();
    const today = describeSavedAt(new Date(2025, 10, 25, 14, 5).getTime(), now, 'en-GB');
    const older = describeSavedAt(new Date(2025, 10, 20, 14, 5).getTime(), now, 'en-GB');
    expect(today).toBe('14:05');
    expect(older).toContain('20 Nov 2025');
    expect(older).toContain('14:05');
  });
});
