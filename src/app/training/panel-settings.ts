// The training panel's own settings (open, height, log scale, smoothing) and the backend the student
// forced, kept in localStorage so they outlive a reload; a stored value that makes no sense is ignored.

import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { BACKEND_ORDER } from '../../core/train/backend-names';
import type { BackendChoice } from '../session/client';

export interface PanelSettings {
  readonly open: boolean;
  /** Height of the docked panel in CSS pixels. */
  readonly height: number;
  /** Loss charts on a log scale. */
  readonly log: boolean;
  /** Curves smoothed by an exponential moving average. */
  readonly smooth: boolean;
  /** 'auto' tries webgpu, webgl, wasm, cpu in turn; a name forces that backend. */
  readonly backend: BackendChoice;
}

export const PANEL_SETTINGS_KEY = 'latent-lab.training-panel';
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', ...BACKEND_ORDER];
export const PANEL_MIN_HEIGHT = 140;
export const PANEL_MAX_HEIGHT = 720;

export const DEFAULT_PANEL_SETTINGS: PanelSettings = {
  open: false,
  height: 260,
  log: false,
  smooth: false,
  backend: 'auto',
};

export const clampHeight = (height: number): number =>
  Math.round(Math.min(PANEL_MAX_HEIGHT, Math.max(PANEL_MIN_HEIGHT, height)));

/** Settings from stored JSON: each field kept only when it has the right type, defaults for the rest. */
export function parsePanelSettings(text: string | null | undefined): PanelSettings {
  let raw: unknown;
  try {
    raw = text ? JSON.parse(text) : {};
  } catch {
    return DEFAULT_PANEL_SETTINGS;
  }
  if (typeof raw !== 'object' || raw === null) return DEFAULT_PANEL_SETTINGS;
  const r = raw as Record<string, unknown>;
  const flag = (key: 'open' | 'log' | 'smooth') =>
    typeof r[key] === 'boolean' ? r[key] : DEFAULT_PANEL_SETTINGS[key];
  return {
    open: flag('open'),
    log: flag('log'),
    smooth: flag('smooth'),
    height:
      typeof r.height === 'number' && Number.isFinite(r.height)
        ? clampHeight(r.height)
        : DEFAULT_PANEL_SETTINGS.height,
    backend: BACKEND_CHOICES.find((choice) => choice === r.backend) ?? DEFAULT_PANEL_SETTINGS.backend,
  };
}

function stored(): PanelSettings {
  try {
    return parsePanelSettings(globalThis.localStorage?.getItem(PANEL_SETTINGS_KEY));
  } catch {
    return DEFAULT_PANEL_SETTINGS;
  }
}

export const panelSettings = createStore<PanelSettings>(stored);

panelSettings.subscribe((state) => {
  try {
    globalThis.localStorage?.setItem(PANEL_SETTINGS_KEY, JSON.stringify(state));
  } catch {
    // Storage may be refused (private windows): the settings then last for this page only.
  }
});

export function usePanelSettings<T>(selector: (s: PanelSettings) => T): T {
  return useStore(panelSettings, selector);
}
