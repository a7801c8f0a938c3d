// The pictures a training session sends: preview passes (quick and full) and the sample metrics
// measured now and then, rendered to RGBA and kept in the frame stream for the next frame.

import type * as tfjs from '@tensorflow/tfjs';
import type { BackendName } from './backend-names';
import type { FrameStream } from './frame-stream';
import { renderPreviews } from './frames';
import { previewPass } from './passes';
import { type ClassifierLoader, SampleMetrics } from './sample-metrics';
import { describeError } from './session-errors';
import type { DatasetCache } from './session-support';
import type { Trainer } from './trainer';

/** Test images in the quick image previews on a CPU backend. */
const QUICK_PREVIEW_SIZE = 16;

export interface SessionPreviewsOptions {
  readonly tf: typeof tfjs;
  readonly data: DatasetCache;
  readonly frames: FrameStream;
  readonly now: () => number;
  readonly loadClassifier: ClassifierLoader | undefined;
  /** The active backend's name, undefined when none is active. */
  readonly backendName: () => BackendName | undefined;
}

export class SessionPreviews {
  private readonly sampleMetrics: SampleMetrics;

  constructor(private readonly options: SessionPreviewsOptions) {
    const { tf, loadClassifier, data } = options;
    this.sampleMetrics = new SampleMetrics(tf, loadClassifier, data.load);
  }

  /** Runs a preview pass and keeps its pictures for the next frame; failures never stop training. */
  async refresh(trainer: Trainer | null, pass: 'full' | 'quick' | null): Promise<void> {
    if (!trainer || pass === null) return;
    const { tf, data, frames, now, backendName } = this.options;
    const start = now();
    try {
      // GPU backends compile programs per shape: at the training batch size they reuse the step's.
      const gpu = ['webgl', 'webgpu'].includes(backendName() ?? '');
      const quickSize = gpu ? Math.max(QUICK_PREVIEW_SIZE, trainer.batchSize) : QUICK_PREVIEW_SIZE;
      const previews = await previewPass(trainer, tf, data.ready(), pass, quickSize);
      frames.addPreviews(renderPreviews(previews), pass, start);
    } catch (error) {
      frames.carry({ notice: `Previews failed: ${describeError(error, backendName()).message}` });
    }
  }

  /** Sample metrics that are due (all of them when a run ends), kept for the next frame. */
  async measureSamples(trainer: Trainer, final: boolean): Promise<void> {
    const plans = this.sampleMetrics.due(trainer.program, trainer.iteration, final);
    if (plans.length === 0) return;
    const { frames } = this.options;
    const results = await this.sampleMetrics.measure(trainer, plans);
    frames.recordMeasured(trainer.iteration, results.values);
    frames.addViews(renderPreviews(results.previews));
    frames.carry({ notes: results.notes });
  }

  /** Forgets the metrics' schedule of a run that was thrown away (reset). */
  forgetRun(): void {
    this.sampleMetrics.forgetRun();
  }

  dispose(): void {
    this.sampleMetrics.dispose();
  }
}
