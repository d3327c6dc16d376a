/**
 * Backend selection, one owner for the worker, the CLI and the tests: try the
 * candidates in order, and count a backend only after a probe runs the kernels
 * training needs (conv, depthwise conv, their gradients, BN). Where a backend
 * is unavailable or slower than WASM, an `inspect` function (the worker's:
 * navigator.gpu, OffscreenCanvas) says so before anything is activated.
 */
import * as tf from '@tensorflow/tfjs';
import { registerPortableConvGradients } from './gradients';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendWish = 'auto' | BackendName;

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

/** What an environment knows about a candidate before activating it. */
export interface Candidate {
  name: BackendName;
  software: string | null;
  device: string | null;
  unavailable: string | null;
}

const plain = async (name: BackendName): Promise<Candidate> => ({ name, software: null, device: null, unavailable: null });

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

/** Activates `name` (with the portable conv gradients) and probes its training kernels; throws when it cannot train. */
export async function activateBackend(name: BackendName): Promise<void> {
  registerPortableConvGradients();
  if (!(await tf.setBackend(name))) throw new Error(`tf.setBackend('${name}') failed`);
  await tf.ready();
  await probe();
}

/**
 * Picks and activates a backend. `wanted` = the config's backend key; `auto`
 * tries `autoOrder`, a named one is tried first and then WASM and CPU.
 * Throws only when nothing runs.
 */
export async function selectBackend(
  wanted: BackendWish,
  autoOrder: readonly BackendName[],
  inspect: (name: BackendName) => Promise<Candidate> = plain,
  whereAsked = 'asked for',
): Promise<BackendInfo> {
  const notes: string[] = [];
  const order: BackendName[] = wanted === 'auto' ? [...autoOrder] : [wanted, ...(['wasm', 'cpu'] as const).filter((b) => b !== wanted)];
  for (const name of order) {
    const c = await inspect(name);
    if (c.unavailable) {
      notes.push(`${name}: ${c.unavailable}`);
      continue;
    }
    if (wanted === 'auto' && c.software) {
      notes.push(`${name}: ${c.software}, slower than WASM`);
      continue;
    }
    try {
      await activateBackend(name);
    } catch (e) {
      notes.push(`${name}: failed its kernel probe (${(e as Error).message})`);
      continue;
    }
    const why = name === wanted ? whereAsked : wanted === 'auto' ? 'fastest available' : `${wanted} unavailable`;
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
