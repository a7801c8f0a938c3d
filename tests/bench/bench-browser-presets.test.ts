// The per-preset figures of the browser bench from what its page counted.
import { describe, expect, it } from 'vitest';
import { presetFrames } from '../../scripts/lib/bench-browser-presets';

describe('presetFrames', () => {
  it('turns a round into iterations, frames and preview frames per second', () => {
    const round = { iterations: 40, seconds: 4, frames: 49, previewFrames: 44, pageSeconds: 4 };
    expect(presetFrames({ preset: 'vae', batchSize: 128, backend: 'wasm', round })).toEqual({
      preset: 'vae',
      backend: 'wasm',
      batchSize: 128,
      iterationsPerSec: 10,
      msPerIteration: 100,
      framesPerSec: 12,
      previewFramesPerSec: 11,
    });
  });

  it('reports a preset that made no progress in its window instead of dividing by zero', () => {
    const round = { iterations: 0, seconds: 0, frames: 1, previewFrames: 0, pageSeconds: 0 };
    const outcome = presetFrames({ preset: 'pix2pix-footwear', batchSize: 16, backend: 'wasm', round });
    expect(outcome).toEqual({
      preset: 'pix2pix-footwear',
      error: 'too slow to measure: 0 iterations between 1 training frames',
    });
  });
});
