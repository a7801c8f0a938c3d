import { describe, expect, it } from 'vitest';
import { startAutosave } from '../../src/app/files/autosave';
import {
  AUTOSAVE_MAX_WAIT_MS,
  decideRestore,
  isEmptyDocument,
  makeAutosaveRecord,
} from '../../src/app/files/autosave-model';
import { createFilesUi } from '../../src/app/files/files-ui';
import { createSaveScheduler } from '../../src/app/files/save-scheduler';
import { toCanonicalJson } from '../../src/core/graph/canonical';
import { emptyDocument, type GraphDocument } from '../../src/core/graph/document';
import { loadGraph } from '../../src/core/graph/load';
import { createEditorStore } from '../../src/store';
import { testRegistry } from '../graph/test-registry';
import { fakeTimers, fixtureJson, memoryStorage } from './helpers';

const AUTOENCODER: GraphDocument = loadGraph(fixtureJson('valid/autoencoder.json'), testRegistry).doc;
const SAVED_AT = 1_700_000_000_000;
const record = (doc: unknown, extra: Record<string, unknown> = {}) => ({
  doc,
  savedAt: SAVED_AT,
  fileName: 'tiny.json',
  ...extra,
});

describe('what to do with the stored autosave on start', () => {
  it('does nothing when nothing was stored', () => {
    expect(decideRestore(undefined, testRegistry)).toEqual({ kind: 'none' });
  });

  it('does nothing when the stored graph is the empty one', () => {
    expect(decideRestore(record(emptyDocument()), testRegistry)).toEqual({ kind: 'none' });
  });

  it('restores a stored graph with its time and file name', () => {
    const decision = decideRestore(record(AUTOENCODER), testRegistry);
    expect(decision.kind).toBe('restore');
    if (decision.kind !== 'restore') return;
    expect(toCanonicalJson(decision.doc)).toBe(toCanonicalJson(AUTOENCODER));
    expect(decision.savedAt).toBe(SAVED_AT);
    expect(decision.fileName).toBe('tiny.json');
    expect(decision.warnings).toEqual([]);
  });

  it('restores what is valid of a graph whose node type this build lost, naming the node', () => {
    const withGhost = {
      ...AUTOENCODER,
      nodes: [
        ...AUTOENCODER.nodes,
        { id: 'ghost', type: 'test.removed', params: {}, position: { x: 0, y: 0 } },
      ],
    };
    const decision = decideRestore(record(withGhost), testRegistry);
    expect(decision.kind).toBe('restore');
    if (decision.kind !== 'restore') return;
    expect(decision.doc.nodes.map((n) => n.id)).toEqual(AUTOENCODER.nodes.map((n) => n.id));
    expect(decision.warnings.map((w) => [w.code, w.node])).toEqual([['UNKNOWN_NODE_TYPE', 'ghost']]);
  });

  it.each([
    ['a string', 'garbage'],
    ['a record without a save time', { doc: AUTOENCODER }],
    ['a record without a graph', { savedAt: SAVED_AT }],
    ['a graph that is not JSON', record('{"format": "latent-lab.gra')],
    ['a graph that is a list', record([1, 2, 3])],
    ['a graph of another format', record({ format: 'excalidraw', version: 2, nodes: [] })],
  ])('discards a corrupted record: %s', (_label, stored) => {
    const decision = decideRestore(stored, testRegistry);
    expect(decision.kind).toBe('discard');
    if (decision.kind === 'discard') expect(decision.reason.length).toBeGreaterThan(5);
  });

  it('discards a record whose fields throw when read, without throwing', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('revoked');
        },
      },
    );
    expect(decideRestore(hostile, testRegistry)).toEqual({ kind: 'discard', reason: 'revoked' });
  });

  it('writes the document, the time and the file name', () => {
    expect(makeAutosaveRecord(AUTOENCODER, null, 5)).toEqual({
      doc: AUTOENCODER,
      savedAt: 5,
      fileName: null,
    });
    expect(isEmptyDocument(emptyDocument())).toBe(true);
    expect(isEmptyDocument(AUTOENCODER)).toBe(false);
  });
});

describe('when autosave writes', () => {
  it('writes once, 500 ms after the last of a burst of edits', () => {
    const clock = fakeTimers();
    let writes = 0;
    const scheduler = createSaveScheduler(() => (writes += 1), 500, 900, clock.timers);
    scheduler.changed();
    clock.advance(300);
    scheduler.changed();
    clock.advance(499);
    expect(writes).toBe(0);
    clock.advance(1);
    expect(writes).toBe(1);
  });

  it('writes within a second while edits keep coming every 100 ms', () => {
    const clock = fakeTimers();
    const writtenAt: number[] = [];
    const start = clock.now();
    const scheduler = createSaveScheduler(() => writtenAt.push(clock.now() - start), 500, 900, clock.timers);
    for (let i = 0; i < 25; i += 1) {
      scheduler.changed();
      clock.advance(100);
    }
    expect(writtenAt[0]).toBe(900);
    expect(writtenAt.length).toBeGreaterThanOrEqual(2);
  });

  it('writes a pending edit at once on flush, and nothing when none is pending', () => {
    const clock = fakeTimers();
    let writes = 0;
    const scheduler = createSaveScheduler(() => (writes += 1), 500, 900, clock.timers);
    scheduler.flush();
    scheduler.changed();
    scheduler.flush();
    clock.advance(2000);
    expect(writes).toBe(1);
  });
});

