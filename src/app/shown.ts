// Which graph the page shows (a preset or an opened file) and the facts the panel needs about it.

import type { LoadedGraph } from './graph-report';
import type { OpenedFile } from './open-file';
import type { Preset } from './presets';

export type Shown =
  | { readonly kind: 'preset'; readonly id: string }
  /** `opening` counts files opened, so reopening the same file still resets the panel. */
  | { readonly kind: 'file'; readonly file: OpenedFile; readonly opening: number };

export interface ShownGraph {
  /** Changes whenever a different graph (or a newly opened file) is shown. */
  readonly key: string;
  /** Where it came from, in words: "preset graphs/vae.json", "file my-gan.json". */
  readonly source: string;
  readonly fromFile: boolean;
  readonly loaded: LoadedGraph;
}

/** The state after the user opened a file. */
export function showFile(previous: Shown, file: OpenedFile): Shown {
  return { kind: 'file', file, opening: (previous.kind === 'file' ? previous.opening : 0) + 1 };
}

export function shownGraph(shown: Shown, presets: readonly Preset[]): ShownGraph | undefined {
  if (shown.kind === 'file') {
    const { file, opening } = shown;
    return { key: `file:${opening}`, source: `file ${file.name}`, fromFile: true, loaded: file.loaded };
  }
  const preset = presets.find((p) => p.id === shown.id);
  if (!preset) return undefined;
  return {
    key: `preset:${preset.id}`,
    source: `preset ${preset.file}`,
    fromFile: false,
    loaded: preset.loaded,
  };
}
