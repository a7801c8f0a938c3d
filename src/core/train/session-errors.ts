// Turns whatever a training command threw into one plain sentence for the student, with a code
// the page can act on (restart the worker for a lost device or exhausted memory).

import { CompileError } from '../compile/program';
import type { BackendName, SessionError } from './frames';
import { GraphTooLargeError } from './session-memory';

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);

/** "Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'" -> the kernel name. */
export function missingKernel(error: unknown): string | undefined {
  return /Kernel '([^']+)' not registered for backend/.exec(messageOf(error))?.[1];
}

const OUT_OF_MEMORY =
  /out of memory|OOM|Failed to allocate|allocation failed|Cannot allocate|Array buffer allocation|exceeds the maximum|memory access out of bounds|createBuffer.*(fail|invalid)/i;
const DEVICE_LOST =
  /device (was )?(lost|destroyed)|Instance reference no longer exists|context lost|CONTEXT_LOST/i;

export function describeError(error: unknown, backend: BackendName | undefined): SessionError {
  const on = backend ? ` on ${backend}` : '';
  if (error instanceof CompileError) {
    const first = error.issues.find((i) => i.severity === 'error');
    return {
      code: 'compile',
      message: `The graph cannot be compiled: ${error.message}.`,
      ...(first?.node !== undefined && { node: first.node }),
      fatal: false,
    };
  }
  if (error instanceof GraphTooLargeError) return { code: 'too-large', message: error.message, fatal: false };
  const text = messageOf(error);
  const kernel = missingKernel(error);
  if (kernel) {
    return {
      code: 'missing-kernel',
      message: `The ${backend ?? 'current'} backend cannot train this graph: it has no "${kernel}" kernel.`,
      fatal: false,
    };
  }
  if (DEVICE_LOST.test(text)) {
    return { code: 'device-lost', message: `The GPU device was lost${on} (${text}).`, fatal: true };
  }
  if (OUT_OF_MEMORY.test(text) || error instanceof RangeError) {
    return {
      code: 'out-of-memory',
      message: `Training ran out of memory${on} (${text}). Try a smaller batch size or fewer units.`,
      fatal: true,
    };
  }
  if (/npm run data|\.u8|dataset/i.test(text)) {
    return { code: 'data', message: `The training data could not be loaded: ${text}`, fatal: false };
  }
  return { code: 'internal', message: `Training stopped with an error${on}: ${text}`, fatal: false };
}
