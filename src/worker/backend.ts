/**
 * Backend selection in the worker: WebGPU, then WebGL, then WASM, then CPU.
 * A software adapter is not a GPU: when WebGPU reports a fallback adapter or
 * WebGL renders through SwiftShader, WASM is faster (measured here: a BN-only
 * step ~0.9 s on WASM, ~5.5 s on WebGL-on-SwiftShader, WebGPU-on-SwiftShader
 * minutes), so auto mode moves on. A backend counts only after a probe runs
 * the kernels training needs (conv, depthwise conv, their gradients, BN).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { Config } from '../config/schema';
import { type BackendInfo, type BackendName, type Candidate, selectBackend } from '../engine/nn';
import type { EngineMemory } from './events';

export type { BackendInfo, BackendName };

// Threads need cross-origin isolation (COOP/COEP, set by vite dev and preview)
// and an unminified worker chunk (vite.config.ts); without isolation tfjs falls
// back to the single-threaded SIMD build by itself, and the badge says so.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

async function inspect(name: BackendName): Promise<Candidate> {
  if (name === 'webgpu') {
    const gpu = (globalThis.navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    if (!gpu) return { name, software: null, device: null, unavailable: 'navigator.gpu is missing (browser or flags without WebGPU)' };
    const adapter = (await gpu.requestAdapter().catch(() => null)) as null | {
      isFallbackAdapter?: boolean;
      info?: { vendor?: string; architecture?: string; description?: string };
    };
    if (!adapter) return { name, software: null, device: null, unavailable: 'no WebGPU adapter' };
    const info = adapter.info ?? {};
    const device = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown adapter';
    const software = adapter.isFallbackAdapter || /swiftshader/i.test(device) ? `software adapter (${device})` : null;
    return { name, software, device, unavailable: null };
  }
  if (name === 'webgl') {
    if (typeof OffscreenCanvas === 'undefined') return { name, software: null, device: null, unavailable: 'no OffscreenCanvas in this worker' };
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return { name, software: null, device: null, unavailable: 'no WebGL2 context' };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const device = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    const software = /swiftshader|llvmpipe|software/i.test(device) ? `software renderer (${device})` : null;
    return { name, software, device, unavailable: null };
  }
  return { name, software: null, device: null, unavailable: null };
}

/** The browser's choice: WebGPU, WebGL, WASM, CPU, passing over software GPUs. */
export function selectBrowserBackend(wanted: Config['backend']): Promise<BackendInfo> {
  return selectBackend(wanted, ['webgpu', 'webgl', 'wasm', 'cpu'], inspect, 'asked for in the URL');
}

/** Backend selection is one serialised operation: a second wish waits for the first, the same wish shares it. */
let backend: { wish: Config['backend']; ready: Promise<BackendInfo> } | null = null;
/** The backend running, once one is selected: until then tf.memory() would itself start a backend. */
let selected: string | null = null;

/** Selects and probes a backend; the same wish returns the same selection, a new one waits for any selection in flight. */
export function initBackend(wanted: Config['backend']): Promise<BackendInfo> {
  if (backend?.wish !== wanted) {
    const before = backend?.ready.catch(() => null) ?? Promise.resolve(null);
    backend = {
      wish: wanted,
      ready: before
        .then(() => selectBrowserBackend(wanted))
        .then((info) => {
          selected = info.name;
          return info;
        }),
    };
  }
  return backend.ready;
}

/** The WASM heap's size, when WASM runs (the module's HEAPU8 spans all of its linear memory). */
const heapBytes = (): number | null => {
  if (selected !== 'wasm') return null;
  const heap = (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm?.HEAPU8;
  return heap ? heap.byteLength : null;
};

/** The worker's tensors, bytes and WASM heap; call it once a backend is selected (see backendSelected). */
export const memory = (): EngineMemory => {
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes, heapBytes: heapBytes() };
};
export const backendSelected = (): boolean => selected !== null;
