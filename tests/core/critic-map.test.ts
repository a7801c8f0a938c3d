// The discriminator's map of the plane: found from the loss definitions on the ring preset, equal to
// D applied at each cell's centre (top row first), drawn with its points, free of leaked tensors, and
// counting the modes the generated points hit only where the real points' source names its mixture.
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { TOY_INFO } from '../../src/core/data/toys';
import { modeCoverage } from '../../src/core/metrics';
import {
  CRITIC_MAP_CELLS,
  CriticResolution,
  criticMapPlans,
  unitGrid,
} from '../../src/core/train/critic-map';
import type { CriticMapPreview, Preview } from '../../src/core/train/previews';
import { renderCriticMap, MAP_FAKE_POINT, MAP_REAL_POINT, mapColor } from '../../src/core/train/render-views';
import { Trainer } from '../../src/core/train/trainer';
import { loadDataset } from '../../scripts/lib/node-data';
import { preset, presetTrainer, tf, useCpu } from './helpers';

const mapOf = (previews: readonly Preview[]): CriticMapPreview => {
  const found = previews.find((p): p is CriticMapPreview => p.kind === 'critic-map');
  if (!found) throw new Error('no critic map among the previews');
  return found;
};

describe('critic map', () => {
  beforeAll(useCpu);

  it('is planned on the discriminator loss of the ring preset, from the real points and the generator', async () => {
    const trainer = await presetTrainer('gan-ring', { batchSize: 16, previewSize: 64 });
    const plans = criticMapPlans(trainer.program);
    expect(plans.map((p) => p.node)).toEqual(['dLoss']);
    const [plan] = plans;
    expect(plan?.network.id).toBe('discriminator');
    expect(plan?.realPoints).toEqual({ node: 'real', port: 'points' });
    expect(plan?.fakePoints).toEqual({ node: 'gOut', port: 'out' });
    expect(plan?.scale).toBe('logits');
    expect(plan?.mixture?.modes).toHaveLength(8);
    expect(trainer.viewNodes()).toEqual(['dLoss']);
    trainer.dispose();
  });

  it('holds sigmoid(D) at the centre of every cell, the top row first, and covers every point', async () => {
    const trainer = await presetTrainer('gan-ring', { batchSize: 16, previewSize: 64 });
    const map = mapOf(await trainer.previews());
    const cells = map.size;
    expect(map.field).toHaveLength(cells * cells);
    const model = trainer.program.networks.get('discriminator')?.model;
    if (!model) throw new Error('no discriminator');
    const grid = unitGrid(cells);
    for (const [row, col] of [
      [0, cells - 1],
      [cells - 1, 0],
      [17, 40],
    ] as const) {
      const i = row * cells + col;
      const x = (grid[2 * i] ?? 0) * map.extent;
      const y = (grid[2 * i + 1] ?? 0) * map.extent;
      // Row 0 is the top of the picture: the largest y.
      if (row === 0) expect(y).toBeGreaterThan(0);
      const score = tf.tidy(() => tf.sigmoid(model.predict(tf.tensor2d([[x, y]])) as tf.Tensor));
      const [expected] = await score.data();
      score.dispose();
      expect(map.field[i]).toBeCloseTo(expected ?? NaN, 4);
    }
    const largest = Math.max(...[...map.real, ...map.fake].map(Math.abs));
    expect(map.extent).toBeGreaterThanOrEqual(largest);
    expect(map.real.length).toBe(128);
    expect(map.fake.length).toBe(128);
    const info = TOY_INFO.ring8;
    expect(map.coverage).toEqual(modeCoverage(map.fake, info.modes ?? [], info.std ?? 0, 3));
    trainer.dispose();
  });

  it('draws the same map and generated points in the quick pass as in the full one', async () => {
    const trainer = await presetTrainer('gan-ring', { batchSize: 16, previewSize: 64 });
    for (let i = 0; i < 3; i++) await trainer.step();
    const everything = await trainer.previews();
    const full = mapOf(everything);
    const count = tf.memory().numTensors;
    const live = await trainer.pointPreviews();
    expect(tf.memory().numTensors).toBe(count);
    const quick = mapOf(live);
    expect(quick.fake).toEqual(full.fake);
    expect(quick.real).toEqual(full.real);
    expect(quick.extent).toBeCloseTo(full.extent, 6);
    expect(Array.from(quick.field).map((v, i) => Math.abs(v - (full.field[i] ?? 0)))).toSatisfy(
      (gaps: number[]) => Math.max(...gaps) < 1e-5,
    );
    // The generator's points are trained, so they come along; the real points never change, so not.
    const scatter = (list: Preview[], node: string) =>
      list.find((p): p is Extract<Preview, { kind: 'scatter' }> => p.kind === 'scatter' && p.node === node);
    expect(scatter(live, 'gOut')?.points).toEqual(scatter(everything, 'gOut')?.points);
    expect(scatter(live, 'real')).toBeUndefined();
    expect(scatter(everything, 'real')).toBeDefined();
    trainer.dispose();
  });

  it('leaves the tensor count as it was and changes as the discriminator trains', async () => {
    const trainer = await presetTrainer('gan-ring', { batchSize: 32, previewSize: 64 });
    const before = mapOf(await trainer.previews());
    const count = tf.memory().numTensors;
    await trainer.previews();
    expect(tf.memory().numTensors).toBe(count);
    for (let i = 0; i < 20; i++) await trainer.step();
    const after = mapOf(await trainer.previews());
    const moved = after.field.filter((v, i) => Math.abs(v - (before.field[i] ?? 0)) > 0.01).length;
    expect(moved / after.field.length).toBeGreaterThan(0.2);
    trainer.dispose();
  });

  it('counts no modes when the real points have none (a spiral), and reads a critic on its own scale', async () => {
    const doc = preset('gan-ring');
    const edited = {
      ...doc,
      nodes: doc.nodes.map((n) => {
        if (n.id === 'real') return { ...n, params: { distribution: 'spiral' } };
        if (n.id === 'dLoss') return { ...n, type: 'loss.wgan-critic', params: { weight: 1 } };
        if (n.id === 'gLoss') return { ...n, type: 'loss.wgan-generator', params: { weight: 1 } };
        return n;
      }),
    };
    const trainer = await Trainer.create(edited, NODE_REGISTRY, {
      tf,
      loadDataset,
      batchSize: 16,
      previewSize: 64,
    });
    const map = mapOf(await trainer.previews());
    expect(map.coverage).toBeUndefined();
    expect(map.scale).toBe('score');
    expect(map.range[0]).toBe(Math.min(...map.field));
    expect(map.range[1]).toBe(Math.max(...map.field));
    trainer.dispose();
  });
});

