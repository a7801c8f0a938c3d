// The only IndexedDB calls: read, write and delete the one autosave record (idb-keyval's default store).

import { del, get, set } from 'idb-keyval';
import { AUTOSAVE_KEY, type AutosaveRecord } from './autosave-model';

/** Whatever is stored, unchecked: decideRestore judges it. */
export function readAutosave(): Promise<unknown> {
  return get<unknown>(AUTOSAVE_KEY);
}

export function writeAutosave(record: AutosaveRecord): Promise<void> {
  return set(AUTOSAVE_KEY, record);
}

export function deleteAutosave(): Promise<void> {
  return del(AUTOSAVE_KEY);
}
