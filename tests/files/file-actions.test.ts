import { describe, expect, it } from 'vitest';
import { createFileActions, pickGraphFile } from '../../src/app/files/file-actions';
import { createFilesUi } from '../../src/app/files/files-ui';
import { visibleNotices } from '../../src/app/files/notices-model';
import { openGraphFile } from '../../src/app/open-file';
import { toCanonicalJson } from '../../src/core/graph/canonical';
import { emptyDocument } from '../../src/core/graph/document';
import { loadGraph } from '../../src/core/graph/load';
import { createEditorStore } from '../../src/store';
import { testRegistry } from '../graph/test-registry';
import { fixtureFile, fixtureJson } from './helpers';

const AUTOENCODER = loadGraph(fixtureJson('valid/autoencoder.json'), testRegistry).doc;

function setUp(initial = emptyDocument()) {
  const editor = createEditorStore(initial);
  const ui = createFilesUi();
  const downloads: { name: string; text: string }[] = [];
  const actions = createFileActions({
    editor,
    ui,
    registry: testRegistry,
    download: (name, text) => downloads.push({ name, text }),
  });
  return { editor, ui, downloads, actions };
}

const loadNotice = (ui: ReturnType<typeof createFilesUi>) => {
  const notice = ui.getState().notices.find((n) => n.kind === 'load');
  if (notice?.kind !== 'load') throw new Error('no load notice');
  return notice;
};

describe('opening a graph file', () => {
  it('opens what is valid of a file with a dangling edge and names the edge in a notice', async () => {
    const { editor, ui, actions } = setUp();
    await actions.openFile(fixtureFile('broken/dangling-edge.json'));
    const { doc, fileName } = editor.getState();
    expect(doc.nodes.length).toBe(AUTOENCODER.nodes.length);
    expect(doc.edges.length).toBe(AUTOENCODER.edges.length - 1);
    expect(fileName).toBe('dangling-edge.json');
    const notice = loadNotice(ui);
    expect(notice.source).toBe('dangling-edge.json');
    expect(notice.warnings.map((w) => w.code)).toEqual(['DANGLING_EDGE']);
    expect(notice.warnings[0]?.message).toMatch(/edge "[^"]+"/);
    expect(notice.warnings[0]?.path).toMatch(/^edges\[\d+\]/);
  });

  it('opens an empty graph with a warning for a file that is not JSON, and undo brings the old graph back', async () => {
    const { editor, ui, actions } = setUp(AUTOENCODER);
    await actions.openFile(fixtureFile('broken/not-json.txt'));
    expect(editor.getState().doc.nodes).toHaveLength(0);
    expect(loadNotice(ui).warnings.map((w) => w.code)).toEqual(['NOT_JSON']);
    editor.getState().undo();
    expect(toCanonicalJson(editor.getState().doc)).toBe(toCanonicalJson(AUTOENCODER));
  });

  it('opens a file the browser cannot read as an empty graph with a warning instead of failing', async () => {
    const unreadable = new File(['{}'], 'locked.json');
    Object.defineProperty(unreadable, 'text', { value: () => Promise.reject(new Error('NotReadableError')) });
    const opened = await openGraphFile(unreadable, testRegistry);
    expect(opened.loaded.doc.nodes).toHaveLength(0);
    expect(opened.loaded.warnings.map((w) => w.code)).toEqual(['LOAD_FAILED']);
    expect(opened.loaded.warnings[0]?.message).toContain('NotReadableError');
  });

  it("clears the previous file's warnings when a clean file is opened", async () => {
    const { ui, actions } = setUp();
    await actions.openFile(fixtureFile('broken/unknown-node-type.json'));
    expect(ui.getState().notices).toHaveLength(1);
    await actions.openFile(fixtureFile('valid/autoencoder.json'));
    expect(ui.getState().notices).toEqual([]);
  });

  it('opens the first .json file of a drop and ignores the rest', async () => {
    const { editor, actions } = setUp();
    const picture = new File(['png'], 'picture.png', { type: 'image/png' });
    const opened = await actions.openDropped({ files: [picture, fixtureFile('valid/autoencoder.json')] });
    expect(opened).toBe(true);
    expect(editor.getState().fileName).toBe('autoencoder.json');
  });

  it('says so when a drop holds no graph file, and leaves the graph alone', async () => {
    const { editor, ui, actions } = setUp(AUTOENCODER);
    const opened = await actions.openDropped({ files: [new File(['png'], 'picture.png')] });
    expect(opened).toBe(false);
    expect(editor.getState().doc).toBe(AUTOENCODER);
    const [notice] = ui.getState().notices;
    expect(notice?.kind === 'message' && notice.text).toContain('"picture.png" is not a graph file');
  });

  it('picks graph files by their .json name or their JSON type', () => {
    const byType = new File(['{}'], 'graph', { type: 'application/json' });
    expect(pickGraphFile([new File([''], 'notes.txt'), byType])).toBe(byType);
    expect(pickGraphFile([new File([''], 'notes.txt')])).toBeNull();
  });
});

