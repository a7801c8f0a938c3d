// Starting each tfjs backend inside the browser worker: WebGPU (refusing a software adapter unless
// forced, and watching for a lost device), WebGL, WASM (SIMD, threads when cross-origin isolated), cpu.

import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendName } from '../src/core/train/backend-names';
import { prepareWasmKernels } from '../src/core/train/wasm-kernels';
import {
  type Activation,
  type Activator,
  BackendChooser,
  SOFTWARE_RENDERER,
  softwareVerdict,
} from './backend-choice';
import type { WorkerStart } from './protocol';

/** The parts of WebGPU this file touches (the DOM typings in use here do not declare it). */
interface GpuAdapterInfo {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly description?: string;
  readonly isFallbackAdapter?: boolean;
}
interface GpuAdapter {
  readonly info?: GpuAdapterInfo;
  readonly isFallbackAdapter?: boolean;
}
interface Gpu {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapter | null>;
}
interface GpuDeviceLostInfo {
  readonly reason: string;
  readonly message: string;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Makes `name` the active backend; tfjs only warns when a backend fails to start, so check. */
async function activate(name: BackendName): Promise<Activation | null> {
  try {
    if (!(await tf.setBackend(name)) || tf.getBackend() !== name) {
      return { ok: false, reason: 'failed to start (see the browser console)' };
    }
    await tf.ready();
    return null;
  } catch (error) {
    return { ok: false, reason: `failed to start (${messageOf(error)})` };
  }
}

function adapterVerdict(adapter: GpuAdapter, forced: boolean): Activation {
  const info = adapter.info ?? {};
  const name =
    [info.vendor, info.architecture || info.description].filter(Boolean).join(' ') || 'unknown GPU';
  const software = info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? SOFTWARE_RENDERER.test(name);
  return softwareVerdict('WebGPU', name, software, forced);
}

/** The WebGL renderer's name, read from a throwaway context so a software one is refused before tfjs starts. */
function webglRenderer(): string | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return null;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const name = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return name;
}

function webgpu(lost: (error: unknown) => void): Activator {
  return async (forced) => {
    const gpu = (navigator as Navigator & { gpu?: Gpu }).gpu;
    if (!gpu) return { ok: false, reason: 'this browser has no WebGPU (navigator.gpu is missing)' };
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return { ok: false, reason: 'no WebGPU adapter (no usable GPU, or WebGPU is turned off)' };
    const verdict = adapterVerdict(adapter, forced);
    if (!verdict.ok) return verdict;
    const failed = await activate('webgpu');
    if (failed) return failed;
    const device = (tf.backend() as unknown as { device?: { lost?: Promise<GpuDeviceLostInfo> } }).device;
    void device?.lost?.then((info) => {
      // A device lost after the worker moved to another backend no longer matters.
      if (tf.getBackend() === 'webgpu') {
        lost(new Error(`WebGPU device lost (${info.reason || 'unknown reason'}): ${info.message}`));
      }
    });
    return { ok: true, detail: verdict.detail };
  };
}

const webgl: Activator = async (forced) => {
  const renderer = webglRenderer();
  if (renderer === null) return { ok: false, reason: 'no WebGL 2 in this worker' };
  const verdict = softwareVerdict('WebGL', renderer, SOFTWARE_RENDERER.test(renderer), forced);
  if (!verdict.ok) return verdict;
  return (await activate('webgl')) ?? { ok: true, detail: `WebGL 2, ${verdict.detail}` };
};

let wasmPathsSet = false;

/**
 * Runs `start` while navigator.hardwareConcurrency reads `cores`. tfjs 4.22's wasm binary caps its
 * XNNPACK thread pool at half the logical cores it reads there (one thread on a two-core machine),
 * whatever setThreadsCount asks for, and reads the value once, while the backend starts.
 */
async function withReportedCores<T>(cores: number, start: () => Promise<T>): Promise<T> {
  const own = Object.getOwnPropertyDescriptor(navigator, 'hardwareConcurrency');
  Object.defineProperty(navigator, 'hardwareConcurrency', { value: cores, configurable: true });
  try {
    return await start();
  } finally {
    if (own) Object.defineProperty(navigator, 'hardwareConcurrency', own);
    else delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

function wasm(requested: number | undefined): Activator {
  return async () => {
    if (!wasmPathsSet) {
      // Vite serves (and in a build, copies) the binaries; tfjs picks threaded SIMD when it can.
      setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmPlainUrl,
        'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
      });
      wasmPathsSet = true;
    }
    const isolated = globalThis.crossOriginIsolated;
    const cores = navigator.hardwareConcurrency || 1;
    let failed: Activation | null;
    if (isolated && requested !== undefined) {
      setThreadsCount(requested);
      failed =
        requested > Math.floor(cores / 2)
          ? await withReportedCores(requested * 2, () => activate('wasm'))
          : await activate('wasm');
    } else {
      failed = await activate('wasm');
    }
    if (failed) return failed;
    // wasm lacks a convolution filter gradient, and some of its kernels are far slower than need be.
    prepareWasmKernels(tf);
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = getThreadsCount();
    const why = isolated ? ` of ${cores} cores` : ' (the page is not cross-origin isolated, so no threads)';
    return {
      ok: true,
      detail: `${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'}${why}`,
    };
  };
}

const cpu: Activator = async () =>
  (await activate('cpu')) ?? { ok: true, detail: 'plain JavaScript kernels' };

/** The worker's backend host: the chooser over the browser's backends. */
export function startBrowserBackend(
  options: WorkerStart,
  lost: (error: unknown) => void,
): Promise<BackendChooser> {
  return BackendChooser.start({
    choice: options.backend,
    exclude: options.exclude ?? [],
    activators: { webgpu: webgpu(lost), webgl, wasm: wasm(options.wasmThreads), cpu },
  });
}
