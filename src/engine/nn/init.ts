/** Seeded weight initialisation, drawn in JS so every backend starts from bit-identical weights. */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../space';

/** He-normal: N(0, 2 / fanIn), the init BN-NAS freezes its convolutions at. */
export function heNormal(shape: number[], fanIn: number, rng: Rng): tf.Variable {
  const size = shape.reduce((a, b) => a * b, 1);
  const std = Math.sqrt(2 / fanIn);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = rng.normal() * std;
  return ownedVariable(tf.tensor(values, shape), true);
}

/** A variable made from `initial`, which is disposed: tf.variable shares its data and would otherwise keep a second live tensor. */
export function ownedVariable(initial: tf.Tensor, trainable: boolean): tf.Variable {
  const v = tf.variable(initial, trainable);
  initial.dispose();
  return v;
}
