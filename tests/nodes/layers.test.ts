// Catalogue-wide checks of the layer family: conventions, params, and infer agreeing with tfjs.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYER_NODES } from '../../nodes/layers';
import { paramsWithDefaults } from '../../src/core/infer/context';
import { type ParamSpec, paramProblem } from '../../src/core/types/params';
import type { PortType } from '../../src/core/types/ports';
import {
  buildLayer,
  builtShape,
  expectedBuiltShape,
  img,
  labels,
  seq,
  symbolicInput,
  useCpu,
  vec,
} from './layer-harness';

/** An input each layer type accepts with its default params. */
const SAMPLE_INPUTS: Record<string, readonly PortType[]> = {
  'layer.dense': [vec(50)],
  'layer.activation': [img(6, 6, 3)],
  'layer.dropout': [vec(20)],
  'layer.batch-norm': [img(8, 8, 4)],
  'layer.label-embedding': [labels(10)],
  'layer.conv2d': [img(28, 28, 1)],
  'layer.conv2d-transpose': [img(7, 7, 16)],
  'layer.max-pool': [img(28, 28, 8)],
  'layer.avg-pool': [img(28, 28, 8)],
  'layer.up-sample': [img(7, 7, 2)],
  'layer.flatten': [img(7, 7, 32)],
  'layer.reshape': [vec(7 * 7 * 32)],
  'layer.repeat-vector': [vec(16)],
  'layer.concatenate': [vec(8), vec(4)],
  'layer.lstm': [seq(12, 5)],
  'layer.gru': [seq(12, 5)],
  'layer.time-distributed-dense': [seq(12, 5)],
};

function sampleFor(type: string): readonly PortType[] {
  const inputs = SAMPLE_INPUTS[type];
  if (!inputs) throw new Error(`no sample input for ${type}`);
  return inputs;
}

beforeAll(useCpu);