/** The editor starts on `initial` (the test registry's types are not the store's catalogue, so
 * edits here move nodes of a loaded graph rather than add new ones). */
function setUp(stored?: unknown, initial: GraphDocument = AUTOENCODER) {
  const clock = fakeTimers();
  const editor = createEditorStore(initial);
  const ui = createFilesUi();
  const storage = memoryStorage(stored);
  const autosave = startAutosave({ editor, ui, registry: testRegistry, storage, timers: clock.timers });
  return { clock, editor, ui, storage, autosave };
}

describe('autosave in the editor', () => {
  it('restores the stored graph on start with a notice carrying its save time', async () => {
    const { editor, ui, autosave } = setUp(record(AUTOENCODER), emptyDocument());
    await autosave.ready;
    expect(toCanonicalJson(editor.getState().doc)).toBe(toCanonicalJson(AUTOENCODER));
    expect(editor.getState().fileName).toBe('tiny.json');
    expect(ui.getState().notices).toEqual([
      { id: 1, kind: 'restored', savedAt: SAVED_AT, fileName: 'tiny.json', warnings: [] },
    ]);
  });

  it('lets "Start empty" (replacing with the empty document) be undone back to the restored graph', async () => {
    const { editor, autosave } = setUp(record(AUTOENCODER), emptyDocument());
    await autosave.ready;
    editor.getState().replaceDocument(emptyDocument(), 'Start empty', null);
    expect(editor.getState().doc.nodes).toHaveLength(0);
    editor.getState().undo();
    expect(editor.getState().doc.nodes).toHaveLength(AUTOENCODER.nodes.length);
  });

  it('discards a corrupted autosave, reports it, and keeps the page working', async () => {
    const { editor, ui, storage, autosave, clock } = setUp(record('{ broken'), emptyDocument());
    await autosave.ready;
    expect(editor.getState().doc.nodes).toHaveLength(0);
    expect(storage.removed).toBe(1);
    const [notice] = ui.getState().notices;
    expect(notice?.kind).toBe('message');
    if (notice?.kind === 'message') expect(notice.text).toContain('could not be restored');
    // Edits after the discard are saved as usual.
    editor.getState().replaceDocument(AUTOENCODER, 'Open', null);
    clock.advance(1000);
    expect(storage.writes).toHaveLength(1);
  });

  it('shows no notice and writes nothing when nothing was stored', async () => {
    const { ui, storage, autosave, clock } = setUp();
    await autosave.ready;
    clock.advance(5000);
    expect(ui.getState().notices).toEqual([]);
    expect(storage.writes).toEqual([]);
  });

  it('stores an edit within one second, and a restorable record', async () => {
    const { editor, storage, autosave, clock } = setUp();
    await autosave.ready;
    editor.getState().moveNodes({ enc: { x: 123, y: 456 } });
    clock.advance(AUTOSAVE_MAX_WAIT_MS);
    expect(storage.writes).toHaveLength(1);
    const decision = decideRestore(storage.stored, testRegistry);
    expect(decision.kind).toBe('restore');
    if (decision.kind !== 'restore') return;
    expect(decision.doc.nodes.find((n) => n.id === 'enc')?.position).toEqual({ x: 123, y: 456 });
  });

  it('does not write again when an undo and redo bring back the saved document', async () => {
    const { editor, storage, autosave, clock } = setUp();
    await autosave.ready;
    editor.getState().moveNodes({ enc: { x: 1, y: 1 } });
    clock.advance(1000);
    editor.getState().undo();
    editor.getState().redo();
    clock.advance(1000);
    expect(storage.writes).toHaveLength(1);
  });

  it('writes a pending edit when stopped (page closing)', async () => {
    const { editor, storage, autosave } = setUp();
    await autosave.ready;
    editor.getState().moveNodes({ enc: { x: 1, y: 1 } });
    autosave.stop();
    expect(storage.writes).toHaveLength(1);
  });

  it('reports a failing storage once and keeps the editor usable', async () => {
    const { editor, ui, storage, autosave, clock } = setUp();
    await autosave.ready;
    storage.failWrites = true;
    editor.getState().moveNodes({ enc: { x: 1, y: 1 } });
    clock.advance(1000);
    await Promise.resolve();
    editor.getState().moveNodes({ enc: { x: 2, y: 2 } });
    clock.advance(1000);
    await Promise.resolve();
    const messages = ui.getState().notices.filter((n) => n.kind === 'message');
    expect(messages).toHaveLength(1);
    expect(editor.getState().doc.nodes.find((n) => n.id === 'enc')?.position).toEqual({ x: 2, y: 2 });
  });

  it('keeps an edit made while the autosave was still being read', async () => {
    const { editor, autosave } = setUp(record(AUTOENCODER), emptyDocument());
    editor.getState().replaceDocument(emptyDocument('Started typing'), 'Rename', null);
    await autosave.ready;
    expect(editor.getState().doc.meta.title).toBe('Started typing');
    expect(editor.getState().doc.nodes).toHaveLength(0);
  });
});
