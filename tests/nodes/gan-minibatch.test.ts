// The minibatch-discrimination layer: its inferred shape, values for identical and distant
// samples, gradients to its learned tensor, and saving and loading with its network.

import { beforeAll, describe, expect, it } from 'vitest';
import { minibatchDiscriminationNode, minibatchLayerClass } from '../../nodes/layers-minibatch';
import { inferNode } from '../../src/core/infer/context';
import type { AnyNodeDefinition } from '../../src/core/types/definition';
import { tensorType, type PortType } from '../../src/core/types/ports';
import { tf, useCpu, values } from './run-harness';

beforeAll(useCpu);

const infer = (def: AnyNodeDefinition, inputs: Record<string, PortType[]>, params = {}) =>
  inferNode(def, { nodeId: 'n1', params, inputs });

describe('minibatch discrimination', () => {
  it('appends one feature per kernel to a vector, and rejects an image', () => {
    const ok = infer(minibatchDiscriminationNode, { in: [tensorType([32])] }, { kernels: 5 });
    expect(ok.outputs).toEqual({ out: tensorType([37]) });
    const bad = infer(minibatchDiscriminationNode, { in: [tensorType([28, 28, 1])] });
    expect(bad.issues[0]).toMatchObject({ code: 'E_RANK', port: 'in' });
  });

  const build = (kernels: number, kernelDim: number) => {
    const def = minibatchDiscriminationNode.build;
    if (def.role !== 'layer') throw new Error('not a layer');
    return def.layer({ tf, seed: 11, name: 'mbd', inputTypes: [tensorType([3])] }, { kernels, kernelDim });
  };

  it('gives the shape inference promised, similarity 1 for identical samples and near 0 for distant ones', async () => {
    const layer = build(4, 2);
    const same = tf.tensor([
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ]);
    const apart = tf.tensor([
      [100, 0, 0],
      [0, -100, 0],
      [0, 0, 100],
    ]);
    const a = layer.apply(same) as tf.Tensor;
    const b = layer.apply(apart) as tf.Tensor;
    expect(a.shape).toEqual([3, 7]);
    const av = await values(a);
    const bv = await values(b);
    for (let i = 0; i < 3; i++) {
      expect(av.slice(i * 7, i * 7 + 3)).toEqual([1, 2, 3]); // the features pass through
      for (const v of av.slice(i * 7 + 3, i * 7 + 7)) expect(v).toBeCloseTo(1, 5);
      for (const v of bv.slice(i * 7 + 3, i * 7 + 7)) expect(v).toBeLessThan(1e-3);
    }
    tf.dispose([same, apart, a, b]);
    layer.dispose();
  });

  it('saves with its network and loads back giving the same outputs', async () => {
    const input = tf.input({ shape: [3] });
    const layer = build(3, 2);
    const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    expect(JSON.stringify(saved?.modelTopology)).toContain('MinibatchDiscrimination');
    minibatchLayerClass(tf); // registered (once) before a file holding the layer is read
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved as tf.io.ModelArtifacts));
    const x = tf.tensor([
      [0.1, 0.2, 0.3],
      [0.3, -0.1, 0.0],
      [1, 1, 1],
      [0, 0, 0.5],
    ]);
    const [p, q] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expect(p.shape).toEqual([4, 6]);
    const [pv, qv] = [await values(p), await values(q)];
    pv.forEach((v, i) => expect(qv[i]).toBeCloseTo(v, 6));
    tf.dispose([x, p, q]);
    model.dispose();
    loaded.dispose();
  });

  it('passes gradients to its learned tensor', async () => {
    const layer = build(2, 2);
    const x = tf.tensor([
      [1, 0, 0],
      [0, 1, 0],
      [0.5, 0.5, 0],
    ]);
    layer.apply(x); // builds the weights
    const [weight] = layer.trainableWeights;
    const { grads } = tf.variableGrads(
      () => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar,
      [weight?.read() as tf.Variable],
    );
    const grad = Object.values(grads)[0] as tf.Tensor;
    expect(Math.max(...(await values(grad)).map(Math.abs))).toBeGreaterThan(0);
    tf.dispose([x, ...Object.values(grads)]);
    layer.dispose();
  });
  it("has a hand-written gradient equal to tfjs's own gradient of the plain formula", async () => {
    const [kernels, kernelDim, count] = [3, 2, 5];
    const layer = build(kernels, kernelDim);
    const x = tf.variable(tf.randomNormal([count, 3], 0, 1, 'float32', 4));
    layer.apply(x); // builds T
    const t = layer.trainableWeights[0]?.read() as tf.Variable;
    const upstream = tf.randomNormal([count, 3 + kernels], 0, 1, 'float32', 5);
    // The layer's definition spelled out with tfjs ops only, so tfjs differentiates it itself.
    const plain = (): tf.Tensor => {
      const m = tf.reshape(tf.matMul(x, t), [count, kernels, kernelDim]);
      const distance = tf.sum(tf.abs(tf.sub(tf.expandDims(m, 1), tf.expandDims(m, 0))), 3);
      const similarity = tf.div(tf.sub(tf.sum(tf.exp(tf.neg(distance)), 1), 1), count - 1);
      return tf.concat([x, similarity], -1);
    };
    const gradsOf = async (f: () => tf.Tensor): Promise<number[][]> => {
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(f(), upstream)) as tf.Scalar, [x, t]);
      const out = [await values(grads[x.name] as tf.Tensor), await values(grads[t.name] as tf.Tensor)];
      tf.dispose([value, ...Object.values(grads)]);
      return out;
    };
    const [ours, reference] = [await gradsOf(() => layer.apply(x) as tf.Tensor), await gradsOf(plain)];
    for (const [i, grad] of ours.entries()) {
      expect(Math.max(...grad.map(Math.abs))).toBeGreaterThan(1e-3);
      grad.forEach((v, j) => expect(v).toBeCloseTo(reference[i]?.[j] ?? NaN, 5));
    }
    tf.dispose([x, upstream]);
    layer.dispose();
  });
});
