// Inference checks shared by several node families.
import type { InferContext } from '../src/core/types/definition';
import type { ParamSpecs } from '../src/core/types/params';
import { formatType, type PortType, sameShape, sameType, type TensorType } from '../src/core/types/ports';

/** Two tensor inputs that must share one shape; the error names both types. Returns the first. */
export function matchingPair<P extends ParamSpecs>(
  ctx: InferContext<P>,
  first: string,
  second: string,
): TensorType {
  const a = ctx.tensor(first);
  const b = ctx.tensor(second);
  if (!sameShape(a.shape, b.shape)) {
    ctx.fail('E_SHAPE_MISMATCH', {
      port: second,
      expected: `${formatType(a)}, the shape of "${first}"`,
      actual: formatType(b),
    });
  }
  return a;
}

/** The type on `port` must be the input type of network `id`; the error names the network. */
export function expectNetworkInput<P extends ParamSpecs>(
  ctx: InferContext<P>,
  port: string,
  id: string,
  actual: PortType,
  expected: PortType,
): void {
  if (sameType(actual, expected)) return;
  ctx.fail('E_SHAPE_MISMATCH', {
    port,
    network: id,
    expected: `${formatType(expected)}, the input of network "${id}"`,
    actual: formatType(actual),
  });
}
