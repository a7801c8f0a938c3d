// Experience replay for GANs: a buffer of earlier generated samples, kept across training steps in
// the node's state, that shows the discriminator old fakes again beside the current ones.

import type * as tfjs from '@tensorflow/tfjs';
import { defineNode, type Rng } from '../src/core/types/definition';
import { tensorType } from '../src/core/types/ports';

/**
 * Row indices into concat(current, buffer) for the mixed batch: each of the `count` rows is its
 * own current sample, or with probability `mix` a random one of the `stored` buffered samples.
 */
export function replayMixIndices(rng: Rng, count: number, stored: number, mix: number): Int32Array {
  const rows = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    rows[i] = stored > 0 && rng.next() < mix ? count + Math.floor(rng.next() * stored) : i;
  }
  return rows;
}

/**
 * Row indices into concat(buffer, current) for the next buffer of at most `size` rows: while it
 * fills up, every current sample is appended; once full, each current sample overwrites a random
 * slot, so a sample stays about size / batch steps on average and older fakes linger.
 */
export function replayKeepIndices(rng: Rng, stored: number, count: number, size: number): Int32Array {
  const appended = Math.min(count, size - stored);
  const rows = Int32Array.from({ length: stored + appended }, (_, i) => i);
  for (let j = appended; j < count; j++) rows[Math.floor(rng.next() * rows.length)] = stored + j;
  return rows;
}

export const replayOp = defineNode({
  type: 'op.replay',
  title: 'Experience replay',
  category: 'op',
  doc: 'Keeps a buffer of earlier generated samples and hands the discriminator a mix of current and replayed ones, so the generator cannot escape by jumping back to a mode D has forgotten.',
  inputs: [{ name: 'in', kind: 'tensor', doc: "The generator's current samples [B,...]." }],
  outputs: [
    {
      name: 'out',
      kind: 'tensor',
      preview: 'auto',
      doc: 'The same batch with a share of the rows replaced by buffered samples (while training).',
    },
  ],
  params: {
    size: {
      kind: 'number',
      default: 2048,
      min: 1,
      max: 65536,
      integer: true,
      label: 'buffer size',
      unit: 'samples',
      doc: 'How many earlier samples the buffer holds; larger keeps older samples for longer.',
    },
    mix: {
      kind: 'number',
      default: 0.5,
      min: 0,
      max: 1,
      step: 0.05,
      live: true,
      label: 'replayed share',
      doc: 'Share of each batch taken from the buffer instead of the current samples; 0 turns replay off.',
    },
  },
  infer(ctx) {
    return { out: tensorType(ctx.tensor('in').shape) };
  },
  build: {
    role: 'op',
    run(ctx) {
      const { tf, params, state } = ctx;
      const current = ctx.input('in');
      // Previews and evaluations show the generator's own samples and leave the buffer alone.
      if (ctx.mode !== 'train') return { out: tf.clone(current) };
      const count = current.shape[0] ?? 0;
      const buffer = state.get('buffer');
      const stored = buffer?.shape[0] ?? 0;
      return tf.tidy(() => {
        // The buffer holds values only: no gradient flows back into earlier generator steps.
        const fresh = tf.clone(current);
        const pool = buffer ? tf.concat([fresh, buffer]) : fresh;
        const out = tf.gather(pool, replayMixIndices(ctx.rng, count, stored, params.mix));
        const grown = buffer ? tf.concat([buffer, fresh]) : fresh;
        state.set('buffer', tf.gather(grown, replayKeepIndices(ctx.rng, stored, count, params.size)));
        return { out } as Record<string, tfjs.Tensor>;
      });
    },
  },
});
