/** The WASM backend with the portable conv gradients: what Node tests of the engine train on. */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerPortableConvGradients } from './gradients';

export async function useWasmBackend(): Promise<void> {
  registerPortableConvGradients();
  await tf.setBackend('wasm');
  await tf.ready();
}
