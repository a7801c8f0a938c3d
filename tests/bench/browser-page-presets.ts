// The per-preset part of the browser bench page: every preset trained in turn in one training
// worker at its own batch size, on the backend the editor would choose, for a few seconds each,
// counting the frames (and those with previews) the page receives.

import { PRESETS } from '../../src/app/presets';
import { TrainingClient } from '../../src/app/session/client';
import type { SessionFrame } from '../../src/core/train/frames';
import { type FrameMark, type RoundSample, roundFromFrames } from '../../scripts/lib/bench-browser-summary';

export interface PresetPlan {
  /** Preset ids, in order; all of them when empty. */
  readonly presets: readonly string[];
  /** Untimed training after each load (first steps, first full preview pass). */
  readonly warmupSeconds: number;
  readonly seconds: number;
}

export type PresetFramesReport =
  | {
      readonly preset: string;
      readonly batchSize: number;
      readonly backend: string;
      readonly round: RoundSample;
    }
  | { readonly preset: string; readonly error: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function benchPresets(plan: PresetPlan): Promise<PresetFramesReport[]> {
  const client = new TrainingClient({ backend: 'auto' });
  const frames: FrameMark[] = [];
  client.onFrame((frame: SessionFrame) =>
    frames.push({
      at: performance.now(),
      time: frame.time,
      iteration: frame.iteration,
      state: frame.state,
      previews: frame.previews.length,
    }),
  );
  const out: PresetFramesReport[] = [];
  try {
    if (!(await client.started())) return [{ preset: '*', error: 'the training worker did not start' }];
    const chosen = plan.presets.length > 0 ? PRESETS.filter((p) => plan.presets.includes(p.id)) : PRESETS;
    for (const preset of chosen) {
      document.body.dataset.stage = `preset ${preset.id}`;
      const { doc } = preset.loaded;
      const loaded = await client.load(doc);
      if (!loaded.ok) {
        out.push({ preset: preset.id, error: loaded.error.message });
        continue;
      }
      const started = await client.start({ iterations: 1_000_000 });
      if (!started.ok) {
        out.push({ preset: preset.id, error: started.error.message });
        continue;
      }
      await sleep(plan.warmupSeconds * 1000);
      const from = frames.length;
      await sleep(plan.seconds * 1000);
      const round = roundFromFrames(frames.slice(from));
      await client.stop();
      const backend = client.backend?.name ?? '?';
      out.push({ preset: preset.id, batchSize: doc.training.batchSize, backend, round });
    }
  } finally {
    client.dispose();
  }
  return out;
}

Object.assign(globalThis, { benchPresets });