describe('new, save and save as', () => {
  it('replaces the graph with an empty one as one undo step', () => {
    const { editor, actions } = setUp(AUTOENCODER);
    actions.newGraph();
    expect(toCanonicalJson(editor.getState().doc)).toBe(toCanonicalJson(emptyDocument()));
    expect(editor.getState().fileName).toBeNull();
    editor.getState().undo();
    expect(editor.getState().doc).toBe(AUTOENCODER);
  });

  it('downloads the canonical JSON under the slug of the title for a new graph', () => {
    const { downloads, actions } = setUp(AUTOENCODER);
    actions.save();
    expect(downloads).toEqual([{ name: 'tiny-autoencoder.json', text: toCanonicalJson(AUTOENCODER) }]);
  });

  it('saves under the name of the opened file, and the saved text loads back to the same graph', async () => {
    const { editor, downloads, actions } = setUp();
    await actions.openFile(fixtureFile('valid/autoencoder.json'));
    actions.save();
    expect(downloads[0]?.name).toBe('autoencoder.json');
    const reloaded = loadGraph(downloads[0]?.text, testRegistry);
    expect(reloaded.warnings).toEqual([]);
    expect(toCanonicalJson(reloaded.doc)).toBe(toCanonicalJson(editor.getState().doc));
  });

  it("asks for a name on Save As, downloads under it, keeps it as the document's file name, and later saves use it", () => {
    const { editor, ui, downloads, actions } = setUp(AUTOENCODER);
    actions.saveAs();
    expect(ui.getState().saveAsOpen).toBe(true);
    expect(actions.saveAsNamed('my run')).toBe(true);
    expect(ui.getState().saveAsOpen).toBe(false);
    expect(editor.getState().fileName).toBe('my run.json');
    actions.save();
    expect(downloads.map((d) => d.name)).toEqual(['my run.json', 'my run.json']);
  });

  it('keeps showing the warnings of an opened file after it is saved under another name', async () => {
    const { editor, ui, actions } = setUp();
    await actions.openFile(fixtureFile('broken/dangling-edge.json'));
    actions.saveAsNamed('repaired');
    const shown = visibleNotices(ui.getState().notices, editor.getState().fileName);
    expect(shown.map((n) => n.kind)).toEqual(['load']);
    // Undoing past the Open shows the earlier (empty, unnamed) graph, and its warnings hide.
    editor.getState().undo();
    expect(editor.getState().fileName).toBeNull();
    expect(visibleNotices(ui.getState().notices, editor.getState().fileName)).toEqual([]);
  });

  it('keeps the dialog open when the typed name has nothing usable in it', () => {
    const { ui, downloads, actions } = setUp(AUTOENCODER);
    actions.saveAs();
    expect(actions.saveAsNamed('  ')).toBe(false);
    expect(ui.getState().saveAsOpen).toBe(true);
    expect(downloads).toEqual([]);
  });

  it('forgets the Save As name once another file is opened or New is chosen', async () => {
    const { downloads, actions } = setUp(AUTOENCODER);
    actions.saveAsNamed('mine');
    await actions.openFile(fixtureFile('valid/autoencoder.json'));
    actions.save();
    actions.newGraph();
    actions.save();
    expect(downloads.map((d) => d.name)).toEqual(['mine.json', 'autoencoder.json', 'untitled-graph.json']);
  });
});
