import { describe, it, expect, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { conv2dFilterGrad, conv2dInputGrad, depthwiseFilterGrad, depthwiseInputGrad, registerPortableConvGradients } from './gradients';
import { createRng } from '../space/rng';

function randn(shape: number[], seed: number): tf.Tensor {
  const rng = createRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => rng.normal()),
    shape,
  );
}

function relErr(a: Float32Array | Int32Array | Uint8Array, b: Float32Array | Int32Array | Uint8Array): number {
  let num = 0,
    den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i]! - b[i]!) ** 2;
    den += b[i]! ** 2;
  }
  return Math.sqrt(num / Math.max(den, 1e-30));
}

// Every kernel size, stride and padding the search space uses, on even and odd sizes.
const cases: { k: number; stride: number; size: number }[] = [];
for (const k of [1, 3, 5]) for (const stride of [1, 2]) for (const size of [8, 7]) cases.push({ k, stride, size });

describe("portable conv gradients vs the CPU backend's own kernels", () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(cases)('conv2d filter and input grads k=$k stride=$stride size=$size', async ({ k, stride, size }) => {
    const x = randn([2, size, size, 3], 1) as tf.Tensor4D;
    const out = Math.ceil(size / stride);
    const dy = randn([2, out, out, 4], 2) as tf.Tensor4D;
    const ours = conv2dFilterGrad(x, dy, [k, k, 3, 4], stride, 'same');
    const ref = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
      strides: stride,
      pad: 'same',
      dataFormat: 'NHWC',
      filterShape: [k, k, 3, 4],
    } as unknown as tf.NamedAttrMap) as tf.Tensor;
    expect(relErr(await ours.data(), await ref.data())).toBeLessThan(1e-4);
    const w = randn([k, k, 3, 4], 6) as tf.Tensor4D;
    const refIn = tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, {
      strides: stride,
      pad: 'same',
      dataFormat: 'NHWC',
      inputShape: x.shape,
    } as unknown as tf.NamedAttrMap) as tf.Tensor;
    const ourIn = conv2dInputGrad(x.shape, dy, w, stride, 'same');
    expect(ourIn.shape).toEqual(x.shape);
    expect(relErr(await ourIn.data(), await refIn.data())).toBeLessThan(1e-4);
    tf.dispose([x, dy, ours, ref, w, refIn, ourIn]);
  });

  it.each(cases)('depthwise grads k=$k stride=$stride size=$size', async ({ k, stride, size }) => {
    const x = randn([2, size, size, 5], 3) as tf.Tensor4D;
    const w = randn([k, k, 5, 1], 4) as tf.Tensor4D;
    const out = Math.ceil(size / stride);
    const dy = randn([2, out, out, 5], 5) as tf.Tensor4D;
    const attrs = { strides: stride, pad: 'same', dilations: [1, 1] };
    const refIn = tf
      .engine()
      .runKernel('DepthwiseConv2dNativeBackpropInput', { dy, filter: w }, { ...attrs, inputShape: x.shape } as unknown as tf.NamedAttrMap) as tf.Tensor;
    const refW = tf
      .engine()
      .runKernel('DepthwiseConv2dNativeBackpropFilter', { x, dy }, { ...attrs, filterShape: w.shape } as unknown as tf.NamedAttrMap) as tf.Tensor;
    const ourIn = depthwiseInputGrad(x.shape, dy, w, stride, 'same');
    const ourW = depthwiseFilterGrad(x, dy, w.shape, stride, 'same');
    expect(ourIn.shape).toEqual(x.shape);
    expect(relErr(await ourIn.data(), await refIn.data())).toBeLessThan(1e-4);
    expect(relErr(await ourW.data(), await refW.data())).toBeLessThan(1e-4);
    tf.dispose([x, w, dy, refIn, refW, ourIn, ourW]);
  });
});

describe('full training gradients on WASM match the CPU backend', () => {
  it('sep-conv + conv chain: grads of every weight agree within 1e-4', async () => {
    registerPortableConvGradients();
    const grads = async (backend: string) => {
      await tf.setBackend(backend);
      const x = randn([2, 8, 8, 3], 7) as tf.Tensor4D;
      const w1 = randn([3, 3, 3, 6], 8) as tf.Tensor4D;
      const dw = randn([5, 5, 6, 1], 9) as tf.Tensor4D;
      const pw = randn([1, 1, 6, 4], 10) as tf.Tensor4D;
      const f = (a: tf.Tensor4D, b: tf.Tensor4D, c: tf.Tensor4D) => {
        const h = tf.relu(tf.conv2d(x, a, 2, 'same'));
        return tf
          .conv2d(tf.depthwiseConv2d(h, b, 2, 'same'), c, 1, 'same')
          .square()
          .mean();
      };
      const g = tf.grads(f as (...args: tf.Tensor[]) => tf.Tensor)([w1, dw, pw]);
      const out = await Promise.all(g.map((t) => t.data()));
      tf.dispose([x, w1, dw, pw, ...g]);
      return out;
    };
    const cpu = await grads('cpu');
    const wasm = await grads('wasm');
    for (let i = 0; i < cpu.length; i++) expect(relErr(wasm[i]!, cpu[i]!)).toBeLessThan(1e-4);
  });

  it('strided 1x1 conv and depthwise, which never read the last row and column: grads agree within 1e-4', async () => {
    registerPortableConvGradients();
    const grads = async (backend: string) => {
      await tf.setBackend(backend);
      const x = randn([2, 8, 8, 3], 11) as tf.Tensor4D;
      const w = randn([1, 1, 3, 5], 12) as tf.Tensor4D;
      const dw = randn([1, 1, 5, 1], 13) as tf.Tensor4D;
      const f = (a: tf.Tensor4D, b: tf.Tensor4D) =>
        tf
          .depthwiseConv2d(tf.relu(tf.conv2d(x, a, 2, 'same')), b, 2, 'same')
          .square()
          .mean();
      const g = tf.grads(f as (...args: tf.Tensor[]) => tf.Tensor)([w, dw]);
      const out = await Promise.all(g.map((t) => t.data()));
      tf.dispose([x, w, dw, ...g]);
      return out;
    };
    const cpu = await grads('cpu');
    const wasm = await grads('wasm');
    for (let i = 0; i < cpu.length; i++) expect(relErr(wasm[i]!, cpu[i]!)).toBeLessThan(1e-4);
  });
});
