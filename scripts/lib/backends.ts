// Picks and initialises a tfjs backend for Node (cpu, wasm, or WebGPU through Dawn) for the CLI, bench and tests.
import * as tf from '@tensorflow/tfjs';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { prepareWasmKernels } from '../../src/core/train/wasm-kernels';

export type NodeBackend = 'cpu' | 'wasm' | 'webgpu';

export const NODE_BACKENDS: readonly NodeBackend[] = ['cpu', 'wasm', 'webgpu'];

export interface BackendInfo {
  name: NodeBackend;
  /** One line for people: adapter for webgpu, SIMD/threads for wasm. */
  detail: string;
  /** Milliseconds spent registering and initialising the backend in this call. */
  initMs: number;
}

export function isNodeBackend(value: string): value is NodeBackend {
  return (NODE_BACKENDS as readonly string[]).includes(value);
}

/**
 * Makes `name` the active tfjs backend and waits until it is ready. Tensors made on
 * another backend are moved on first use; make model weights after this call.
 */
export async function useBackend(name: NodeBackend): Promise<BackendInfo> {
  const start = performance.now();
  let detail: string;
  if (name === 'cpu') {
    await activate('cpu');
    // Its first write advertises tfjs-node, which cannot be installed here; say nothing instead.
    (tf.backend() as { firstUse?: boolean }).firstUse = false;
    detail = 'plain JavaScript kernels';
  } else if (name === 'wasm') {
    detail = await useWasm();
  } else {
    detail = await useWebGpu();
  }
  return { name, detail, initMs: performance.now() - start };
}

