// The training panel's stored settings: read back field by field, anything malformed replaced by its default.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PANEL_SETTINGS,
  PANEL_MAX_HEIGHT,
  parsePanelSettings,
} from '../../src/app/training/panel-settings';
import {
  applyFrame,
  halve,
  initialTraining,
  LOSS_HISTORY_LIMIT,
} from '../../src/app/training/training-store';
import type { SessionFrame } from '../../src/core/train/frames';

describe('parsePanelSettings', () => {
  it('reads back what was stored', () => {
    const stored = { open: true, height: 300, log: true, smooth: true, backend: 'cpu' };
    expect(parsePanelSettings(JSON.stringify(stored))).toEqual(stored);
  });

  it('gives the defaults for nothing stored or for text that is not JSON', () => {
    expect(parsePanelSettings(null)).toEqual(DEFAULT_PANEL_SETTINGS);
    expect(parsePanelSettings('{oops')).toEqual(DEFAULT_PANEL_SETTINGS);
    expect(parsePanelSettings('[1,2]')).toEqual(DEFAULT_PANEL_SETTINGS);
  });

  it('keeps the good fields and replaces an unknown backend, a wrong type and a huge height', () => {
    const parsed = parsePanelSettings(
      JSON.stringify({ open: 'yes', height: 99999, log: true, backend: 'quantum' }),
    );
    expect(parsed).toEqual({ ...DEFAULT_PANEL_SETTINGS, log: true, height: PANEL_MAX_HEIGHT });
  });
});

describe('loss history length', () => {
  /** A frame carrying the iterations from `first` to `last`. */
  const frame = (first: number, last: number): SessionFrame => ({
    seq: last,
    time: 0,
    state: 'training',
    iteration: last,
    losses: { mse: 1 / last },
    history: Array.from({ length: last - first + 1 }, (_, i) => ({
      iteration: first + i,
      losses: { mse: 1 / (first + i) },
    })),
    samplesPerSec: 1,
    backend: null,
    previews: [],
  });

  it('halves a series from the newest point back', () => {
    expect(halve({ iterations: [1, 2, 3, 4, 5], values: [1, 2, 3, 4, 5] })).toEqual({
      iterations: [1, 3, 5],
      values: [1, 3, 5],
    });
  });

  it('keeps the whole run, from its first iterations to the newest, within the limit', () => {
    let s = initialTraining;
    const last = LOSS_HISTORY_LIMIT * 3;
    for (let it = 1; it <= last; it += 50) s = applyFrame(s, frame(it, it + 49));
    const series = s.history.mse!;
    expect(series.iterations.length).toBeLessThanOrEqual(LOSS_HISTORY_LIMIT);
    expect(series.iterations.at(-1)).toBe(last);
    expect(series.iterations[0]).toBeLessThan(10);
    expect(series.values.at(-1)).toBe(1 / last);
  });
});
