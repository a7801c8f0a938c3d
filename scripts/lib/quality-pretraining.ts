// Quality bar of unsupervised pretraining (LECTURE.md): test accuracy of the softmax classifier on
// the pretrained encoder (frozen or fine-tuned, as the preset's classifier optimizer says) against
// the same-shaped classifier trained from scratch, both on the same 1% of the labels, over every
// test image.
import type { GraphDocument } from '../../src/core/graph/document';
import type { Trainer } from '../../src/core/train/trainer';
import { type QualityCheck, steps } from './quality-checks';
import { loadPreset, trainPreset } from './quality-run';

/** Share of rows of `scores` ([count, classes]) whose largest entry is at the true label. */
export function classAccuracy(scores: ArrayLike<number>, labels: ArrayLike<number>, classes: number): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if ((scores[i * classes + c] ?? -Infinity) > (scores[i * classes + best] ?? -Infinity)) best = c;
    }
    if (best === labels[i]) right += 1;
  }
  return labels.length ? right / labels.length : 0;
}

/** Every test image: at least as many as either test split holds (MNIST's 1,756, Fashion-MNIST's 10,000). */
const TEST_IMAGES = 10_000;

/** Test accuracy of the preset's pretrained and from-scratch classifiers on `count` test images. */
export async function testAccuracies(
  trainer: Trainer,
  count: number,
): Promise<{ pretrained: number; scratch: number }> {
  const [labels, pretrained, scratch] = await trainer.evaluate(
    [
      { node: 'labelled', port: 'labels' },
      { node: 'head', port: 'out' },
      { node: 'sOut', port: 'out' },
    ],
    count,
  );
  if (!labels || !pretrained || !scratch) throw new Error('evaluation failed');
  return {
    pretrained: classAccuracy(pretrained.values, labels.values, 10),
    scratch: classAccuracy(scratch.values, labels.values, 10),
  };
}

/**
 * The preset's schedule, scaled: the autoencoder's iterations (its optimizer stops after them and
 * both classifiers start after them) and the run's total.
 */
export function pretrainingSchedule(doc: GraphDocument, scale: number): { pretrain: number; total: number } {
  const stop = doc.nodes.find((n) => n.id === 'aeAdam')?.params.stopAfter;
  if (typeof stop !== 'number' || stop <= 0)
    throw new Error('the autoencoder optimizer aeAdam does not stop');
  return { pretrain: steps(stop, scale), total: steps(doc.training.steps, scale) };
}

export const pretraining: QualityCheck = {
  name: 'unsupervised-pretraining',
  async run(scale, log) {
    const preset = 'unsupervised-pretraining';
    const { pretrain, total } = pretrainingSchedule(loadPreset(preset), scale);
    const { trainer } = await trainPreset(
      preset,
      total,
      {
        aeAdam: { stopAfter: pretrain },
        headAdam: { startAfter: pretrain },
        scratchAdam: { startAfter: pretrain },
      },
      log,
    );
    const { pretrained, scratch } = await testAccuracies(trainer, TEST_IMAGES);
    const labelled = Number(trainer.program.params.get('labelled')?.fraction ?? NaN);
    const frozen = trainer.program.params.get('headAdam')?.frozen;
    const encoder = Array.isArray(frozen) && frozen.includes('encoder') ? 'frozen' : 'fine-tuned';
    trainer.dispose();
    const share = `${labelled * 100}% of the labels, ${total - pretrain} iterations after ${pretrain} of pretraining`;
    return [
      {
        preset,
        metric: `test accuracy, ${encoder} pretrained encoder, ${share}`,
        value: pretrained,
        bar: 'reference',
        pass: null,
      },
      {
        preset,
        metric: `test accuracy, from scratch, ${share}`,
        value: scratch,
        bar: 'reference',
        pass: null,
      },
      {
        preset,
        metric: 'test accuracy pretrained minus from scratch',
        value: pretrained - scratch,
        bar: '>= 0.02 (clearly above)',
        pass: pretrained - scratch >= 0.02,
      },
    ];
  },
};
