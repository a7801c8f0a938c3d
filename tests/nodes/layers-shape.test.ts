// Rearranging layers: flatten, reshape, repeat-vector and concatenate against tfjs, and their errors.

import { beforeAll, describe, expect, it } from 'vitest';
import { concatenateNode, flattenNode, repeatVectorNode, reshapeNode } from '../../nodes/layers';
import { type PortType, tensorType } from '../../src/core/types/ports';
import {
  builtShape,
  expectedBuiltShape,
  img,
  inferError,
  labels,
  runInfer,
  seq,
  useCpu,
  vec,
} from './layer-harness';

beforeAll(useCpu);

describe('flatten', () => {
  it('infers the element count tfjs computes for sequences, images and rank-4 tensors', () => {
    for (const input of [seq(1, 1), seq(12, 5), img(28, 28, 1), img(7, 7, 32), tensorType([2, 3, 4, 5])]) {
      expect(builtShape(flattenNode, {}, [input])).toEqual(expectedBuiltShape(flattenNode, {}, [input]));
    }
    expect(runInfer(flattenNode, {}, [img(7, 7, 32)]).outputs?.out).toEqual(vec(1568));
  });

  it('rejects a vector, which is already flat (tfjs refuses it too)', () => {
    const issue = inferError(flattenNode, {}, [vec(10)]);
    expect(issue.code).toBe('E_RANK');
    expect(issue.message).toBe(
      'input "in" expects rank 2 or more, such as sequence [B,t,n] or image [B,h,w,c], got vector [B,10]',
    );
    expect(() => builtShape(flattenNode, {}, [vec(10)])).toThrow();
  });
});

describe('reshape', () => {
  it('infers the target shape tfjs computes whenever the element counts agree', () => {
    const cases: [PortType, number[]][] = [
      [vec(1568), [7, 7, 32]],
      [vec(784), [28, 28, 1]],
      [img(28, 28, 1), [784]],
      [img(4, 4, 2), [8, 4]],
      [seq(6, 4), [2, 3, 2, 2]],
      [vec(5), [5]],
    ];
    for (const [input, targetShape] of cases) {
      const p = { targetShape };
      expect(builtShape(reshapeNode, p, [input])).toEqual(expectedBuiltShape(reshapeNode, p, [input]));
      expect(runInfer(reshapeNode, p, [input]).outputs?.out).toEqual(tensorType(targetShape));
    }
  });

  it('rejects differing element counts with a message naming both shapes', () => {
    const issue = inferError(reshapeNode, { targetShape: [7, 7, 32] }, [vec(64)]);
    expect(issue.code).toBe('E_SHAPE_MISMATCH');
    expect(issue.port).toBe('in');
    expect(issue.param).toBe('targetShape');
    expect(issue.message).toBe(
      'input "in" expects 1568 values per sample to fill [B,7,7,32], got vector [B,64] with 64 values',
    );
  });

  it('rejects labels', () => {
    expect(inferError(reshapeNode, {}, [labels(10)]).code).toBe('E_WRONG_KIND');
  });
});

describe('repeat-vector', () => {
  it('infers the sequence tfjs computes for every length and vector size', () => {
    for (const input of [vec(1), vec(16)]) {
      for (const n of [1, 8, 30]) {
        expect(builtShape(repeatVectorNode, { n }, [input])).toEqual(
          expectedBuiltShape(repeatVectorNode, { n }, [input]),
        );
      }
    }
    expect(runInfer(repeatVectorNode, { n: 8 }, [vec(16)]).outputs?.out).toEqual(seq(8, 16));
  });

  it('rejects an image', () => {
    const issue = inferError(repeatVectorNode, {}, [img(2, 2, 1)]);
    expect(issue.code).toBe('E_RANK');
    expect(issue.message).toBe('input "in" expects vector [B,n], got image [B,2,2,1]');
  });
});

describe('concatenate', () => {
  it('infers the joined shape tfjs computes for vectors, sequences and images', () => {
    const cases: PortType[][] = [
      [vec(8), vec(4)],
      [vec(2), vec(10), vec(1)],
      [seq(5, 3), seq(5, 7)],
      [img(14, 14, 16), img(14, 14, 1)],
      [img(7, 7, 3), img(7, 7, 3), img(7, 7, 3), img(7, 7, 3)],
    ];
    for (const inputs of cases) {
      expect(builtShape(concatenateNode, {}, inputs)).toEqual(
        expectedBuiltShape(concatenateNode, {}, inputs),
      );
    }
    expect(runInfer(concatenateNode, {}, [img(14, 14, 16), img(14, 14, 1)]).outputs?.out).toEqual(
      img(14, 14, 17),
    );
  });

  it('rejects images whose height or width differ, naming the edge and both shapes', () => {
    const issue = inferError(concatenateNode, {}, [img(14, 14, 16), img(7, 7, 16)]);
    expect(issue.code).toBe('E_SHAPE_MISMATCH');
    expect(issue.port).toBe('in');
    expect(issue.message).toBe(
      'input "in" expects image [B,14,14,*] like edge 1, got image [B,7,7,16] on edge 2',
    );
  });

  it('rejects inputs of different ranks', () => {
    const issue = inferError(concatenateNode, {}, [vec(8), vec(3), img(2, 2, 2)]);
    expect(issue.code).toBe('E_RANK');
    expect(issue.message).toBe('input "in" expects vector [B,*] like edge 1, got image [B,2,2,2] on edge 3');
  });

  it('needs at least two edges', () => {
    const one = inferError(concatenateNode, {}, [vec(8)]);
    expect(one.code).toBe('E_TOO_FEW_INPUTS');
    expect(one.message).toBe('input "in" needs at least 2 edges, it has 1');
    expect(inferError(concatenateNode, {}, []).code).toBe('E_UNCONNECTED');
  });

  it('rejects labels among its inputs', () => {
    const issue = inferError(concatenateNode, {}, [vec(8), labels(10)]);
    expect(issue.code).toBe('E_WRONG_KIND');
    expect(issue.message).toBe('input "in" expects a tensor, got labels [B] of 10');
  });

  it('accepts several edges on its one port', () => {
    expect(concatenateNode.inputs[0]?.multiple).toBe(true);
  });
});
