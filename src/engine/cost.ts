/**
 * Exact FLOPs and parameter counts.
 * FLOPs = multiply-accumulates of every convolution and of the classifier
 * (BN, ReLU, pooling and additions are not counted). Params = conv weights
 * (no biases) + 2 per BN channel (gamma, beta) + classifier weights and bias;
 * BN running statistics are buffers, not parameters.
 */
import type { OpId } from '../config/ops';
import { headChannels, isIdentitySkip, type ChoiceLayer, type SearchSpace } from './space';
import type { Path } from './path';
import type { LayerCosts } from './budget';

export interface Cost { flops: number; params: number }

/** MBConv expansion ratio of `mb3`. */
export const MB_EXPANSION = 3;

const conv = (outSize: number, k: number, cin: number, cout: number): Cost =>
  ({ flops: outSize * outSize * k * k * cin * cout, params: k * k * cin * cout });
const depthwise = (outSize: number, k: number, c: number): Cost =>
  ({ flops: outSize * outSize * k * k * c, params: k * k * c });
const bn = (c: number): Cost => ({ flops: 0, params: 2 * c });
const sum = (...parts: Cost[]): Cost =>
  parts.reduce((a, b) => ({ flops: a.flops + b.flops, params: a.params + b.params }), { flops: 0, params: 0 });

/** Cost of one candidate op in one layer. */
export function opCost(op: OpId, layer: ChoiceLayer): Cost {
  const { cin, cout, inSize, outSize } = layer;
  switch (op) {
    case 'conv3': return sum(conv(outSize, 3, cin, cout), bn(cout));
    case 'conv5': return sum(conv(outSize, 5, cin, cout), bn(cout));
    // A dilated 3x3 conv has 9 taps spread over a 5x5 window: 9 MACs per output, not 25.
    case 'dil3': return sum(conv(outSize, 3, cin, cout), bn(cout));
    case 'sep3': return sum(depthwise(outSize, 3, cin), conv(outSize, 1, cin, cout), bn(cout));
    case 'sep5': return sum(depthwise(outSize, 5, cin), conv(outSize, 1, cin, cout), bn(cout));
    case 'mb3': {
      const mid = cin * MB_EXPANSION;
      return sum(conv(inSize, 1, cin, mid), bn(mid), depthwise(outSize, 3, mid), bn(mid), conv(outSize, 1, mid, cout), bn(cout));
    }
    case 'skip': return isIdentitySkip(layer) ? { flops: 0, params: 0 } : sum(conv(outSize, 1, cin, cout), bn(cout));
  }
}

/** Cost shared by every path: the stem (3x3 conv + BN) and the classifier. */
export function fixedCost(space: SearchSpace): Cost {
  const c = headChannels(space);
  return sum(
    conv(space.inputSize, 3, space.inputChannels, space.stemChannels), bn(space.stemChannels),
    { flops: c * space.numClasses, params: c * space.numClasses + space.numClasses },
  );
}

/** Exact cost of a whole subnet. */
export function pathCost(space: SearchSpace, path: Path): Cost {
  return sum(fixedCost(space), ...space.layers.map((layer, l) => opCost(space.ops[path[l]!]!, layer)));
}

/** Per-layer cost tables in the additive form the budget search takes. */
export function layerCosts(space: SearchSpace, metric: keyof Cost): LayerCosts {
  return {
    base: fixedCost(space)[metric],
    perOp: space.layers.map((layer) => space.ops.map((op) => opCost(op, layer)[metric])),
  };
}

/** Parameters of the whole supernet (every candidate op once). */
export function supernetParams(space: SearchSpace): number {
  return fixedCost(space).params + space.layers.reduce((acc, layer) => acc + space.ops.reduce((a, op) => a + opCost(op, layer).params, 0), 0);
}
