/** The WASM backend with the portable conv gradients: what Node tests of the engine train on. */
import '@tensorflow/tfjs-backend-wasm';
import { activateBackend } from './backend';

export async function useWasmBackend(): Promise<void> {
  await activateBackend('wasm');
}