describe('critic map resolution', () => {
  it('draws a costly map coarser, keeps one within its budget, and refines one that became cheap', () => {
    const r = new CriticResolution();
    r.observe(20);
    expect(r.cells).toBe(CRITIC_MAP_CELLS);
    // Minibatch discrimination's 64 x 64 map measured 195 ms on wasm: about 9 times the budget.
    r.observe(195);
    expect(r.cells).toBe(16);
    r.observe(200);
    expect(r.cells).toBe(16);
    // Over the budget: down to the size (a multiple of 8) whose cost would fit it, 40 * (48/64)^2.
    const s = new CriticResolution();
    s.observe(40);
    expect(s.cells).toBe(48);
    // Cheap again (4 ms at 16 cells): grows to what would take about half the budget, never past 64.
    r.observe(4);
    expect(r.cells).toBe(24);
    for (let i = 0; i < 10; i++) r.observe(1);
    expect(r.cells).toBe(CRITIC_MAP_CELLS);
  });

  it('draws the live and the full map at the size the live passes chose', async () => {
    // On the cpu backend the minibatch discriminator's 64 x 64 map takes far over the budget.
    const trainer = await presetTrainer('gan-collapse-minibatch', { batchSize: 16, previewSize: 64 });
    const first = mapOf(await trainer.pointPreviews());
    expect(first.size).toBe(CRITIC_MAP_CELLS);
    expect(first.field).toHaveLength(CRITIC_MAP_CELLS ** 2);
    const second = mapOf(await trainer.pointPreviews());
    expect(second.size).toBeLessThan(CRITIC_MAP_CELLS);
    expect(second.field).toHaveLength(second.size ** 2);
    const full = mapOf(await trainer.previews());
    expect(full.size).toBe(second.size);
    trainer.dispose();
  });
});

describe('critic map picture', () => {
  const field = new Float32Array(4 * 4).map((_, i) => (i % 4 < 2 ? 0 : 1));
  const preview: CriticMapPreview = {
    kind: 'critic-map',
    node: 'd',
    port: 'view',
    extent: 2,
    size: 4,
    field,
    scale: 'probability',
    range: [0, 1],
    real: Float32Array.from([1, 1]),
    fake: Float32Array.from([-1, -1]),
  };
  const pixel = (img: { width: number; data: Uint8ClampedArray }, x: number, y: number) =>
    Array.from(img.data.slice((y * img.width + x) * 4, (y * img.width + x) * 4 + 3));

  it('tints "generated" on the left, "real" on the right, and puts each point where it belongs', () => {
    const img = renderCriticMap(preview, 100);
    expect(pixel(img, 5, 40)).toEqual([...mapColor(0)]);
    expect(pixel(img, 95, 40)).toEqual([...mapColor(1)]);
    // (1, 1) is three quarters across and a quarter down; (-1, -1) the mirror image.
    expect(pixel(img, 74, 25)).toEqual([...MAP_REAL_POINT]);
    expect(pixel(img, 25, 74)).toEqual([...MAP_FAKE_POINT]);
  });

  it('runs from purple through white to green', () => {
    expect(mapColor(0.5)).toEqual([255, 255, 255]);
    expect(mapColor(0)[1]).toBeLessThan(mapColor(0)[2]);
    expect(mapColor(1)[1]).toBeGreaterThan(mapColor(1)[0]);
  });
});
