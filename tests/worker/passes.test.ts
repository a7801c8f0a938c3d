// Which image previews the quick pass refreshes: only outputs that training changes, since fixed
// test inputs and their seeded corruptions look the same on every pass.
import { beforeAll, describe, expect, it } from 'vitest';
import { NODE_REGISTRY } from '../../nodes';
import { compileProgram } from '../../src/core/compile/program';
import { imagePreviewNodes } from '../../src/core/train/passes';
import { useCpu } from '../core/helpers';
import { preset, tf } from './session-harness';

beforeAll(useCpu);

function quickNodes(name: string): string[] {
  const program = compileProgram(preset(name), NODE_REGISTRY, tf);
  try {
    return imagePreviewNodes(program);
  } finally {
    program.dispose();
  }
}

describe('imagePreviewNodes', () => {
  it('leaves out the input images and their corruption, keeps the reconstruction', () => {
    expect(quickNodes('stacked-autoencoder')).toEqual(['image']);
    expect(quickNodes('denoising-gaussian')).toEqual(['image']);
  });

  it('keeps the samples a decoder draws from the prior beside the reconstruction', () => {
    expect(quickNodes('vae')).toEqual(['image', 'generate']);
  });
});
