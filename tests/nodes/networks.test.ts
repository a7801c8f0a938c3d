// The instance node: checks its input against the applied network's signature.

import { describe, expect, it } from 'vitest';
import { networkInstance } from '../../nodes/networks';
import { inferNode } from '../../src/core/infer/context';
import type { NetworkSignature } from '../../src/core/types/definition';
import type { ParamValue } from '../../src/core/types/params';
import { tensorType, type PortType } from '../../src/core/types/ports';

const image = tensorType([28, 28, 1]);
const score = tensorType([1]);
const code = tensorType([16]);

const NETWORKS = new Map<string, NetworkSignature>([
  ['D', { id: 'D', inputs: [image], outputs: [score] }],
  ['two-headed', { id: 'two-headed', inputs: [image], outputs: [code, code] }],
  ['empty', { id: 'empty', inputs: [], outputs: [] }],
]);

const infer = (params: Record<string, ParamValue>, input?: PortType) =>
  inferNode(networkInstance, {
    nodeId: 'i',
    params,
    inputs: input === undefined ? {} : { in: [input] },
    network: (id) => NETWORKS.get(id),
  });

describe('network instance', () => {
  it("outputs the network's output type for an input of the network's input type", () => {
    expect(infer({ network: 'D' }, image)).toEqual({ outputs: { out: score }, issues: [] });
  });

  it("rejects an input that differs from the network's input, naming both types", () => {
    const result = infer({ network: 'D' }, tensorType([784]));
    expect(result.outputs).toBeNull();
    expect(result.issues[0]?.code).toBe('E_SHAPE_MISMATCH');
    expect(result.issues[0]?.port).toBe('in');
    expect(result.issues[0]?.message).toContain('image [B,28,28,1]');
    expect(result.issues[0]?.message).toContain('vector [B,784]');
    expect(result.issues[0]?.message).toContain('"D"');
  });

  it('rejects a network without exactly one input and one output, saying what it has', () => {
    const twoHeaded = infer({ network: 'two-headed' }, image);
    expect(twoHeaded.issues[0]?.code).toBe('E_NETWORK_SHAPE');
    expect(twoHeaded.issues[0]?.message).toContain('1 input and 2 outputs');
    expect(infer({ network: 'empty' }, image).issues[0]?.message).toContain('0 inputs and 0 outputs');
  });

  it('reports a network that does not exist, and asks for one when none is chosen', () => {
    expect(infer({ network: 'G' }, image).issues[0]?.code).toBe('E_UNKNOWN_NETWORK');
    const unset = infer({}, image);
    expect(unset.issues[0]?.code).toBe('E_BAD_PARAM');
    expect(unset.issues[0]?.param).toBe('network');
  });

  it('reports an unconnected input', () => {
    expect(infer({ network: 'D' }).issues[0]?.code).toBe('E_UNCONNECTED');
  });

  it('names the applied network to the compiler', () => {
    const build = networkInstance.build;
    expect(build.role).toBe('instance');
    expect(build.role === 'instance' && build.network({ network: 'D' })).toBe('D');
  });
});
