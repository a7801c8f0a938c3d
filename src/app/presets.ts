// The preset graphs in graphs/, bundled at build time, read with the tolerant loader and listed
// in the order the lecture teaches their topics.

import { NODE_REGISTRY } from '../../nodes';
import { LECTURE_SECTIONS } from '../core/graph/lecture';
import { loadGraph, type LoadResult } from '../core/graph/load';

export interface Preset {
  /** The file name without ".json", e.g. "vae". */
  readonly id: string;
  /** Where the file lives in the repository, e.g. "graphs/vae.json". */
  readonly file: string;
  readonly title: string;
  readonly description: string;
  readonly lecture?: string;
  readonly loaded: LoadResult;
}

// Lecture sections come from core (LECTURE_SECTIONS): a preset's `meta.lecture` is matched against
// them after normalising case and plurals, so "Stacked autoencoder" and "Stacked autoencoders" land
// in the same place; a section not listed sorts after all listed ones.

const normalise = (section: string): string =>
  section
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => (word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word))
    .join(' ');

const SECTION_RANK = new Map(LECTURE_SECTIONS.map((section, index) => [normalise(section), index]));

/** Where a lecture section falls in the lecture; unknown or missing sections come last. */
export function lectureRank(section: string | undefined): number {
  if (section === undefined) return LECTURE_SECTIONS.length;
  return SECTION_RANK.get(normalise(section)) ?? LECTURE_SECTIONS.length;
}

/** Presets from raw file contents keyed by path; sorted by lecture section, then by file name. */
export function presetsFrom(files: Readonly<Record<string, unknown>>): Preset[] {
  const presets = Object.entries(files).map(([path, raw]): Preset => {
    const file = path.replace(/^\//, '');
    const id = file.replace(/^.*\//, '').replace(/\.json$/, '');
    const loaded = loadGraph(raw, NODE_REGISTRY);
    const { title, description, lecture } = loaded.doc.meta;
    return { id, file, title, description, ...(lecture !== undefined && { lecture }), loaded };
  });
  return presets.sort((a, b) => lectureRank(a.lecture) - lectureRank(b.lecture) || a.id.localeCompare(b.id));
}

export const PRESETS: readonly Preset[] = presetsFrom(
  import.meta.glob<unknown>('/graphs/*.json', { eager: true, import: 'default' }),
);
