// The instance node: applies a network again elsewhere in the graph, sharing its weights
// (the discriminator on real and on fake images, the decoder on codes and on prior samples).

import { defineNode, type AnyNodeDefinition } from '../src/core/types/definition';
import { expectNetworkInput } from './infer-helpers';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export const networkInstance = defineNode({
  type: 'network.instance',
  title: 'Network instance',
  category: 'network',
  doc: 'Runs a network you built elsewhere on another input; both places use the same weights and learn together.',
  inputs: [{ name: 'in', kind: 'tensor', doc: 'Must have the type the network takes.' }],
  outputs: [{ name: 'out', kind: 'tensor', preview: 'auto', doc: 'What the network gives back.' }],
  params: {
    network: { kind: 'network', default: '', doc: 'The network to apply.' },
  },
  infer(ctx) {
    const id = ctx.params.network;
    if (id === '')
      ctx.fail('E_BAD_PARAM', { param: 'network', detail: 'choose which network this instance applies' });
    const signature = ctx.network(id);
    const [expected] = signature.inputs;
    const [output] = signature.outputs;
    if (
      signature.inputs.length !== 1 ||
      signature.outputs.length !== 1 ||
      expected === undefined ||
      output === undefined
    ) {
      return ctx.fail('E_NETWORK_SHAPE', {
        network: id,
        detail:
          `an instance can apply a network with exactly one input and one output, but this one has ` +
          `${plural(signature.inputs.length, 'input')} and ${plural(signature.outputs.length, 'output')}`,
      });
    }
    expectNetworkInput(ctx, 'in', id, ctx.tensor('in'), expected);
    return { out: output };
  },
  build: {
    role: 'instance',
    network: (params) => params.network,
  },
});

export const NETWORK_NODES: readonly AnyNodeDefinition[] = [networkInstance];
