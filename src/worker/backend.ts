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
import { registerPortableConvGradients } from '../engine/gradients';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  /** Why this one: what was asked, what was tried and why each earlier one was passed over. */
  reason: string;
  /** GPU adapter or renderer, when known. */
  device: string | null;
  /** WASM only: threads available (cross-origin isolated) and SIMD. */
  threads: boolean;
  simd: boolean;
}

// Threads need cross-origin isolation (COOP/COEP, set by vite dev and preview)
// and an unminified worker chunk (vite.config.ts); without isolation tfjs falls
// back to the single-threaded SIMD build by itself, and the badge says so.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

interface Candidate { name: BackendName; software: string | null; device: string | null; unavailable: string | null }

async function inspect(name: BackendName): Promise<Candidate> {
  if (name === 'webgpu') {
    const gpu = (globalThis.navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    if (!gpu) return { name, software: null, device: null, unavailable: 'navigator.gpu is missing (browser or flags without WebGPU)' };
    const adapter = await gpu.requestAdapter().catch(() => null) as null | { isFallbackAdapter?: boolean; info?: { vendor?: string; architecture?: string; description?: string } };
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

/** Runs every kernel a training step needs, forward and backward, on a tiny input. */
async function probe(): Promise<void> {
  const loss = tf.tidy(() => {
    const x = tf.ones([2, 8, 8, 3]) as tf.Tensor4D;
    const w = tf.variable(tf.fill([3, 3, 3, 4], 0.1) as tf.Tensor4D);
    const dw = tf.variable(tf.fill([3, 3, 4, 1], 0.1) as tf.Tensor4D);
    const g = tf.variable(tf.ones([4]));
    const { value, grads } = tf.variableGrads(() => {
      const h = tf.depthwiseConv2d(tf.relu(tf.conv2d(x, w as tf.Tensor4D, 2, 'same')), dw as tf.Tensor4D, 1, 'same');
      const { mean, variance } = tf.moments(h, [0, 1, 2]);
      // An undefined offset breaks tfjs's tape (it reads .id of the missing input).
      return tf.batchNorm4d(h, mean as tf.Tensor1D, variance as tf.Tensor1D, tf.zerosLike(g) as tf.Tensor1D, g as tf.Tensor1D, 1e-5).mean() as tf.Scalar;
    }, [w, dw, g]);
    const total = tf.addN([value, ...Object.values(grads).map((t) => t.sum())]);
    tf.dispose([w, dw, g]);
    return total;
  });
  const [v] = await loss.data();
  loss.dispose();
  if (!Number.isFinite(v)) throw new Error('probe produced a non-finite value');
}

async function activate(name: BackendName): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed`);
  await tf.ready();
  await probe();
}

/** Picks and activates a backend; `wanted` = the URL's backend key. Throws only when nothing runs. */
export async function selectBackend(wanted: Config['backend']): Promise<BackendInfo> {
  registerPortableConvGradients();
  const notes: string[] = [];
  const order: BackendName[] = wanted === 'auto' ? ['webgpu', 'webgl', 'wasm', 'cpu'] : [wanted, ...(['wasm', 'cpu'] as const).filter((b) => b !== wanted)];
  for (const name of order) {
    const c = await inspect(name);
    if (c.unavailable) { notes.push(`${name}: ${c.unavailable}`); continue; }
    if (wanted === 'auto' && c.software) { notes.push(`${name}: ${c.software}, slower than WASM`); continue; }
    try {
      await activate(name);
    } catch (e) {
      notes.push(`${name}: failed its kernel probe (${(e as Error).message})`);
      continue;
    }
    const why = name === wanted ? 'asked for in the URL' : wanted === 'auto' ? 'fastest available' : `${wanted} unavailable`;
    const isWasm = name === 'wasm';
    return {
      name,
      reason: [why, ...notes].join('; '),
      device: c.device,
      threads: isWasm && tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT') && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
      simd: isWasm && tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
    };
  }
  throw new Error(`no tfjs backend could run training: ${notes.join('; ')}`);
}
