// Metric nodes: a scalar measured on every training step and charted beside the losses. They have
// no outputs, so nothing can train on them; the trainer reads them in the pass of a phase that
// already computes their inputs.

import { defineNode } from '../src/core/types/definition';
import { formatType, sameShape } from '../src/core/types/ports';

export const meanMetric = defineNode({
  type: 'metric.mean',
  title: 'Mean value',
  category: 'metric',
  doc: "Average of a tensor over the batch, charted while training: on a discriminator's score it reads as D(real) or D(fake).",
  inputs: [{ name: 'in', kind: 'tensor', doc: 'Any tensor, e.g. the discriminator score [B,1].' }],
  outputs: [],
  params: {
    squash: {
      kind: 'enum',
      options: ['none', 'sigmoid'],
      default: 'none',
      doc: 'sigmoid: turn raw scores (logits) into probabilities before averaging, so a discriminator that ends without a sigmoid still reads as a probability.',
    },
  },
  infer(ctx) {
    ctx.tensor('in');
    return {};
  },
  build: {
    role: 'metric',
    run(ctx) {
      const { tf } = ctx;
      return tf.tidy(() => {
        const input = ctx.input('in');
        return tf.mean(ctx.params.squash === 'sigmoid' ? tf.sigmoid(input) : input);
      });
    },
  },
});

export const accuracyMetric = defineNode({
  type: 'metric.accuracy',
  title: 'Accuracy',
  category: 'metric',
  doc: 'Share of samples whose highest score is the true class: how often a classifier is right on the batch.',
  inputs: [
    { name: 'scores', kind: 'tensor', doc: 'Class scores or probabilities [B,C] (logits are fine).' },
    { name: 'labels', kind: 'labels', doc: 'The true class of each sample.' },
  ],
  outputs: [],
  params: {},
  infer(ctx) {
    const scores = ctx.tensor('scores', 1);
    const labels = ctx.input('labels');
    if (labels?.kind === 'labels' && !sameShape(scores.shape, [labels.classes])) {
      ctx.fail('E_SHAPE_MISMATCH', {
        port: 'scores',
        expected: `vector [B,${labels.classes}], one score per class (end the classifier with Dense(${labels.classes}))`,
        actual: formatType(scores),
      });
    }
    return {};
  },
  build: {
    role: 'metric',
    run(ctx) {
      const { tf } = ctx;
      return tf.tidy(() => {
        const predicted = tf.argMax(ctx.input('scores'), -1);
        return tf.mean(tf.cast(tf.equal(predicted, tf.cast(ctx.input('labels'), 'int32')), 'float32'));
      });
    },
  },
});

export const METRIC_NODES = [meanMetric, accuracyMetric] as const;
