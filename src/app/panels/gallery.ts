// What opening a preset does to the store: which document, the undo label and the file name Save uses.

import type { GraphDocument } from '../../core/graph/document';
import type { Preset } from '../presets';

export interface PresetOpening {
  readonly doc: GraphDocument;
  readonly label: string;
  readonly fileName: string;
}

export function presetOpening(preset: Pick<Preset, 'title' | 'file' | 'loaded'>): PresetOpening {
  const file = preset.file.startsWith('graphs/') ? preset.file : `graphs/${preset.file.replace(/^.*\//, '')}`;
  return { doc: preset.loaded.doc, label: `Open ${preset.title}`, fileName: file };
}
