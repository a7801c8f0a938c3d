// Chooses the tfjs backend the worker trains on: the first of webgpu, webgl, wasm, cpu that starts
// (or the one the student forced), remembering why each one before it was passed over.

import {
  BACKEND_ORDER,
  type BackendName,
  type BackendReport,
  type BackendSkip,
} from '../src/core/train/backend-names';
import type { BackendHost } from '../src/core/train/session-support';

export type BackendChoice = 'auto' | BackendName;

export type Activation =
  { readonly ok: true; readonly detail: string } | { readonly ok: false; readonly reason: string };

/** Makes one backend the active tfjs backend; `forced` lifts checks such as refusing a software GPU. */
export type Activator = (forced: boolean) => Promise<Activation>;

export interface ChooserOptions {
  readonly choice: BackendChoice;
  /** Backends already given up on (by an earlier worker of this session), with the reason. */
  readonly exclude?: readonly BackendSkip[];
  readonly activators: Readonly<Partial<Record<BackendName, Activator>>>;
}

export const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/**
 * A software GPU (SwiftShader on a machine without a usable one) runs on the CPU and trains
 * several times slower than wasm, so the automatic order passes it over; forcing still uses it.
 */
export function softwareVerdict(
  api: 'WebGPU' | 'WebGL',
  name: string,
  software: boolean,
  forced: boolean,
): Activation {
  if (software && !forced) {
    const shown = /swiftshader/i.test(name) ? 'SwiftShader' : name;
    return {
      ok: false,
      reason: `software ${api} (${shown}): it runs on the CPU, several times slower than wasm`,
    };
  }
  return { ok: true, detail: software ? `${name}, software` : name };
}

export class NoBackendError extends Error {
  constructor(readonly skipped: readonly BackendSkip[]) {
    super(`no backend could start: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class BackendChooser implements BackendHost {
  private active: BackendReport | null = null;
  private readonly skipped: BackendSkip[];
  private readonly order: readonly BackendName[];
  private readonly forced: boolean;

  private constructor(private readonly options: ChooserOptions) {
    this.forced = options.choice !== 'auto';
    const excluded = new Set((options.exclude ?? []).map((s) => s.name));
    this.skipped = this.forced ? [] : [...(options.exclude ?? [])];
    this.order = options.choice === 'auto' ? BACKEND_ORDER.filter((n) => !excluded.has(n)) : [options.choice];
  }

  /** Activates the first backend that starts; throws NoBackendError, listing every reason, if none does. */
  static async start(options: ChooserOptions): Promise<BackendChooser> {
    const chooser = new BackendChooser(options);
    if (!(await chooser.activateFrom(0))) throw new NoBackendError(chooser.skipped);
    return chooser;
  }

  current(): BackendReport {
    if (!this.active) throw new Error('no backend is active');
    return this.active;
  }

  async fallback(reason: string): Promise<BackendReport | null> {
    const active = this.active;
    if (!active || this.forced) return null;
    this.skipped.push({ name: active.name, reason });
    this.active = null;
    return (await this.activateFrom(this.order.indexOf(active.name) + 1)) ? this.active : null;
  }

  private async activateFrom(index: number): Promise<boolean> {
    for (const name of this.order.slice(index)) {
      const activate = this.options.activators[name];
      let outcome: Activation;
      try {
        outcome = activate ? await activate(this.forced) : { ok: false, reason: 'not available here' };
      } catch (error) {
        outcome = { ok: false, reason: `failed to start (${messageOf(error)})` };
      }
      if (outcome.ok) {
        this.active = { name, detail: outcome.detail, forced: this.forced, skipped: [...this.skipped] };
        return true;
      }
      this.skipped.push({ name, reason: outcome.reason });
    }
    return false;
  }
}
