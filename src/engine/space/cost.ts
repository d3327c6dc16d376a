/**
 * Exact FLOPs and parameter counts.
 * FLOPs = multiply-accumulates of every convolution and of the classifier
 * (BN, ReLU, pooling, additions and the classifier bias are not counted), each
 * conv at its own output size: a strided MBConv's 1x1 expand at the input size,
 * its depthwise and projection at the output size. Params = conv weights
 * (no biases) + 2 per BN channel (gamma, beta) + classifier weights and bias;
 * BN running statistics are buffers, not parameters.
 * This is exactly how NAS-Bench-Macro counts (its train/utils.py count_FLOPs:
 * in·out·h·w/groups·k·k per conv at its output h×w, in·out per linear layer;
 * params = sum of named_parameters): at width 1 every one of its 6,561
 * paths' `flops` and `params` match the table (cost.nbmacro.test.ts).
 */
import type { OpId } from '../../config/ops';
import { featureShape, headChannels, isIdentitySkip, type ChoiceLayer, type SearchSpace } from './space';
import type { Path } from './path';
import { INVERTED_RESIDUAL, MB_EXPANSION } from './opSpec';

export interface Cost {
  flops: number;
  params: number;
}

/** A path's cost as base + sum over layers of perOp[layer][op] (FLOPs and params are additive). */
export interface LayerCosts {
  base: number;
  perOp: number[][];
}

const conv = (outSize: number, k: number, cin: number, cout: number): Cost => ({ flops: outSize * outSize * k * k * cin * cout, params: k * k * cin * cout });
const depthwise = (outSize: number, k: number, c: number): Cost => ({ flops: outSize * outSize * k * k * c, params: k * k * c });
const bn = (c: number): Cost => ({ flops: 0, params: 2 * c });
const sum = (...parts: Cost[]): Cost => parts.reduce((a, b) => ({ flops: a.flops + b.flops, params: a.params + b.params }), { flops: 0, params: 0 });

/** Cost of one candidate op in one layer. */
export function opCost(op: OpId, layer: ChoiceLayer): Cost {
  const { cin, cout, inSize, outSize } = layer;
  switch (op) {
    case 'conv3':
      return sum(conv(outSize, 3, cin, cout), bn(cout));
    case 'conv5':
      return sum(conv(outSize, 5, cin, cout), bn(cout));
    // A dilated 3x3 conv has 9 taps spread over a 5x5 window: 9 MACs per output, not 25.
    case 'dil3':
      return sum(conv(outSize, 3, cin, cout), bn(cout));
    case 'sep3':
      return sum(depthwise(outSize, 3, cin), conv(outSize, 1, cin, cout), bn(cout));
    case 'sep5':
      return sum(depthwise(outSize, 5, cin), conv(outSize, 1, cin, cout), bn(cout));
    case 'mb3': {
      const mid = cin * MB_EXPANSION;
      return sum(conv(inSize, 1, cin, mid), bn(mid), depthwise(outSize, 3, mid), bn(mid), conv(outSize, 1, mid, cout), bn(cout));
    }
    // skip and id differ only in the ReLU before skip's strided conv, which costs nothing.
    case 'skip':
    case 'id':
      return isIdentitySkip(layer) ? { flops: 0, params: 0 } : sum(conv(outSize, 1, cin, cout), bn(cout));
    case 'mb3k3':
    case 'mb6k5': {
      const { expansion, kernel } = INVERTED_RESIDUAL[op];
      const mid = cin * expansion;
      return sum(conv(inSize, 1, cin, mid), bn(mid), depthwise(outSize, kernel, mid), bn(mid), conv(outSize, 1, mid, cout), bn(cout));
    }
  }
}

/** Cost shared by every path: the stem (3x3 conv + BN), the head conv + BN where the space has one, and the classifier. */
export function fixedCost(space: SearchSpace): Cost {
  const c = headChannels(space);
  const features = featureShape(space);
  return sum(
    conv(space.inputSize, 3, space.inputChannels, space.stemChannels),
    bn(space.stemChannels),
    space.headConv === null ? { flops: 0, params: 0 } : sum(conv(features.size, 1, features.channels, space.headConv), bn(space.headConv)),
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
