// Optimizers' start after / stop after: a phase leaves its weights bit-identical before it starts
// and after it stops, trains in between, leaks no tensor when its state is made late, says so in a
// note, refuses a window it would never train in, and keeps the params through a save and load.
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { toCanonicalJson } from '../../src/core/graph/canonical';
import type { GraphDocument } from '../../src/core/graph/document';
import { loadGraph } from '../../src/core/graph/load';
import { inferGraph } from '../../src/core/infer';
import { ScheduleNotes } from '../../src/core/train/phase-schedule';
import { Trainer } from '../../src/core/train/trainer';
import { loadDataset } from '../../scripts/lib/node-data';
import { twoPhases } from './graph-builder';
import { bitIdentical, preset, tf, useCpu, weightsOf } from './helpers';

beforeAll(useCpu);

const create = (doc: GraphDocument) => Trainer.create(doc, NODE_REGISTRY, { tf, loadDataset, batchSize: 8 });

describe('optimizer schedule', () => {
  it.each(['optimizer.adam', 'optimizer.sgd', 'optimizer.rmsprop'])(
    '%s: start after 3 leaves its network untouched for 3 iterations, then trains it',
    async (type) => {
      const trainer = await create(twoPhases(type, {}, { startAfter: 3 }));
      const b0 = await weightsOf(trainer, 'b');
      for (let i = 0; i < 3; i++) {
        const result = await trainer.step();
        expect(Object.keys(result.losses)).toEqual(['mseA']);
      }
      expect(bitIdentical(b0, await weightsOf(trainer, 'b'))).toBe(true);
      const fourth = await trainer.step();
      expect(Object.keys(fourth.losses).sort()).toEqual(['mseA', 'mseB']);
      expect(bitIdentical(b0, await weightsOf(trainer, 'b'))).toBe(false);
      trainer.dispose();
    },
  );

  it('stop after 2 trains its network twice and then leaves it bit-identical', async () => {
    const trainer = await create(twoPhases('optimizer.adam', { stopAfter: 2 }, {}));
    const a0 = await weightsOf(trainer, 'a');
    await trainer.step();
    await trainer.step();
    const a2 = await weightsOf(trainer, 'a');
    expect(bitIdentical(a0, a2)).toBe(false);
    for (let i = 0; i < 3; i++) {
      const result = await trainer.step();
      expect(Object.keys(result.losses)).toEqual(['mseB']);
    }
    expect(bitIdentical(a2, await weightsOf(trainer, 'a'))).toBe(true);
    trainer.dispose();
  });

  it('a live change of start after takes effect at the next iteration', async () => {
    const trainer = await create(twoPhases('optimizer.adam', {}, { startAfter: 100 }));
    await trainer.step();
    expect(Object.keys((await trainer.step()).losses)).toEqual(['mseA']);
    trainer.setParams('optB', { startAfter: 0 });
    expect(Object.keys((await trainer.step()).losses).sort()).toEqual(['mseA', 'mseB']);
    trainer.dispose();
  });

  it('leaks no tensor while it waits, once its state is made late, nor when disposed', async () => {
    const before = tf.memory().numTensors;
    const trainer = await create(twoPhases('optimizer.adam', {}, { startAfter: 3 }));
    await trainer.step(); // optA makes its slot variables here
    const waiting = tf.memory().numTensors;
    await trainer.step();
    await trainer.step();
    expect(tf.memory().numTensors).toBe(waiting);
    await trainer.step(); // optB makes its slot variables here
    const started = tf.memory().numTensors;
    expect(started).toBeGreaterThan(waiting);
    for (let i = 0; i < 5; i++) await trainer.step();
    expect(tf.memory().numTensors).toBe(started);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('notes a waiting and a stopped optimizer, and clears the note while it trains', async () => {
    const trainer = await create(twoPhases('optimizer.adam', { stopAfter: 2 }, { startAfter: 1 }));
    const notes = new ScheduleNotes();
    const at0 = notes.changes(trainer.program, 0);
    expect(Object.keys(at0 ?? {})).toEqual(['optB']);
    expect(at0?.optB).toMatch(/^Waiting: this optimizer starts after iteration 1/);
    expect(notes.changes(trainer.program, 0)).toBeNull();
    expect(notes.changes(trainer.program, 1)).toEqual({ optB: '' });
    const at2 = notes.changes(trainer.program, 2);
    expect(Object.keys(at2 ?? {})).toEqual(['optA']);
    expect(at2?.optA).toMatch(/^Done: this optimizer stopped after iteration 2/);
    trainer.dispose();
  });

  it('refuses a stop at or before the start, naming the param', () => {
    const doc = twoPhases('optimizer.adam', {}, { startAfter: 5, stopAfter: 5 });
    const issue = inferGraph(doc, NODE_REGISTRY).issues.find((i) => i.node === 'optB');
    expect(issue).toMatchObject({ code: 'E_BAD_PARAM', severity: 'error' });
    expect(issue?.message).toContain('stops after iteration 5 but starts only after iteration 5');
  });

  it.each([
    [-1, 'below the minimum 0'],
    [2.5, 'expected a whole number'],
  ])('refuses start after %s with a message', (value, message) => {
    const doc = twoPhases('optimizer.adam', {}, { startAfter: value });
    const issue = inferGraph(doc, NODE_REGISTRY).issues.find((i) => i.node === 'optB');
    expect(issue?.code).toBe('E_BAD_PARAM');
    expect(issue?.message).toContain(message);
  });
});

describe('optimizer schedule in files', () => {
  it('keeps start after and stop after through a save and load', () => {
    const doc = twoPhases('optimizer.sgd', { stopAfter: 40 }, { startAfter: 40 });
    const { doc: loaded, warnings } = loadGraph(toCanonicalJson(doc), NODE_REGISTRY);
    expect(warnings).toEqual([]);
    expect(loaded.nodes.find((n) => n.id === 'optA')?.params).toMatchObject({ startAfter: 0, stopAfter: 40 });
    expect(loaded.nodes.find((n) => n.id === 'optB')?.params).toMatchObject({ startAfter: 40, stopAfter: 0 });
  });

  it('loads a file written before the params existed, starting at once and never stopping', () => {
    const file = JSON.parse(toCanonicalJson(preset('vae'))) as {
      nodes: { params: Record<string, unknown> }[];
    };
    for (const node of file.nodes) {
      delete node.params.startAfter;
      delete node.params.stopAfter;
    }
    const { doc, warnings } = loadGraph(JSON.stringify(file), NODE_REGISTRY);
    expect(warnings).toEqual([]);
    expect(doc.nodes.find((n) => n.id === 'adam')?.params).toMatchObject({ startAfter: 0, stopAfter: 0 });
  });

  it('replaces a negative start after in a file by 0, saying what was wrong', () => {
    const file = JSON.parse(toCanonicalJson(preset('vae'))) as {
      nodes: { id: string; params: Record<string, unknown> }[];
    };
    const adam = file.nodes.find((n) => n.id === 'adam');
    if (adam) adam.params.startAfter = -3;
    const { doc, warnings } = loadGraph(JSON.stringify(file), NODE_REGISTRY);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('-3 is below the minimum 0');
    expect(doc.nodes.find((n) => n.id === 'adam')?.params.startAfter).toBe(0);
  });
});

describe('unsupervised pretraining preset', () => {
  it('pretrains the autoencoder first, then trains both classifiers for the same iterations', () => {
    const doc = preset('unsupervised-pretraining');
    const params = (id: string) => doc.nodes.find((n) => n.id === id)?.params ?? {};
    const pretrain = Number(params('aeAdam').stopAfter);
    expect(pretrain).toBeGreaterThan(0);
    expect(params('aeAdam').startAfter).toBe(0);
    for (const classifier of ['headAdam', 'scratchAdam']) {
      expect(params(classifier)).toMatchObject({ startAfter: pretrain, stopAfter: 0, k: 1 });
    }
    expect(doc.training.steps).toBeGreaterThan(pretrain);
  });
});
