// Pure edits of the document's meta (title, description, ...) and training settings.

import type { GraphDocument, GraphMeta, TrainingSettings } from '../core/graph/document';
import { TRAINING_LIMITS } from '../core/graph/schema';
import { done, refuse, type Edit } from './edit';

const META_WORDS: Record<keyof GraphMeta, string> = {
  title: 'title',
  description: 'description',
  lecture: 'lecture',
  author: 'author',
};

const TRAINING_WORDS: Record<keyof TrainingSettings, string> = {
  batchSize: 'batch size',
  seed: 'seed',
  steps: 'steps',
};

/** Sets meta fields; an empty lecture or author is removed rather than kept as blank text. */
export function setMeta(doc: GraphDocument, patch: Partial<GraphMeta>): Edit {
  const keys = Object.keys(patch) as (keyof GraphMeta)[];
  const meta: Record<string, string> = { ...doc.meta };
  let changed = false;
  for (const key of keys) {
    if (!(key in META_WORDS)) return refuse(`The document has no field "${key}"`);
    const value = patch[key];
    if (typeof value !== 'string') return refuse(`The ${META_WORDS[key]} must be text`);
    const optional = key === 'lecture' || key === 'author';
    if (optional && value === '') {
      if (key in meta) changed = true;
      delete meta[key];
    } else if (meta[key] !== value) {
      meta[key] = value;
      changed = true;
    }
  }
  const label = `Set ${keys.map((k) => META_WORDS[k] ?? k).join(' and ')} of the graph`;
  return done(changed ? { ...doc, meta: meta as unknown as GraphMeta } : doc, undefined, label);
}

/** Sets training settings within the limits the file format accepts. */
export function setTraining(doc: GraphDocument, patch: Partial<TrainingSettings>): Edit {
  const keys = Object.keys(patch) as (keyof TrainingSettings)[];
  const training: Record<string, number> = { ...doc.training };
  let changed = false;
  for (const key of keys) {
    const limits = TRAINING_LIMITS[key] as { min?: number; max?: number; words: string } | undefined;
    if (!limits) return refuse(`Training has no setting "${key}"`);
    const value = patch[key];
    const fits =
      typeof value === 'number' &&
      Number.isInteger(value) &&
      (limits.min === undefined || value >= limits.min) &&
      (limits.max === undefined || value <= limits.max);
    if (!fits) return refuse(`The ${TRAINING_WORDS[key]} must be ${limits.words}, got ${String(value)}`);
    if (training[key] !== value) {
      training[key] = value;
      changed = true;
    }
  }
  const label = `Set ${keys.map((k) => TRAINING_WORDS[k] ?? k).join(' and ')}`;
  return done(
    changed ? { ...doc, training: training as unknown as TrainingSettings } : doc,
    undefined,
    label,
  );
}
