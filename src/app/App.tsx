// The first page: pick a preset or open a graph file, and see what inference makes of it.

import { useState } from 'react';
import { NODE_REGISTRY } from '../../nodes';
import { GraphFileInput } from './components/GraphFileInput';
import { GraphPanel } from './components/GraphPanel';
import { PresetList } from './components/PresetList';
import { ShowErrors } from './components/ShowErrors';
import type { OpenedFile } from './open-file';
import { PRESETS } from './presets';
import { showFile, shownGraph, type Shown } from './shown';

export function App() {
  const [shown, setShown] = useState<Shown>(() => ({ kind: 'preset', id: PRESETS[0]?.id ?? '' }));
  const graph = shownGraph(shown, PRESETS);
  const opened = (file: OpenedFile) => setShown((previous) => showFile(previous, file));

  return (
    <div className="app">
      <header className="app-header">
        <h1>Latent Lab</h1>
        <p className="tagline">Autoencoders, VAEs and GANs as node graphs</p>
        <GraphFileInput registry={NODE_REGISTRY} onOpened={opened} />
      </header>
      <div className="app-body">
        <PresetList
          presets={PRESETS}
          selected={shown.kind === 'preset' ? shown.id : undefined}
          onSelect={(id) => setShown({ kind: 'preset', id })}
        />
        <main className="graph-area">
          {/* Keyed by what is shown, so a failure on one graph clears when another is picked. */}
          <ShowErrors key={graph?.key ?? 'none'}>
            {graph ? (
              <GraphPanel graph={graph} registry={NODE_REGISTRY} />
            ) : (
              <p className="empty">There are no preset graphs; open a graph file.</p>
            )}
          </ShowErrors>
        </main>
      </div>
    </div>
  );
}
