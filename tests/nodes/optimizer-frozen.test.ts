// The optimizers' "frozen networks": a frozen network is left out of the phase, so its weights stay
// bit-identical through that phase's steps, while the same phase unfrozen does change them.

import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { inferGraph, optimizerNetworks } from '../../src/core/infer';
import type { GraphDocument } from '../../src/core/graph/document';
import type { ParamValue } from '../../src/core/types/params';
import { Trainer } from '../../src/core/train/trainer';
import { loadDataset } from '../../scripts/lib/node-data';
import { bitIdentical, preset, tf, useCpu, weightsOf } from '../core/helpers';

beforeAll(useCpu);

const PRESET = 'unsupervised-pretraining';

function withParams(doc: GraphDocument, node: string, params: Record<string, ParamValue>): GraphDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (n.id === node ? { ...n, params: { ...n.params, ...params } } : n)),
  };
}

describe('frozen networks', () => {
  it('leave a frozen encoder bit-identical through classifier steps while the classifier learns', async () => {
    const doc = withParams(preset(PRESET), 'headAdam', { frozen: ['encoder'] });
    const trainer = await Trainer.create(doc, NODE_REGISTRY, { tf, loadDataset, batchSize: 16 });
    const phase = trainer.program.phases.find((p) => p.optimizerNode === 'headAdam');
    expect(phase?.networks).toEqual(['head']);
    const encoder = await weightsOf(trainer, 'encoder');
    const head = await weightsOf(trainer, 'head');
    for (let i = 0; i < 3; i++) await trainer.stepPhase('headAdam');
    expect(bitIdentical(encoder, await weightsOf(trainer, 'encoder'))).toBe(true);
    expect(bitIdentical(head, await weightsOf(trainer, 'head'))).toBe(false);
    // The autoencoder's own optimizer still trains the encoder.
    await trainer.stepPhase('aeAdam');
    expect(bitIdentical(encoder, await weightsOf(trainer, 'encoder'))).toBe(false);
    trainer.dispose();
  });

  it('fine-tune the encoder with the classifier when it is not frozen (as in the preset)', async () => {
    const doc = preset(PRESET);
    const trainer = await Trainer.create(doc, NODE_REGISTRY, { tf, loadDataset, batchSize: 16 });
    const phase = trainer.program.phases.find((p) => p.optimizerNode === 'headAdam');
    expect([...(phase?.networks ?? [])].sort()).toEqual(['encoder', 'head']);
    const encoder = await weightsOf(trainer, 'encoder');
    await trainer.stepPhase('headAdam');
    expect(bitIdentical(encoder, await weightsOf(trainer, 'encoder'))).toBe(false);
    trainer.dispose();
  });

  it('take a network out of the trained list whether it is named or found upstream', () => {
    const trained = (doc: GraphDocument) => {
      const types = inferGraph(doc, NODE_REGISTRY);
      return optimizerNetworks(types.index, NODE_REGISTRY, types.networkOf, 'headAdam').sort();
    };
    const named = withParams(preset(PRESET), 'headAdam', {
      networks: ['head', 'decoder'],
      frozen: ['encoder'],
    });
    expect(trained(named)).toEqual(['decoder', 'head']);
    const upstream = withParams(preset(PRESET), 'headAdam', { frozen: ['head'] });
    expect(trained(upstream)).toEqual(['encoder']);
  });

  it('refuse a network that is both trained and frozen, and an unknown frozen network, on the frozen param', () => {
    const both = withParams(preset(PRESET), 'headAdam', {
      networks: ['head', 'encoder'],
      frozen: ['encoder'],
    });
    const issue = inferGraph(both, NODE_REGISTRY).issues.find((i) => i.node === 'headAdam');
    expect(issue).toMatchObject({ code: 'E_BAD_PARAM', severity: 'error' });
    expect(issue?.message).toContain('"encoder" is both trained and frozen');
    const unknown = withParams(preset(PRESET), 'headAdam', { frozen: ['encodr'] });
    const missing = inferGraph(unknown, NODE_REGISTRY).issues.find((i) => i.node === 'headAdam');
    expect(missing).toMatchObject({ code: 'E_UNKNOWN_NETWORK' });
    expect(missing?.message).toContain('encodr');
  });
});