async function activate(name: string): Promise<void> {
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
    await tf.ready();
  } catch (error) {
    throw new Error(`${name}: the backend failed to start (${messageOf(error)})`, { cause: error });
  }
  if (!ok || tf.getBackend() !== name) {
    throw new Error(`${name}: the backend failed to start (see the tfjs message above)`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------
// wasm

let wasmPathsSet = false;

async function useWasm(): Promise<string> {
  // Importing registers the backend and its kernels; the Node bundle is loaded here on purpose.
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (!wasmPathsSet) {
    // The emscripten loader reads a prefix ending in '/' from disk with fs in Node.
    const entry = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(`${dirname(entry)}/`);
    wasmPathsSet = true;
  }
  await activate('wasm');
  prepareWasmKernels(tf);
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = wasm.getThreadsCount();
  // tfjs 4.22 turns wasm threads off whenever it runs in Node (tfjs issue 3830).
  const plural = threads === 1 ? '' : 's';
  return `${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${plural} (tfjs has no wasm threads in Node)`;
}

// ---------------------------------------------------------------------------
// webgpu through Dawn (npm package `webgpu`)

/** Folders of Chromium builds that ship SwiftShader's Vulkan driver and a Vulkan loader. */
export const SWIFTSHADER_DIRS: readonly string[] = [
  '/usr/lib/chromium',
  '/usr/lib/chromium-browser',
  '/usr/lib64/chromium-browser',
  '/opt/google/chrome',
];

const ICD_FILE = 'vk_swiftshader_icd.json';
const LOADER_FILE = 'libvulkan.so.1';

/** What to do about Vulkan before asking Dawn for an adapter. */
export interface VulkanPlan {
  /** Ask for an adapter with the environment as it is (a user ICD or system drivers). */
  tryAsIs: boolean;
  /** Then, when that gives none, point VK_ICD_FILENAMES here and ask again. */
  swiftShaderIcd: string | null;
}

/**
 * Decides where a Vulkan driver may come from. The user's VK_ICD_FILENAMES wins and is
 * never overridden; without it, SwiftShader is the fallback when drivers give no adapter.
 */
export function planVulkan(
  env: Record<string, string | undefined>,
  exists: (path: string) => boolean,
  systemIcdCount: number,
): VulkanPlan {
  const userIcd = env.VK_ICD_FILENAMES ?? env.VK_DRIVER_FILES;
  if (userIcd) return { tryAsIs: true, swiftShaderIcd: null };
  const dir = SWIFTSHADER_DIRS.find((d) => exists(join(d, ICD_FILE)));
  return { tryAsIs: systemIcdCount > 0 || !dir, swiftShaderIcd: dir ? join(dir, ICD_FILE) : null };
}

/** The error text when no adapter could be had, naming what to set or install. */
export function noAdapterMessage(
  env: Record<string, string | undefined>,
  triedSwiftShader: string | null,
  hasLoader = true,
): string {
  if (!hasLoader) {
    return (
      `webgpu: no Vulkan loader (${LOADER_FILE}) could be loaded — install chromium or libvulkan1, ` +
      `or start the process with LD_LIBRARY_PATH=<folder holding ${LOADER_FILE}>`
    );
  }
  const userIcd = env.VK_ICD_FILENAMES ?? env.VK_DRIVER_FILES;
  if (userIcd) {
    return (
      `webgpu: no adapter from the Vulkan driver in VK_ICD_FILENAMES=${userIcd} — check that the file exists ` +
      `and its library loads, or unset it to fall back to Chromium's SwiftShader`
    );
  }
  if (triedSwiftShader) {
    return (
      `webgpu: no adapter, even from SwiftShader (${triedSwiftShader}) — start the process with ` +
      `LD_LIBRARY_PATH=${dirname(triedSwiftShader)} VK_ICD_FILENAMES=${triedSwiftShader}`
    );
  }
  return (
    `webgpu: no adapter — no GPU driver was found; install chromium (its SwiftShader driver is used ` +
    `automatically) or set VK_ICD_FILENAMES=/path/to/vk_swiftshader_icd.json`
  );
}

// Standard places where the Vulkan loader looks for driver manifests.
function countSystemIcds(): number {
  const dataDirs = (process.env.XDG_DATA_DIRS ?? '/usr/local/share:/usr/share').split(':');
  const dirs = [
    ...dataDirs.map((d) => join(d, 'vulkan/icd.d')),
    '/etc/vulkan/icd.d',
    join(homedir(), '.local/share/vulkan/icd.d'),
  ];
  let count = 0;
  for (const dir of dirs) {
    try {
      count += readdirSync(dir).filter((f) => f.endsWith('.json')).length;
    } catch {
      // A missing folder just holds no drivers.
    }
  }
  return count;
}

const RTLD_NOW = 2;
const RTLD_NODELETE = 0x1000; // glibc value; Node's os.constants.dlopen leaves it out

/**
 * Dawn opens `libvulkan.so.1` by name. LD_LIBRARY_PATH is read only when the process
 * starts, so when the system has no Vulkan loader we load Chromium's copy into the
 * process ourselves: dlopen then finds it by its soname. process.dlopen throws for a
 * library that is not a Node addon, but RTLD_NODELETE keeps it loaded anyway.
 */
function loadVulkanLoader(): boolean {
  const candidates = [LOADER_FILE, ...SWIFTSHADER_DIRS.map((dir) => join(dir, LOADER_FILE))];
  for (const candidate of candidates) {
    try {
      process.dlopen({ exports: {} }, candidate, RTLD_NOW | RTLD_NODELETE);
      return true;
    } catch (error) {
      if (/did not self-register/.test(messageOf(error))) return true;
    }
  }
  return false;
}

interface DawnState {
  gpu: GPU;
  device: GPUDevice;
  navigatorWasOurs: boolean;
  /** We set VK_ICD_FILENAMES ourselves; release unsets it so the next start decides afresh. */
  icdWasOurs: boolean;
  releasing: boolean;
  lost: boolean;
}

let dawn: DawnState | null = null;

async function requestAdapter(gpu: GPU): Promise<GPUAdapter | null> {
  return gpu.requestAdapter({ powerPreference: 'high-performance' });
}

async function openAdapter(): Promise<{ gpu: GPU; adapter: GPUAdapter; viaSwiftShader: boolean }> {
  let webgpu: typeof import('webgpu');
  try {
    webgpu = await import('webgpu');
  } catch (error) {
    throw new Error(
      `webgpu: the Dawn addon from the npm package 'webgpu' did not load (${messageOf(error)})`,
      {
        cause: error,
      },
    );
  }
  // tfjs-backend-webgpu reads GPUBufferUsage, GPUMapMode and friends as globals.
  Object.assign(globalThis, webgpu.globals);

  if (process.platform !== 'linux') {
    // Dawn uses Metal or D3D there; nothing to arrange.
    const gpu = webgpu.create([]);
    const adapter = await requestAdapter(gpu);
    if (adapter) return { gpu, adapter, viaSwiftShader: false };
    throw new Error('webgpu: no adapter — Dawn found no usable GPU on this machine');
  }
  const plan = planVulkan(process.env, existsSync, countSystemIcds());
  const hasLoader = loadVulkanLoader();
  if (plan.tryAsIs && hasLoader) {
    const gpu = webgpu.create([]);
    const adapter = await requestAdapter(gpu);
    if (adapter) return { gpu, adapter, viaSwiftShader: false };
  }
  if (plan.swiftShaderIcd && hasLoader) {
    // The Vulkan loader reads this when Dawn creates its instance, so setting it here is enough.
    process.env.VK_ICD_FILENAMES = plan.swiftShaderIcd;
    const gpu = webgpu.create([]);
    const adapter = await requestAdapter(gpu);
    if (adapter) return { gpu, adapter, viaSwiftShader: true };
    delete process.env.VK_ICD_FILENAMES;
  }
  throw new Error(noAdapterMessage(process.env, plan.swiftShaderIcd, hasLoader));
}

// Node 20 has no navigator; Node 21+ has one without `gpu`.
function exposeGpu(gpu: GPU): boolean {
  const existing = (globalThis as { navigator?: object }).navigator;
  if (existing) {
    Object.defineProperty(existing, 'gpu', { value: gpu, configurable: true, writable: true });
    return false;
  }
  Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  return true;
}

function hideGpu(navigatorWasOurs: boolean): void {
  const holder = globalThis as { navigator?: { gpu?: unknown } };
  if (navigatorWasOurs) delete holder.navigator;
  else if (holder.navigator) delete holder.navigator.gpu;
}

function describeAdapter(adapter: GPUAdapter, viaSwiftShader: boolean): string {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const fallback =
    info.isFallbackAdapter ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter ?? false;
  const name = [info.vendor, info.architecture].filter(Boolean).join(' ') || 'unknown adapter';
  const what = info.description ? `${name} (${info.description})` : name;
  const kind = fallback ? 'software fallback adapter' : 'hardware adapter';
  return `${what}, ${kind}${viaSwiftShader ? ", Chromium's SwiftShader picked automatically" : ''}`;
}

// The same limits tfjs asks for in the browser, so big layers fit in one binding.
function deviceLimits(adapter: GPUAdapter): Record<string, number> {
  const l = adapter.limits;
  return {
    maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
    maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
    maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
    maxBufferSize: l.maxBufferSize,
    maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
    maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
  };
}

let webgpuDetail = '';

async function useWebGpu(): Promise<string> {
  if (dawn && !dawn.lost && tf.findBackend('webgpu')) {
    await activate('webgpu');
    return webgpuDetail;
  }
  // A lost device cannot come back; start over with a new one.
  await releaseBackend();
  const { gpu, adapter, viaSwiftShader } = await openAdapter();
  const device = await adapter.requestDevice({ requiredLimits: deviceLimits(adapter) });
  const state: DawnState = {
    gpu,
    device,
    navigatorWasOurs: exposeGpu(gpu),
    icdWasOurs: viaSwiftShader,
    releasing: false,
    lost: false,
  };
  dawn = state;
  void device.lost.then((lost) => {
    state.lost = true;
    if (!state.releasing) console.error(`webgpu: the device was lost (${lost.reason}: ${lost.message})`);
  });
  webgpuDetail = describeAdapter(adapter, viaSwiftShader);

  // Imported only now: the package registers its own factory only if navigator.gpu exists
  // at import time, and ours replaces it so we hold the device and can release it.
  const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu');
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', () => new WebGPUBackend(device, adapter.info), 1);
  await activate('webgpu');
  return webgpuDetail;
}

/**
 * Drops the webgpu backend (its tensors go with it), destroys the Dawn device and removes
 * navigator.gpu, so nothing of Dawn is left holding the process. The next op runs on
 * whatever tfjs picks; call useBackend again to choose. Safe to call when nothing is held.
 */
export async function releaseBackend(): Promise<void> {
  const state = dawn;
  if (!state) return;
  state.releasing = true;
  dawn = null;
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  state.device.destroy();
  hideGpu(state.navigatorWasOurs);
  if (state.icdWasOurs) delete process.env.VK_ICD_FILENAMES;
}
