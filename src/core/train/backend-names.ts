// The tfjs backends a session can train on, in the order they are tried, and how the choice is
// reported; kept apart so the page's client can use them without pulling in any training code.

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export function isBackendName(value: string): value is BackendName {
  return (BACKEND_ORDER as readonly string[]).includes(value);
}

/** A backend that was passed over, and why, in words for the toolbar. */
export interface BackendSkip {
  readonly name: BackendName;
  readonly reason: string;
}

export interface BackendReport {
  readonly name: BackendName;
  /** One line for people: the adapter, SIMD and threads, ... */
  readonly detail: string;
  /** True when the student picked it rather than the automatic order. */
  readonly forced: boolean;
  readonly skipped: readonly BackendSkip[];
}
