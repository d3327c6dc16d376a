/** tfjs in Node: the WASM backend (10–30x faster than pure JS here), the CPU backend as fallback. */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { Config } from '../config/schema';
import { registerPortableConvGradients } from '../engine/gradients';

export interface BackendChoice { name: string; reason: string }

export async function selectNodeBackend(wanted: Config['backend']): Promise<BackendChoice> {
  registerPortableConvGradients();
  const order = wanted === 'cpu' ? ['cpu'] : ['wasm', 'cpu'];
  const note = wanted === 'webgpu' || wanted === 'webgl' ? `${wanted} does not exist in Node; ` : '';
  for (const name of order) {
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return { name, reason: `${note}${name === wanted ? 'asked for' : name === 'wasm' ? 'fastest backend in Node' : 'WASM failed to start'}` };
      }
    } catch { /* try the next one */ }
  }
  throw new Error('no tfjs backend could start (tried wasm, cpu)');
}
