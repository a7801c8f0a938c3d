// Loss nodes: inferred types and errors, and values and gradients against the formulas by hand.

import { beforeAll, describe, expect, it } from 'vitest';
import { inferNode } from '../../src/core/infer/context';
import { tensorType, type PortType } from '../../src/core/types/ports';
import {
  bceLoss,
  ganDiscriminatorLoss,
  ganGeneratorLoss,
  klNormalLoss,
  klSparsityLoss,
  l1ActivityLoss,
  l1Loss,
  mseLoss,
  PROBABILITY_EPSILON,
} from '../../nodes/losses';
import type { AnyNodeDefinition } from '../../src/core/types/definition';
import { fakeRunContext, lossValue, tf, useCpu, withoutLeaks } from './run-harness';

beforeAll(useCpu);

const infer = (def: AnyNodeDefinition, inputs: Record<string, PortType[]>, params = {}) =>
  inferNode(def, { nodeId: 'loss', params, inputs });

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const softplus = (x: number): number => Math.log1p(Math.exp(x));
const bce = (p: number, t: number): number => -(t * Math.log(p) + (1 - t) * Math.log(1 - p));

/** Builds the given tensors, runs `body` with them and disposes them. */
async function withInputs(
  specs: Record<string, [number[], number[]]>,
  body: (inputs: Record<string, tf.Tensor>) => Promise<void>,
): Promise<void> {
  const inputs = Object.fromEntries(Object.entries(specs).map(([k, [v, s]]) => [k, tf.tensor(v, s)]));
  try {
    await body(inputs);
  } finally {
    tf.dispose(Object.values(inputs));
  }
}

describe('loss inference', () => {
  it('gives every loss one output of kind loss', () => {
    const v = [tensorType([4])];
    const s = [tensorType([1])];
    expect(infer(mseLoss, { prediction: v, target: v }).outputs).toEqual({ loss: { kind: 'loss' } });
    expect(infer(klNormalLoss, { mu: v, logVar: v }).outputs).toEqual({ loss: { kind: 'loss' } });
    expect(infer(klSparsityLoss, { activation: v }).outputs).toEqual({ loss: { kind: 'loss' } });
    expect(infer(ganDiscriminatorLoss, { real: s, fake: s }).outputs).toEqual({ loss: { kind: 'loss' } });
    expect(infer(ganGeneratorLoss, { fake: s }).outputs).toEqual({ loss: { kind: 'loss' } });
  });

  it('rejects a prediction and a target of different shapes, naming both types', () => {
    const result = infer(bceLoss, { prediction: [tensorType([784])], target: [tensorType([28, 28, 1])] });
    expect(result.outputs).toBeNull();
    expect(result.issues[0]?.code).toBe('E_SHAPE_MISMATCH');
    expect(result.issues[0]?.port).toBe('target');
    expect(result.issues[0]?.message).toContain('vector [B,784]');
    expect(result.issues[0]?.message).toContain('image [B,28,28,1]');
  });

  it('rejects mu and logVar of different lengths', () => {
    const result = infer(klNormalLoss, { mu: [tensorType([8])], logVar: [tensorType([4])] });
    expect(result.issues[0]?.code).toBe('E_SHAPE_MISMATCH');
    expect(result.issues[0]?.message).toContain('[B,8]');
    expect(result.issues[0]?.message).toContain('[B,4]');
  });

  it('rejects a discriminator score that is not one number per sample', () => {
    const result = infer(ganDiscriminatorLoss, { real: [tensorType([1])], fake: [tensorType([10])] });
    expect(result.issues[0]?.code).toBe('E_SHAPE_MISMATCH');
    expect(result.issues[0]?.port).toBe('fake');
    expect(result.issues[0]?.message).toContain('[B,1]');
    expect(result.issues[0]?.message).toContain('vector [B,10]');
  });

  it('reports an unconnected target', () => {
    const result = infer(mseLoss, { prediction: [tensorType([4])] });
    expect(result.issues[0]?.code).toBe('E_UNCONNECTED');
    expect(result.issues[0]?.port).toBe('target');
  });
});

