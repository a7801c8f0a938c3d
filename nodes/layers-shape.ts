// Layers that only rearrange values: flatten, reshape, repeat-vector and concatenate.

import { defineNode } from '../src/core/types/definition';
import {
  elementCount,
  formatShape,
  formatType,
  type PortType,
  tensorNoun,
  tensorType,
  type TensorType,
} from '../src/core/types/ports';
import { countParam, IN_PORT, NO_PARAMS, OUT_PORT, tensorOfRankAtLeast } from './layers-common';

export const flattenNode = defineNode({
  type: 'layer.flatten',
  title: 'Flatten',
  category: 'layer',
  doc: 'Lays out all values of an image or sequence in one long vector, e.g. before a Dense layer.',
  inputs: [IN_PORT],
  outputs: [OUT_PORT],
  params: NO_PARAMS,
  infer(ctx) {
    const input = tensorOfRankAtLeast(ctx, 2);
    return { out: tensorType([elementCount(input.shape)]) };
  },
  build: {
    role: 'layer',
    layer: (ctx) => ctx.tf.layers.flatten({ name: ctx.name }),
  },
});

export const reshapeNode = defineNode({
  type: 'layer.reshape',
  title: 'Reshape',
  category: 'layer',
  doc: 'Arranges the same values in a new shape, e.g. a vector of 1568 into a 7×7×32 image; the count must match.',
  inputs: [IN_PORT],
  outputs: [OUT_PORT],
  params: {
    targetShape: {
      kind: 'shape',
      label: 'shape',
      default: [7, 7, 32],
      doc: 'The shape of each sample after reshaping, without the batch: [height, width, channels] for an image.',
    },
  },
  infer(ctx) {
    const input = ctx.tensor('in');
    const target = ctx.params.targetShape;
    const have = elementCount(input.shape);
    const need = elementCount(target);
    if (have !== need) {
      ctx.fail('E_SHAPE_MISMATCH', {
        port: 'in',
        param: 'targetShape',
        expected: `${need} values per sample to fill ${formatShape(target)}`,
        actual: `${formatType(input)} with ${have} values`,
      });
    }
    return { out: tensorType(target) };
  },
  build: {
    role: 'layer',
    layer: (ctx, p) => ctx.tf.layers.reshape({ name: ctx.name, targetShape: [...p.targetShape] }),
  },
});

export const repeatVectorNode = defineNode({
  type: 'layer.repeat-vector',
  title: 'Repeat vector',
  category: 'layer',
  doc: 'Copies a vector n times into a sequence, e.g. to feed a code to every step of a recurrent decoder.',
  inputs: [IN_PORT],
  outputs: [OUT_PORT],
  params: {
    n: countParam('steps', 8, 512, 'steps', 'Length of the sequence made of copies.'),
  },
  infer(ctx) {
    const input = ctx.tensor('in', 1);
    return { out: tensorType([ctx.params.n, input.shape[0] ?? 0]) };
  },
  build: {
    role: 'layer',
    layer: (ctx, p) => ctx.tf.layers.repeatVector({ name: ctx.name, n: p.n }),
  },
});

/** "image [B,14,14,*]": a shape with its last axis left free, as concatenation requires. */
function lastAxisFree(shape: readonly number[]): string {
  return `${tensorNoun(shape)} [${['B', ...shape.slice(0, -1), '*'].join(',')}]`;
}

export const concatenateNode = defineNode({
  type: 'layer.concatenate',
  title: 'Concatenate',
  category: 'layer',
  doc: 'Joins several inputs along their last axis (features or channels); all other sizes must agree.',
  inputs: [{ ...IN_PORT, multiple: true, doc: 'Two or more tensors of the same rank.' }],
  outputs: [OUT_PORT],
  params: NO_PARAMS,
  infer(ctx) {
    const types = ctx.inputs('in');
    if (types.length === 0) return ctx.fail('E_UNCONNECTED', { port: 'in' });
    if (types.length === 1) return ctx.fail('E_TOO_FEW_INPUTS', { port: 'in', expected: '2', actual: '1' });
    const tensors = types.map((type: PortType): TensorType => {
      if (type.kind === 'tensor') return type;
      return ctx.fail('E_WRONG_KIND', { port: 'in', expected: 'a tensor', actual: formatType(type) });
    });
    const [first, ...rest] = tensors;
    if (first === undefined) return ctx.fail('E_UNCONNECTED', { port: 'in' });
    if (first.shape.length === 0) {
      return ctx.fail('E_RANK', {
        port: 'in',
        expected: 'rank 1 or more, such as vector [B,n]',
        actual: formatType(first),
      });
    }
    let joined = first.shape.at(-1) ?? 0;
    rest.forEach((other, i) => {
      const facts = {
        port: 'in',
        expected: `${lastAxisFree(first.shape)} like edge 1`,
        actual: `${formatType(other)} on edge ${i + 2}`,
      };
      if (other.shape.length !== first.shape.length) ctx.fail('E_RANK', facts);
      if (other.shape.some((d, axis) => axis < first.shape.length - 1 && d !== first.shape[axis])) {
        ctx.fail('E_SHAPE_MISMATCH', facts);
      }
      joined += other.shape.at(-1) ?? 0;
    });
    return { out: tensorType([...first.shape.slice(0, -1), joined]) };
  },
  build: {
    role: 'layer',
    layer: (ctx) => ctx.tf.layers.concatenate({ name: ctx.name, axis: -1 }),
  },
});

export const SHAPE_LAYER_NODES = [flattenNode, reshapeNode, repeatVectorNode, concatenateNode] as const;
