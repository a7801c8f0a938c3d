// Everything tfjs-backend-wasm 4.22 needs from us before it trains: the convolution filter
// gradient it lacks (kernels.ts), and faster stand-ins for its kernels that are far slower than
// they need be: products with a transposed side (wasm-matmul.ts), the convolution input gradient
// (wasm-conv.ts), Slice, Unpack, SplitV, Tile and Identity, which only move numbers
// (wasm-copies.ts), and an LSTM step in one kernel each way (lstm-cell.ts), where tfjs ops cost
// more in bookkeeping than in arithmetic.

import type { TF } from '../types/definition';
import { addMissingKernels } from './kernels';
import { addWasmLstmCell, LSTM_CELL, LSTM_CELL_GRAD } from './lstm-cell';
import { fastConvInputGradient } from './wasm-conv';
import { fastWasmCopies } from './wasm-copies';
import { untransposeMatMul } from './wasm-matmul';

/** Installs them on the started wasm backend; returns the kernels added or replaced. */
export function prepareWasmKernels(tf: TF): string[] {
  const changed: string[] = [];
  if (addMissingKernels(tf, 'wasm')) changed.push('Conv2DBackpropFilter');
  changed.push(...untransposeMatMul(tf, 'wasm'));
  if (fastConvInputGradient(tf, 'wasm')) changed.push('Conv2DBackpropInput');
  changed.push(...fastWasmCopies(tf, 'wasm'));
  if (addWasmLstmCell(tf, 'wasm')) changed.push(LSTM_CELL, LSTM_CELL_GRAD);
  return changed;
}