describe('reconstruction losses', () => {
  const pair = {
    prediction: [
      [1, 2, 3, 4],
      [2, 2],
    ],
    target: [
      [0, 2, 3, 1],
      [2, 2],
    ],
  } as Record<string, [number[], number[]]>;

  it('computes MSE as the mean, or per-sample sum averaged over the batch', async () => {
    await withoutLeaks(() =>
      withInputs(pair, async (inputs) => {
        expect(await lossValue(mseLoss, { inputs })).toBeCloseTo((1 + 0 + 0 + 9) / 4, 6);
        expect(await lossValue(mseLoss, { inputs, params: { reduction: 'sum' } })).toBeCloseTo(
          (1 + 9) / 2,
          6,
        );
      }),
    );
  });

  it('computes L1 as the mean absolute difference', async () => {
    await withoutLeaks(() =>
      withInputs(pair, async (inputs) => {
        expect(await lossValue(l1Loss, { inputs })).toBeCloseTo((1 + 3) / 4, 6);
        expect(await lossValue(l1Loss, { inputs, params: { reduction: 'sum' } })).toBeCloseTo((1 + 3) / 2, 6);
      }),
    );
  });

  it('returns the unweighted value whatever the weight', async () => {
    await withoutLeaks(() =>
      withInputs(pair, async (inputs) => {
        expect(await lossValue(mseLoss, { inputs, params: { weight: 7 } })).toBeCloseTo(2.5, 6);
      }),
    );
  });

  it('computes BCE on probabilities by the formula', async () => {
    const p = [0.9, 0.2, 0.6, 0.5, 0.7, 0.1];
    const t = [1, 0, 1, 0, 0.5, 0];
    const perElement = p.map((pi, i) => bce(pi, t[i] ?? 0));
    const sampleSums = [perElement.slice(0, 3), perElement.slice(3)].map((s) => s.reduce((a, b) => a + b, 0));
    await withoutLeaks(() =>
      withInputs({ prediction: [p, [2, 3]], target: [t, [2, 3]] }, async (inputs) => {
        const params = { from: 'probabilities' };
        const mean = perElement.reduce((a, b) => a + b, 0) / 6;
        expect(await lossValue(bceLoss, { inputs, params })).toBeCloseTo(mean, 5);
        const sum = (sampleSums[0]! + sampleSums[1]!) / 2;
        expect(await lossValue(bceLoss, { inputs, params: { ...params, reduction: 'sum' } })).toBeCloseTo(
          sum,
          5,
        );
      }),
    );
  });

  it('gives the same BCE from logits as from their sigmoid probabilities', async () => {
    const logits = [2, -1, 0.3, -4];
    const t = [1, 0.5, 0, 1];
    const expected = logits.map((x, i) => bce(sigmoid(x), t[i] ?? 0)).reduce((a, b) => a + b, 0) / 4;
    await withoutLeaks(() =>
      withInputs({ prediction: [logits, [1, 4]], target: [t, [1, 4]] }, async (inputs) => {
        expect(await lossValue(bceLoss, { inputs, params: { from: 'logits' } })).toBeCloseTo(expected, 5);
      }),
    );
  });

  it('clips probabilities so a certain wrong answer gives a large finite BCE', async () => {
    await withoutLeaks(() =>
      withInputs(
        {
          prediction: [
            [0, 1],
            [1, 2],
          ],
          target: [
            [1, 0],
            [1, 2],
          ],
        },
        async (inputs) => {
          const value = await lossValue(bceLoss, { inputs, params: { from: 'probabilities' } });
          expect(Number.isFinite(value)).toBe(true);
          // About -log(epsilon) per element; 1 - epsilon rounds a little in float32.
          expect(Math.abs(value + Math.log(PROBABILITY_EPSILON))).toBeLessThan(0.5);
        },
      ),
    );
  });
});

describe('KL to N(0, I)', () => {
  it('is 0 when mu = 0 and logVar = 0', async () => {
    await withoutLeaks(() =>
      withInputs(
        {
          mu: [
            [0, 0, 0, 0],
            [2, 2],
          ],
          logVar: [
            [0, 0, 0, 0],
            [2, 2],
          ],
        },
        async (inputs) => {
          expect(await lossValue(klNormalLoss, { inputs })).toBe(0);
        },
      ),
    );
  });

  it('sums known values over latent dims and averages over the batch', async () => {
    // Sample 1: mu = (1, 0), variance (1, 2): 0.5 (1 + 1 - 1 - 0) + 0.5 (0 + 2 - 1 - ln 2). Sample 2: zero.
    const sample1 = 0.5 + 0.5 * (1 - Math.log(2));
    await withoutLeaks(() =>
      withInputs(
        {
          mu: [
            [1, 0, 0, 0],
            [2, 2],
          ],
          logVar: [
            [0, Math.log(2), 0, 0],
            [2, 2],
          ],
        },
        async (inputs) => {
          expect(await lossValue(klNormalLoss, { inputs })).toBeCloseTo(sample1 / 2, 6);
          expect(await lossValue(klNormalLoss, { inputs, params: { reduction: 'mean' } })).toBeCloseTo(
            sample1 / 4,
            6,
          );
        },
      ),
    );
  });
});

