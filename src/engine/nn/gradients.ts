/**
 * Convolution gradients that work on every tfjs backend.
 *
 * tfjs-backend-wasm 4.22 registers no `Conv2DBackpropFilter`,
 * `DepthwiseConv2dNativeBackpropInput` or `DepthwiseConv2dNativeBackpropFilter`.
 * Without the depthwise input gradient even BN-only training fails on WASM as
 * soon as a separable or MBConv op sits between a trained gamma and the loss.
 * We re-register the Conv2D and DepthwiseConv2dNative gradients so that each
 * input's gradient uses the backend's own kernel when it has one, and
 * otherwise a composition of kernels every backend has (pad, slice, reshape,
 * matMul, depthwise conv). Gradients stay lazy per input, so BN-only training
 * never computes a filter gradient.
 */
import * as tf from '@tensorflow/tfjs';

type Pad = 'same' | 'valid' | number;
interface ConvGeometry {
  k: number;
  kw: number;
  stride: number;
  padTop: number;
  padLeft: number;
  outH: number;
  outW: number;
  inH: number;
  inW: number;
}

function geometry(xShape: number[], filterShape: number[], strides: number | [number, number], pad: Pad, depthwise: boolean): ConvGeometry {
  const s = typeof strides === 'number' ? [strides, strides] : strides;
  if (s[0] !== s[1]) throw new Error('gradients: only square strides are supported');
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    s as [number, number],
    1,
    pad,
    undefined,
    depthwise,
  );
  return {
    k: info.filterHeight,
    kw: info.filterWidth,
    stride: s[0]!,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
    outH: info.outHeight,
    outW: info.outWidth,
    inH: info.inHeight,
    inW: info.inWidth,
  };
}

/**
 * Explicit padding that makes a stride-1 correlation of x [., H, W, .] with dy dilated by the stride
 * read every filter tap of the forward conv, and `extra` rows/columns of taps past the filter to slice
 * off when the forward conv never read x's last rows (negative padding is not expressible).
 */
function tapPadding(g: ConvGeometry): { pad: [[0, 0], [number, number], [number, number], [0, 0]]; extra: boolean } {
  const bottom = (g.outH - 1) * g.stride + g.k - g.inH - g.padTop;
  const right = (g.outW - 1) * g.stride + g.kw - g.inW - g.padLeft;
  return {
    pad: [
      [0, 0],
      [g.padTop, Math.max(bottom, 0)],
      [g.padLeft, Math.max(right, 0)],
      [0, 0],
    ],
    extra: bottom < 0 || right < 0,
  };
}

/**
 * dL/dfilter of a conv2d, [k, k, Cin, Cout], as one forward convolution:
 * dW[a,b,ci,co] = Σ_{n,i,j} xpad[n, i·s+a, j·s+b, ci] · dy[n,i,j,co], i.e. the
 * padded input with Cin as batch and N as channels, correlated with dy (N as
 * input channels) dilated by the stride. One XNNPACK conv instead of k² matMuls;
 * the padding is the conv's own (explicit), so x is copied once, by the transpose.
 */
export function conv2dFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: number[], strides: number | [number, number], pad: Pad): tf.Tensor4D {
  return tf.tidy(() => {
    const g = geometry(x.shape, filterShape, strides, pad, false);
    const { pad: p, extra } = tapPadding(g);
    const xt = tf.transpose(x, [3, 1, 2, 0]) as tf.Tensor4D; // [Cin, H, W, N]
    const dyt = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [outH, outW, N, Cout]
    let grad = tf.conv2d(xt, dyt, 1, p, 'NHWC', g.stride); // [Cin, k(+), k(+), Cout]
    if (extra) grad = grad.slice([0, 0, 0, 0], [-1, g.k, g.kw, -1]);
    return tf.transpose(grad, [1, 2, 0, 3]) as tf.Tensor4D;
  });
}

/**
 * dL/dfilter of a depthwise conv (channel multiplier 1), [k, k, C, 1], as one
 * depthwise convolution: with batch folded into channels (C·N of them), the
 * padded input correlated with dy dilated by the stride gives every tap of
 * every (channel, image) pair; summing over images gives the gradient.
 */
