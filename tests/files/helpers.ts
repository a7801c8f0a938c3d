// Test doubles for the file features: hand-driven timers, an in-memory autosave storage, and File
// objects read from the fixture folder.

import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AutosaveStorage } from '../../src/app/files/autosave';
import type { AutosaveRecord } from '../../src/app/files/autosave-model';
import type { Timers } from '../../src/app/files/save-scheduler';

export const FIXTURES = fileURLToPath(new URL('../fixtures/graphs', import.meta.url));

export function fixtureFile(relative: string): File {
  const path = join(FIXTURES, relative);
  return new File([readFileSync(path)], basename(path), { type: 'application/json' });
}

export function fixtureJson(relative: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, relative), 'utf8'));
}

export interface FakeTimers {
  readonly timers: Timers;
  /** Moves the clock on, firing due callbacks in time order. */
  advance(ms: number): void;
  now(): number;
}

export function fakeTimers(start = 1_700_000_000_000): FakeTimers {
  let now = start;
  let next = 0;
  const pending = new Map<number, { at: number; callback: () => void }>();
  return {
    timers: {
      setTimeout(callback, ms) {
        next += 1;
        pending.set(next, { at: now + ms, callback });
        return next;
      },
      clearTimeout(handle) {
        pending.delete(handle as number);
      },
      now: () => now,
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...pending.entries()]
          .filter(([, t]) => t.at <= end)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (due === undefined) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = end;
    },
    now: () => now,
  };
}

export interface MemoryStorage extends AutosaveStorage {
  stored: unknown;
  readonly writes: AutosaveRecord[];
  removed: number;
  failWrites: boolean;
}

export function memoryStorage(initial?: unknown): MemoryStorage {
  const storage: MemoryStorage = {
    stored: initial,
    writes: [],
    removed: 0,
    failWrites: false,
    read: async () => storage.stored,
    write: async (record) => {
      if (storage.failWrites) throw new Error('QuotaExceededError');
      // IndexedDB stores a structured clone, not the live object.
      storage.stored = structuredClone(record);
      storage.writes.push(record);
    },
    remove: async () => {
      storage.stored = undefined;
      storage.removed += 1;
    },
  };
  return storage;
}
