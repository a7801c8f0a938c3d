// Pieces every layer node shares: its ports, the activation choices, seeded initialisers and
// the size arithmetic of convolutions and pooling (the same rules tfjs uses).

import type { InferContext, LayerBuildContext, LayerWeight, PortSpec } from '../src/core/types/definition';
import type { EnumParam, NumberParam, ParamSpecs } from '../src/core/types/params';
import { formatType, type PortType, type TensorType } from '../src/core/types/ports';

export const IN_PORT: PortSpec = { name: 'in', kind: 'tensor', label: 'in' };
export const OUT_PORT: PortSpec = { name: 'out', kind: 'tensor', label: 'out', preview: 'auto' };

/**
 * Activations a dense, convolution or time-distributed layer can apply itself, spelled as tfjs
 * spells them. Leaky ReLU is missing on purpose: tfjs only offers it as a separate layer and no
 * standard layer combines it with a dense one, so students add an Activation node for it.
 */
export const LAYER_ACTIVATIONS = [
  'linear',
  'relu',
  'elu',
  'selu',
  'gelu',
  'sigmoid',
  'tanh',
  'softmax',
] as const;
export type LayerActivation = (typeof LAYER_ACTIVATIONS)[number];

/** The choices of the Activation node: everything above plus leaky ReLU. */
export const ACTIVATION_FUNCTIONS = [
  'relu',
  'leakyRelu',
  ...LAYER_ACTIVATIONS.filter((a) => a !== 'relu'),
] as const;
export type ActivationFunction = (typeof ACTIVATION_FUNCTIONS)[number];

export function activationParam(defaultValue: LayerActivation): EnumParam<LayerActivation> {
  return {
    kind: 'enum',
    label: 'activation',
    default: defaultValue,
    options: LAYER_ACTIVATIONS,
    doc: 'Function applied to each output: linear keeps values as they are; relu, elu, selu and gelu bend negatives; sigmoid squashes into 0..1, tanh into -1..1; softmax makes the outputs sum to 1.',
  };
}

export function paddingParam(defaultValue: 'same' | 'valid'): EnumParam<'same' | 'valid'> {
  return {
    kind: 'enum',
    label: 'padding',
    default: defaultValue,
    options: ['same', 'valid'],
    doc: 'same: pad the border so the size is only divided by the stride; valid: no padding, the window stays inside and the output shrinks.',
  };
}

export function countParam(
  label: string,
  defaultValue: number,
  max: number,
  unit: string,
  doc: string,
): NumberParam {
  return { kind: 'number', label, default: defaultValue, min: 1, max, step: 1, integer: true, unit, doc };
}

/** Declares no params, typed so `defineNode` still infers the params object. */
export const NO_PARAMS = {} as const satisfies ParamSpecs;

// ---------------------------------------------------------------- weights

/** The last axis of a tensor input (features or channels); 0 for anything else. */
export function lastAxis(type: PortType | undefined): number {
  return type?.kind === 'tensor' ? (type.shape.at(-1) ?? 0) : 0;
}

/** A trained variable as tfjs names it inside its layer. */
export const trained = (name: string, shape: readonly number[]): LayerWeight => ({
  name,
  shape,
  trainable: true,
});

/** A kernel and, when the layer has one, its bias over the outputs. */
export function kernelAndBias(kernel: readonly number[], outputs: number, useBias = true): LayerWeight[] {
  return useBias ? [trained('kernel', kernel), trained('bias', [outputs])] : [trained('kernel', kernel)];
}

// ---------------------------------------------------------------- initialisers

/** Glorot-uniform weights from the node's seed, so a graph trains the same way twice on cpu. */
export function seededKernel(ctx: LayerBuildContext, offset = 0) {
  return ctx.tf.initializers.glorotUniform({ seed: ctx.seed + offset });
}

// ---------------------------------------------------------------- size arithmetic

/**
 * Output length of a window sliding over `length` cells, as tfjs computes it: with padding
 * "same" ceil(length / stride); with "valid" only whole windows, ceil((length - window + 1) / stride).
 * Returns 0 or less when the input is smaller than the window.
 */
export function slidingLength(
  length: number,
  window: number,
  stride: number,
  padding: 'same' | 'valid',
): number {
  const covered = padding === 'same' ? length : length - window + 1;
  return Math.ceil(covered / stride);
}

/** Output length of a transposed convolution: the stride scales up, "valid" adds the overhang. */
export function transposedLength(
  length: number,
  kernel: number,
  stride: number,
  padding: 'same' | 'valid',
): number {
  return length * stride + (padding === 'valid' ? Math.max(kernel - stride, 0) : 0);
}

/**
 * Height and width after a window (kernel or pool) slides over an image; fails with E_TOO_SMALL
 * when the image is smaller than the window under "valid" padding.
 */
export function slideImage<P extends ParamSpecs>(
  ctx: InferContext<P>,
  input: TensorType,
  window: number,
  stride: number,
  padding: 'same' | 'valid',
  what: string,
): [number, number] {
  const [h = 0, w = 0] = input.shape;
  const outH = slidingLength(h, window, stride, padding);
  const outW = slidingLength(w, window, stride, padding);
  if (outH < 1 || outW < 1) {
    ctx.fail('E_TOO_SMALL', {
      port: 'in',
      actual: formatType(input),
      detail: `a ${window}×${window} ${what} with padding "valid" needs at least ${window}×${window} pixels`,
    });
  }
  return [outH, outW];
}

/** The tensor on "in", failing with E_RANK when it has fewer than `min` per-sample axes. */
export function tensorOfRankAtLeast<P extends ParamSpecs>(ctx: InferContext<P>, min: number): TensorType {
  const input = ctx.tensor('in');
  if (input.shape.length < min) {
    const example = min <= 1 ? 'vector [B,n]' : 'sequence [B,t,n] or image [B,h,w,c]';
    ctx.fail('E_RANK', {
      port: 'in',
      expected: `rank ${min} or more, such as ${example}`,
      actual: formatType(input),
    });
  }
  return input;
}