describe('the layer catalogue', () => {
  it('holds every required layer type once, under "layer." ids', () => {
    const types = LAYER_NODES.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    expect([...types].sort()).toEqual(Object.keys(SAMPLE_INPUTS).sort());
    for (const type of types) expect(type).toMatch(/^layer\.[a-z0-9-]+$/);
  });

  it('gives every node category "layer", the layer build role, a doc line and an "in"/"out" port pair', () => {
    for (const def of LAYER_NODES) {
      expect(def.category, def.type).toBe('layer');
      expect(def.build.role, def.type).toBe('layer');
      expect(def.doc.length, def.type).toBeGreaterThan(20);
      expect(
        def.inputs.map((p) => p.name),
        def.type,
      ).toEqual(['in']);
      expect(def.outputs, def.type).toEqual([
        expect.objectContaining({ name: 'out', kind: 'tensor', preview: 'auto' }),
      ]);
    }
  });

  it('gives every param a default that passes its own validation, a doc, and no live flag', () => {
    for (const def of LAYER_NODES) {
      for (const [key, spec] of Object.entries(def.params as Record<string, ParamSpec>)) {
        expect(paramProblem(spec, spec.default), `${def.type}.${key}`).toBeNull();
        expect(spec.doc?.length ?? 0, `${def.type}.${key} doc`).toBeGreaterThan(10);
        expect(spec.live, `${def.type}.${key} live`).toBeFalsy();
        if (spec.kind === 'number') {
          expect(
            [spec.min, spec.max, spec.step].every((v) => v !== undefined),
            `${def.type}.${key} range`,
          ).toBe(true);
          expect(spec.default >= spec.min! && spec.default <= spec.max!, `${def.type}.${key} in range`).toBe(
            true,
          );
        }
      }
    }
  });

  it('builds, with default params, a tfjs layer whose output shape matches inference', () => {
    for (const def of LAYER_NODES) {
      const inputs = sampleFor(def.type);
      expect(builtShape(def, {}, inputs), def.type).toEqual(expectedBuiltShape(def, {}, inputs));
    }
  });

  it('declares the variables tfjs creates, by name, shape and whether they are trained', () => {
    const variations: [string, Record<string, boolean>][] = [
      ...LAYER_NODES.map((def): [string, Record<string, boolean>] => [def.type, {}]),
      ['layer.dense', { useBias: false }],
    ];
    for (const [type, params] of variations) {
      const def = LAYER_NODES.find((d) => d.type === type);
      if (def?.build.role !== 'layer') throw new Error(`${type} is not a layer`);
      const inputs = sampleFor(type);
      const layer = buildLayer(def, params, inputs);
      const symbols = inputs.map(symbolicInput);
      layer.apply(symbols.length === 1 ? (symbols[0] as tf.SymbolicTensor) : symbols);
      const built = layer.weights.map((w) => ({
        name: w.originalName.split('/').pop(),
        shape: [...w.shape],
        trainable: w.trainable,
      }));
      const declared = def.build.weights?.(inputs, paramsWithDefaults(def, params)) ?? [];
      expect(
        declared.map((w) => ({ name: w.name, shape: [...w.shape], trainable: w.trainable })),
        `${type} ${JSON.stringify(params)}`,
      ).toEqual(built);
      layer.dispose();
    }
  });

  it('names each built layer with the name the compiler hands it', () => {
    for (const def of LAYER_NODES) {
      const layer = buildLayer(def, {}, sampleFor(def.type));
      expect(layer.name, def.type).toMatch(/^test_layer_\d+$/);
    }
  });

  it('initialises weights from the seed: same seed, same weights; other seed, other weights', async () => {
    for (const def of LAYER_NODES) {
      const inputs = sampleFor(def.type);
      const weightsOf = async (seed: number): Promise<number[]> => {
        const layer = buildLayer(def, {}, inputs, seed);
        const symbols = inputs.map(symbolicInput);
        layer.apply(symbols.length === 1 ? symbols[0]! : symbols);
        const values = await Promise.all(layer.getWeights().map(async (w) => [...(await w.data())]));
        layer.dispose();
        return values.flat();
      };
      const a = await weightsOf(11);
      const b = await weightsOf(11);
      const c = await weightsOf(12);
      expect(a, def.type).toEqual(b);
      // Layers with random weights must change with the seed; the rest start at constants.
      if (a.some((v) => v !== 0 && v !== 1)) expect(c, def.type).not.toEqual(a);
    }
  });

  it('builds only standard layers: every node saves as a LayersModel topology and loads back', async () => {
    for (const def of LAYER_NODES) {
      const inputs = sampleFor(def.type);
      const symbols = inputs.map(symbolicInput);
      const layer = buildLayer(def, {}, inputs);
      const output = layer.apply(symbols.length === 1 ? symbols[0]! : symbols) as tf.SymbolicTensor;
      const model = tf.model({ inputs: symbols, outputs: output });
      const topology = model.toJSON(undefined, false) as tf.io.ModelJSON['modelTopology'];
      const loaded = await tf.models.modelFromJSON({ modelTopology: topology });
      expect(loaded.outputs[0]?.shape, def.type).toEqual(output.shape);
      expect(loaded.layers.at(-1)?.getClassName(), def.type).toBe(layer.getClassName());
      model.dispose();
      loaded.dispose();
    }
  });

  it('imports tfjs in layer files only as types, so inference never pulls tfjs into the page', () => {
    const dir = fileURLToPath(new URL('../../nodes/', import.meta.url));
    for (const file of [
      'layers.ts',
      'layers-common.ts',
      'layers-conv.ts',
      'layers-dense.ts',
      'layers-recurrent.ts',
      'layers-shape.ts',
    ]) {
      const source = readFileSync(dir + file, 'utf8');
      const tfImports = source.split('\n').filter((line) => line.includes("'@tensorflow/"));
      expect(
        tfImports.every((line) => line.startsWith('import type')),
        file,
      ).toBe(true);
    }
  });
});