export function depthwiseFilterGrad(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: number[], strides: number | [number, number], pad: Pad): tf.Tensor4D {
  return tf.tidy(() => {
    if (filterShape[3] !== 1) throw new Error('gradients: depthwise channel multiplier must be 1');
    const g = geometry(x.shape, filterShape, strides, pad, true);
    const [n, h, w, c] = x.shape;
    const { pad: p, extra } = tapPadding(g);
    const xt = tf.transpose(x, [1, 2, 3, 0]).reshape([1, h, w, c * n]) as tf.Tensor4D;
    const dyt = tf.transpose(dy, [1, 2, 3, 0]).reshape([g.outH, g.outW, c * n, 1]) as tf.Tensor4D;
    let taps = tf.depthwiseConv2d(xt, dyt, 1, p, 'NHWC', g.stride); // [1, k(+), k(+), C·N]
    if (extra) taps = taps.slice([0, 0, 0, 0], [1, g.k, g.kw, -1]);
    return taps.reshape([g.k, g.kw, c, n]).sum(3).reshape(filterShape) as tf.Tensor4D;
  });
}

/**
 * The output gradient dy [N,outH,outW,C] spread back onto the input grid for a
 * stride-1 correlation with the flipped filter: zeros between rows and columns
 * (the stride), and the padding that gives the result the input's size. The
 * padding goes to the convolution as explicit padding (XNNPACK pads implicitly),
 * not through a pad kernel: one copy of dy fewer per conv in every backward pass.
 */
function spreadOutputGrad(dy: tf.Tensor4D, g: ConvGeometry): { d: tf.Tensor4D; pad: [[0, 0], [number, number], [number, number], [0, 0]] } {
  const [n, oh, ow, c] = dy.shape;
  const s = g.stride;
  // Interleaved with s-1 zeros after every row and column; the trailing zeros count against the bottom/right padding.
  const d =
    s === 1
      ? dy
      : (dy
          .reshape([n, oh, 1, ow, 1, c])
          .pad([
            [0, 0],
            [0, 0],
            [0, s - 1],
            [0, 0],
            [0, s - 1],
            [0, 0],
          ])
          .reshape([n, oh * s, ow * s, c]) as tf.Tensor4D);
  const top = g.k - 1 - g.padTop,
    left = g.kw - 1 - g.padLeft;
  const bottom = g.inH + g.k - 1 - top - d.shape[1];
  const right = g.inW + g.kw - 1 - left - d.shape[2];
  // Explicit padding cannot be negative: crop those sides first (top and left never are).
  const cropped =
    bottom < 0 || right < 0 ? (d.slice([0, 0, 0, 0], [n, d.shape[1] + Math.min(bottom, 0), d.shape[2] + Math.min(right, 0), c]) as tf.Tensor4D) : d;
  return {
    d: cropped,
    pad: [
      [0, 0],
      [top, Math.max(bottom, 0)],
      [left, Math.max(right, 0)],
      [0, 0],
    ],
  };
}

/** dL/dx of a depthwise conv, [N, H, W, C]: spread dy correlated with the flipped filter. */
export function depthwiseInputGrad(xShape: number[], dy: tf.Tensor4D, filter: tf.Tensor4D, strides: number | [number, number], pad: Pad): tf.Tensor4D {
  return tf.tidy(() => {
    const g = geometry(xShape, filter.shape, strides, pad, true);
    const { d, pad: p } = spreadOutputGrad(dy, g);
    return tf.depthwiseConv2d(d, tf.reverse(filter, [0, 1]), 1, p);
  });
}

/**
 * dL/dx of a conv2d, [N, H, W, Cin], as a forward conv: spread dy correlated
 * with the flipped filter whose in/out channels are swapped. On WASM this runs
 * through XNNPACK's forward conv, several times faster than its
 * Conv2DBackpropInput kernel.
 */
