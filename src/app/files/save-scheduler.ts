// When autosave writes: a short quiet time after the last edit, but never later than a bound after
// the first unsaved one, so a long drag is still saved within a second. Timers are injected for tests.

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const browserTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export interface SaveScheduler {
  /** An edit happened: write after `delayMs` of quiet, or at `maxWaitMs` after the first pending edit. */
  changed(): void;
  /** Write now if anything is pending (page hidden or closing). */
  flush(): void;
  /** Forget what is pending without writing. */
  cancel(): void;
}

export function createSaveScheduler(
  write: () => void,
  delayMs: number,
  maxWaitMs: number,
  timers: Timers = browserTimers,
): SaveScheduler {
  let handle: unknown = null;
  let firstPendingAt: number | null = null;

  const stop = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
    firstPendingAt = null;
  };
  const fire = () => {
    stop();
    write();
  };

  return {
    changed() {
      const now = timers.now();
      firstPendingAt ??= now;
      const wait = Math.max(0, Math.min(delayMs, firstPendingAt + maxWaitMs - now));
      if (handle !== null) timers.clearTimeout(handle);
      handle = timers.setTimeout(fire, wait);
    },
    flush() {
      if (firstPendingAt !== null) fire();
    },
    cancel: stop,
  };
}
