/** tfjs in Node: the WASM backend (10–30x faster than pure JS here), the CPU backend as fallback. */
import '@tensorflow/tfjs-backend-wasm';
import type { Config } from '../config/schema';
import { selectBackend, type BackendInfo } from '../engine/nn';

export async function selectNodeBackend(wanted: Config['backend']): Promise<BackendInfo> {
  // WebGPU and WebGL do not exist in Node: a link that asks for one runs on WASM, and says so.
  const inspect = async (name: BackendInfo['name']) => ({
    name,
    software: null,
    device: null,
    unavailable: name === 'webgpu' || name === 'webgl' ? 'does not exist in Node' : null,
  });
  return selectBackend(wanted, ['wasm', 'cpu'], inspect);
}