export function conv2dInputGrad(xShape: number[], dy: tf.Tensor4D, filter: tf.Tensor4D, strides: number | [number, number], pad: Pad): tf.Tensor4D {
  return tf.tidy(() => {
    const g = geometry(xShape, filter.shape, strides, pad, false);
    const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
    const { d, pad: p } = spreadOutputGrad(dy, g);
    return tf.conv2d(d, flipped, 1, p);
  });
}

/** Backends on which a gradient kernel exists but the composed version measured faster. */
const SLOWER_THAN_COMPOSED: Record<string, readonly string[]> = { wasm: ['Conv2DBackpropInput'] };

function useNative(kernel: string): boolean {
  const backend = tf.getBackend();
  return tf.getKernel(kernel, backend) !== undefined && !(SLOWER_THAN_COMPOSED[backend] ?? []).includes(kernel);
}

interface ConvAttrs {
  strides: number | [number, number];
  pad: Pad;
  dilations?: number | [number, number];
  dataFormat?: string;
}

function assertPlain(kind: string, attrs: ConvAttrs): void {
  const d = attrs.dilations ?? 1;
  if (!(d === 1 || (Array.isArray(d) && d[0] === 1 && d[1] === 1))) {
    throw new Error(`gradient of ${kind}: dilation > 1 is not differentiable in tfjs; build dilated ops with a zero-interleaved kernel`);
  }
  if (attrs.dataFormat && attrs.dataFormat !== 'NHWC') throw new Error(`gradient of ${kind}: only NHWC is supported`);
}

let registered = false;

/** Re-registers the Conv2D and DepthwiseConv2dNative gradients (idempotent). */
export function registerPortableConvGradients(): void {
  if (registered) return;
  registered = true;
  tf.registerGradient({
    kernelName: 'Conv2D',
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, rawAttrs) => {
      const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const attrs = rawAttrs as unknown as ConvAttrs;
      assertPlain('conv2d', attrs);
      const g = dy as tf.Tensor4D;
      return {
        x: () =>
          useNative('Conv2DBackpropInput')
            ? tf.conv2dTranspose(g, filter, x.shape, attrs.strides, attrs.pad as 'same' | 'valid' | number)
            : conv2dInputGrad(x.shape, g, filter, attrs.strides, attrs.pad),
        filter: () =>
          useNative('Conv2DBackpropFilter')
            ? (tf.engine().runKernel('Conv2DBackpropFilter', { x, dy: g }, {
                strides: attrs.strides,
                pad: attrs.pad,
                dataFormat: 'NHWC',
                filterShape: filter.shape,
              } as unknown as tf.NamedAttrMap) as tf.Tensor)
            : conv2dFilterGrad(x, g, filter.shape, attrs.strides, attrs.pad),
      };
    },
  });
  tf.registerGradient({
    kernelName: 'DepthwiseConv2dNative',
    inputsToSave: ['x', 'filter'],
    gradFunc: (dy, saved, rawAttrs) => {
      const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
      const attrs = rawAttrs as unknown as ConvAttrs;
      assertPlain('depthwiseConv2d', attrs);
      const g = dy as tf.Tensor4D;
      const kernelAttrs = { strides: attrs.strides, pad: attrs.pad, dilations: [1, 1] } as unknown as tf.NamedAttrMap;
      return {
        x: () =>
          useNative('DepthwiseConv2dNativeBackpropInput')
            ? (tf.engine().runKernel('DepthwiseConv2dNativeBackpropInput', { dy: g, filter }, { ...kernelAttrs, inputShape: x.shape }) as tf.Tensor)
            : depthwiseInputGrad(x.shape, g, filter, attrs.strides, attrs.pad),
        filter: () =>
          useNative('DepthwiseConv2dNativeBackpropFilter')
            ? (tf.engine().runKernel('DepthwiseConv2dNativeBackpropFilter', { x, dy: g }, { ...kernelAttrs, filterShape: filter.shape }) as tf.Tensor)
            : depthwiseFilterGrad(x, g, filter.shape, attrs.strides, attrs.pad),
      };
    },
  });
}
