// The convolutional autoencoder's quality bar compares it with the stacked preset's dense design
// narrowed to as many weights: the narrowing must land on the weight count it aims at, keep the
// code and everything else of the stacked preset, and the conv preset must really have a code.
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { narrowedStacked, parameterCount } from '../../scripts/lib/quality-autoencoders';
import { loadDataset } from '../../scripts/lib/node-data';
import { Trainer } from '../../src/core/train/trainer';
import { preset, presetTrainer, tf, useCpu } from '../core/helpers';

beforeAll(useCpu);

describe('narrowedStacked', () => {
  it("narrows the stacked preset's hidden layers to the width whose weights come nearest the target", async () => {
    const conv = await presetTrainer('conv-autoencoder');
    const convWeights = parameterCount(conv);
    conv.dispose();
    const { doc, hidden } = narrowedStacked(convWeights, 64);
    const dense = await Trainer.create(doc, NODE_REGISTRY, { tf, loadDataset });
    const denseWeights = parameterCount(dense);
    dense.dispose();
    // One hidden unit more or less moves the count by 1,634 weights: the nearest width is within half that.
    expect(Math.abs(denseWeights - convWeights)).toBeLessThanOrEqual(1634 / 2);
    expect(hidden).toBeLessThan(256);
    expect(doc.training.batchSize).toBe(64);
    const units = (d: typeof doc, id: string) => d.nodes.find((n) => n.id === id)?.params.units;
    expect(units(doc, 'enc1')).toBe(hidden);
    expect(units(doc, 'dec1')).toBe(hidden);
    const stacked = preset('stacked-autoencoder');
    expect(units(doc, 'coding')).toBe(units(stacked, 'coding'));
    expect(doc.edges).toEqual(stacked.edges);
    expect(doc.training.steps).toBe(stacked.training.steps);
  });

  it("gives the conv preset a code as long as the stacked preset's, not a feature map larger than the image", async () => {
    const conv = await presetTrainer('conv-autoencoder');
    const type = conv.program.types.outputs.get('coding')?.out;
    conv.dispose();
    const code = preset('stacked-autoencoder').nodes.find((n) => n.id === 'coding')?.params.units;
    expect(type?.kind === 'tensor' && type.shape).toEqual([code]);
  });
});
