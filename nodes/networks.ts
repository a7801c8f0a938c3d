// The instance node: applies a network again elsewhere in the graph, sharing its weights
// (the discriminator on real and on fake images, the decoder on codes and on prior samples).

import { defineNode, type AnyNodeDefinition } from '../src/core/types/definition';
import { formatType, sameType } from '../src/core/types/ports';

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
    const input = ctx.tensor('in');
    if (!sameType(input, expected)) {
      ctx.fail('E_SHAPE_MISMATCH', {
        port: 'in',
        network: id,
        expected: `${formatType(expected)}, the input of network "${id}"`,
        actual: formatType(input),
      });
    }
    return { out: output };
  },
  build: {
    role: 'instance',
    network: (params) => params.network,
  },
});

export const NETWORK_NODES: readonly AnyNodeDefinition[] = [networkInstance];