describe('sparsity penalties', () => {
  it('sums absolute activations per sample for the L1 penalty', async () => {
    await withoutLeaks(() =>
      withInputs(
        {
          activation: [
            [1, -2, 0, 3],
            [2, 2],
          ],
        },
        async (inputs) => {
          expect(await lossValue(l1ActivityLoss, { inputs })).toBeCloseTo(3, 6);
        },
      ),
    );
  });

  it('computes KL(rho || mean activation) summed over units', async () => {
    const rho = 0.05;
    const kl = (q: number): number => rho * Math.log(rho / q) + (1 - rho) * Math.log((1 - rho) / (1 - q));
    await withoutLeaks(() =>
      withInputs(
        {
          activation: [
            [0.1, 0.5, 0.3, 0.5],
            [2, 2],
          ],
        },
        async (inputs) => {
          expect(await lossValue(klSparsityLoss, { inputs, params: { target: rho } })).toBeCloseTo(
            kl(0.2) + kl(0.5),
            5,
          );
        },
      ),
    );
  });

  it('gives no sparsity penalty when every unit is active exactly rho of the time', async () => {
    await withoutLeaks(() =>
      withInputs(
        {
          activation: [
            [0.2, 0.2, 0.2, 0.2],
            [2, 2],
          ],
        },
        async (inputs) => {
          expect(await lossValue(klSparsityLoss, { inputs, params: { target: 0.2 } })).toBeCloseTo(0, 6);
        },
      ),
    );
  });
});

describe('GAN losses', () => {
  it('computes the discriminator loss from logits with one-sided label smoothing', async () => {
    const real = [2, 0];
    const fake = [-1, 1];
    const smoothing = 0.1;
    const realTerm = real.map((x) => bce(sigmoid(x), 1 - smoothing)).reduce((a, b) => a + b, 0) / 2;
    const fakeTerm = fake.map(softplus).reduce((a, b) => a + b, 0) / 2;
    await withoutLeaks(() =>
      withInputs({ real: [real, [2, 1]], fake: [fake, [2, 1]] }, async (inputs) => {
        expect(await lossValue(ganDiscriminatorLoss, { inputs, params: { smoothing } })).toBeCloseTo(
          realTerm + fakeTerm,
          5,
        );
      }),
    );
  });

  it('computes the discriminator loss from probabilities as -log D(x) - log(1 - D(G(z)))', async () => {
    await withoutLeaks(() =>
      withInputs({ real: [[0.8], [1, 1]], fake: [[0.3], [1, 1]] }, async (inputs) => {
        const value = await lossValue(ganDiscriminatorLoss, { inputs, params: { from: 'probabilities' } });
        expect(value).toBeCloseTo(-Math.log(0.8) - Math.log(0.7), 5);
      }),
    );
  });

  it('computes the two generator forms: -log D(G(z)) and log(1 - D(G(z)))', async () => {
    await withoutLeaks(() =>
      withInputs({ fake: [[0.3], [1, 1]] }, async (inputs) => {
        const from = 'probabilities';
        expect(await lossValue(ganGeneratorLoss, { inputs, params: { from } })).toBeCloseTo(
          -Math.log(0.3),
          5,
        );
        const minimax = await lossValue(ganGeneratorLoss, { inputs, params: { from, form: 'minimax' } });
        expect(minimax).toBeCloseTo(Math.log(0.7), 5);
      }),
    );
  });

  it('gives the minimax generator a vanishing gradient when D(G(z)) is near 0, unlike the non-saturating one', async () => {
    // The lecture's point: early in training D rejects fakes easily; log(1 - D) is then flat.
    const logit = -6; // D(G(z)) = 0.0025
    const gradientAt = async (form: string, from: string): Promise<number> => {
      const x = tf.tensor2d([[logit]]);
      const g = tf.grad((score: tf.Tensor) => {
        const fake = from === 'logits' ? score : tf.sigmoid(score);
        const def = ganGeneratorLoss.build;
        if (def.role !== 'loss') throw new Error('not a loss');
        return def.run(fakeRunContext(ganGeneratorLoss, { inputs: { fake }, params: { form, from } }));
      })(x);
      const [value] = await g.data();
      tf.dispose([x, g]);
      return Math.abs(value ?? Number.NaN);
    };
    await withoutLeaks(async () => {
      for (const from of ['logits', 'probabilities']) {
        const nonSaturating = await gradientAt('non-saturating', from);
        const minimax = await gradientAt('minimax', from);
        expect(nonSaturating).toBeCloseTo(1 - sigmoid(logit), 3);
        expect(minimax).toBeCloseTo(sigmoid(logit), 3);
        expect(nonSaturating).toBeGreaterThan(100 * minimax);
      }
    });
  });
});
