// Image layers: inferred shapes agree with tfjs over many sizes and params; errors and warnings.

import { beforeAll, describe, expect, it } from 'vitest';
import { avgPoolNode, conv2dNode, conv2dTransposeNode, maxPoolNode, upSampleNode } from '../../nodes/layers';
import type { PortType } from '../../src/core/types/ports';
import {
  builtShape,
  combinations,
  expectedBuiltShape,
  img,
  inferError,
  labels,
  runInfer,
  seq,
  useCpu,
  vec,
  warningCodes,
} from './layer-harness';

const IMAGES = [img(28, 28, 1), img(7, 7, 3), img(5, 9, 2), img(3, 3, 1), img(1, 1, 4)];

beforeAll(useCpu);

describe('conv2d', () => {
  it('infers the shape tfjs computes for every size, kernel, stride and padding that fits', () => {
    let checked = 0;
    for (const input of IMAGES) {
      for (const p of combinations({
        filters: [4],
        kernelSize: [1, 2, 3, 5],
        strides: [1, 2, 3],
        padding: ['same', 'valid'],
        activation: ['relu'],
      })) {
        if (runInfer(conv2dNode, p, [input]).outputs === null) continue;
        expect(builtShape(conv2dNode, p, [input]), JSON.stringify([input, p])).toEqual(
          expectedBuiltShape(conv2dNode, p, [input]),
        );
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(80);
  });

  it('builds every activation option', () => {
    for (const activation of ['linear', 'relu', 'elu', 'selu', 'gelu', 'sigmoid', 'tanh', 'softmax']) {
      const p = { filters: 2, activation };
      expect(builtShape(conv2dNode, p, [img(6, 6, 1)])).toEqual([null, 6, 6, 2]);
    }
  });

  it('halves width and height with stride 2 and padding "same", rounding up', () => {
    expect(runInfer(conv2dNode, { filters: 8, strides: 2 }, [img(28, 28, 1)]).outputs?.out).toEqual(
      img(14, 14, 8),
    );
    expect(runInfer(conv2dNode, { filters: 8, strides: 2 }, [img(7, 7, 1)]).outputs?.out).toEqual(
      img(4, 4, 8),
    );
  });

  it('rejects an image smaller than the kernel under "valid" padding, where tfjs would make an empty output', () => {
    const p = { kernelSize: 5, padding: 'valid' };
    const issue = inferError(conv2dNode, p, [img(3, 8, 1)]);
    expect(issue.code).toBe('E_TOO_SMALL');
    expect(issue.port).toBe('in');
    expect(issue.message).toContain('image [B,3,8,1]');
    expect(issue.message).toContain('5×5');
    const tfShape = (() => {
      try {
        return builtShape(conv2dNode, p, [img(3, 8, 1)]);
      } catch {
        return null;
      }
    })();
    if (tfShape !== null) expect(tfShape.some((d) => d !== null && d < 1)).toBe(true);
  });

  it('accepts the same small image with padding "same"', () => {
    expect(runInfer(conv2dNode, { kernelSize: 5, padding: 'same' }, [img(3, 8, 1)]).outputs?.out).toEqual(
      img(3, 8, 32),
    );
  });

  it('rejects a vector, a sequence or labels, naming the port and both types', () => {
    const cases: [PortType, string, string][] = [
      [vec(784), 'E_RANK', 'input "in" expects image [B,h,w,c], got vector [B,784]'],
      [seq(28, 28), 'E_RANK', 'input "in" expects image [B,h,w,c], got sequence [B,28,28]'],
      [labels(10), 'E_WRONG_KIND', 'input "in" expects a tensor, got labels [B] of 10'],
    ];
    for (const [input, code, message] of cases) {
      const issue = inferError(conv2dNode, {}, [input]);
      expect(issue.code).toBe(code);
      expect(issue.message).toBe(message);
    }
  });
});

describe('conv2d-transpose', () => {
  it('infers the shape tfjs computes for every size, kernel, stride and padding', () => {
    let checked = 0;
    for (const input of IMAGES) {
      for (const p of combinations({
        filters: [3],
        kernelSize: [1, 2, 3, 4, 5],
        strides: [1, 2, 3],
        padding: ['same', 'valid'],
      })) {
        expect(builtShape(conv2dTransposeNode, p, [input]), JSON.stringify([input, p])).toEqual(
          expectedBuiltShape(conv2dTransposeNode, p, [input]),
        );
        checked += 1;
      }
    }
    expect(checked).toBe(IMAGES.length * 30);
  });

  it('doubles 7×7 to 14×14 with the defaults (kernel 4, stride 2, "same")', () => {
    expect(runInfer(conv2dTransposeNode, { filters: 16 }, [img(7, 7, 32)]).outputs?.out).toEqual(
      img(14, 14, 16),
    );
  });

  it('warns of checkerboard artefacts exactly when the stride is above 1 and does not divide the kernel', () => {
    for (const { kernelSize, strides } of combinations({
      kernelSize: [1, 2, 3, 4, 5, 6],
      strides: [1, 2, 3, 4],
    })) {
      const warns = strides > 1 && kernelSize % strides !== 0;
      const codes = warningCodes(conv2dTransposeNode, { kernelSize, strides }, [img(7, 7, 8)]);
      expect(codes, `kernel ${kernelSize} stride ${strides}`).toEqual(warns ? ['W_CHECKERBOARD'] : []);
    }
  });

  it('words the checkerboard warning with both numbers and still infers the output', () => {
    const result = runInfer(conv2dTransposeNode, { kernelSize: 3, strides: 2 }, [img(7, 7, 8)]);
    expect(result.outputs?.out).toEqual(img(14, 14, 32));
    expect(result.issues[0]?.message).toBe(
      'kernel 3 is not divisible by stride 2: the output may show checkerboard artefacts',
    );
    expect(result.issues[0]?.param).toBe('kernelSize');
  });

  it('rejects a vector with the Flatten/Reshape hint', () => {
    const issue = inferError(conv2dTransposeNode, {}, [vec(64)]);
    expect(issue.code).toBe('E_RANK');
    expect(issue.message).toBe('input "in" expects image [B,h,w,c], got vector [B,64]');
    expect(issue.hint).toContain('Reshape');
  });
});

describe('pooling', () => {
  for (const def of [maxPoolNode, avgPoolNode]) {
    it(`${def.type} infers the shape tfjs computes for every size, pool, stride and padding that fits`, () => {
      let checked = 0;
      for (const input of IMAGES) {
        for (const p of combinations({
          poolSize: [1, 2, 3],
          strides: [1, 2, 3],
          padding: ['same', 'valid'],
        })) {
          if (runInfer(def, p, [input]).outputs === null) continue;
          expect(builtShape(def, p, [input]), JSON.stringify([input, p])).toEqual(
            expectedBuiltShape(def, p, [input]),
          );
          checked += 1;
        }
      }
      expect(checked).toBeGreaterThan(70);
    });

    it(`${def.type} rejects an image smaller than its window under "valid" padding`, () => {
      const issue = inferError(def, { poolSize: 3, padding: 'valid' }, [img(2, 2, 4)]);
      expect(issue.code).toBe('E_TOO_SMALL');
      expect(issue.message).toContain('input "in" image [B,2,2,4] is too small');
    });
  }

  it('halves 28×28 to 14×14 with the max-pool defaults, keeping channels', () => {
    expect(runInfer(maxPoolNode, {}, [img(28, 28, 16)]).outputs?.out).toEqual(img(14, 14, 16));
  });
});

describe('up-sample', () => {
  it('infers the shape tfjs computes for every size factor', () => {
    for (const input of IMAGES) {
      for (const size of [1, 2, 3, 4]) {
        const p = { size };
        expect(builtShape(upSampleNode, p, [input])).toEqual(expectedBuiltShape(upSampleNode, p, [input]));
      }
    }
  });

  it('multiplies width and height by the factor', () => {
    expect(runInfer(upSampleNode, { size: 3 }, [img(5, 7, 2)]).outputs?.out).toEqual(img(15, 21, 2));
  });

  it('rejects a sequence', () => {
    const issue = inferError(upSampleNode, {}, [seq(4, 4)]);
    expect(issue.code).toBe('E_RANK');
    expect(issue.message).toBe('input "in" expects image [B,h,w,c], got sequence [B,4,4]');
  });
});
