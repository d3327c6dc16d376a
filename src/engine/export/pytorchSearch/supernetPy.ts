/**
 * supernet.py of the exported search project: the engine's supernet (src/engine/nn/supernet.ts,
 * ops.ts, batchnorm.ts) in PyTorch — the same ops, residual rule, TF-style 'same' padding, BN
 * (eps 1e-5, momentum 0.1, unbiased running variance), init draw order and training scope.
 */
export const SUPERNET_PY = String.raw`"""The BN-NAS supernet of the BN-NAS Playground (src/engine/nn/), in PyTorch.

Every candidate op of every choice layer, a stem, a head (1x1 conv + BN where the space has one)
and a classifier; a forward pass runs one path. Convolutions pad as TensorFlow's 'same' does (a
stride-2 conv pads more at the bottom and right), so this network computes the page's function.
Kernels are He-normal, drawn from the engine's seeded generator in the engine's order.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

BN_EPS = 1e-5
BN_MOMENTUM = 0.1  # weight of the new batch in the running statistics
MB_EXPANSION = 3
# NAS-Bench-Macro's inverted residuals: op -> (expansion, depthwise kernel)
INVERTED_RESIDUAL = {'mb3k3': (3, 3), 'mb6k5': (6, 5)}


class Conv(nn.Module):
    """A bias-free conv with TensorFlow 'same' padding. The weight is PyTorch's [out, in/groups, k, k]."""

    def __init__(self, cin, cout, k, stride=1, groups=1, dilation=1):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(cout, cin // groups, k, k))
        self.k, self.stride, self.groups, self.dilation = k, stride, groups, dilation
        self.depthwise = groups > 1
        self.fan_in = k * k if self.depthwise else k * k * cin

    def forward(self, x):
        size = x.shape[-1]
        span = (self.k - 1) * self.dilation + 1
        total = max((math.ceil(size / self.stride) - 1) * self.stride + span - size, 0)
        before, after = total // 2, total - total // 2
        if before == after:
            return F.conv2d(x, self.weight, None, self.stride, before, self.dilation, self.groups)
        return F.conv2d(F.pad(x, (before, after, before, after)), self.weight, None, self.stride, 0, self.dilation, self.groups)

    def tf_shape(self):
        """The engine's layout of this kernel: [k, k, in, out], depthwise [k, k, channels, 1]."""
        out, inner = self.weight.shape[0], self.weight.shape[1]
        return [self.k, self.k, out, 1] if self.depthwise else [self.k, self.k, inner, out]

    def set_from_tf(self, values):
        """Sets the weight from values in the engine's layout (flat, row-major)."""
        t = torch.tensor(values, dtype=torch.float32).view(*self.tf_shape())
        with torch.no_grad():
            self.weight.copy_(t.permute(2, 3, 0, 1) if self.depthwise else t.permute(3, 2, 0, 1))


class _DistributedBatchNorm(torch.autograd.Function):
    """Train-mode BN over the batch of every process together (mean and variance all-reduced),
    with the closed-form gradient; works on CPU (gloo) and CUDA alike, unlike nn.SyncBatchNorm on torch 1.13."""

    @staticmethod
    def forward(ctx, x, weight, bias):
        import torch.distributed as dist
        c = x.shape[1]
        sums = torch.cat([x.sum((0, 2, 3)), x.new_tensor([x.numel() / c])])
        dist.all_reduce(sums)
        n = sums[-1].item()
        mean = sums[:-1] / n
        centered = x - mean.view(1, -1, 1, 1)
        var = centered.square().sum((0, 2, 3))
        dist.all_reduce(var)
        var /= n
        rstd = (var + BN_EPS).rsqrt()
        xhat = centered * rstd.view(1, -1, 1, 1)
        ctx.save_for_backward(xhat, rstd, weight)
        ctx.n = n
        return xhat * weight.view(1, -1, 1, 1) + bias.view(1, -1, 1, 1), mean, var

    @staticmethod
    def backward(ctx, dy, _mean, _var):
        import torch.distributed as dist
        xhat, rstd, weight = ctx.saved_tensors
        n = ctx.n
        sum_dy, sum_dy_xhat = dy.sum((0, 2, 3)), (dy * xhat).sum((0, 2, 3))
        both = torch.cat([sum_dy, sum_dy_xhat])
        dist.all_reduce(both)
        g_sum_dy, g_sum_dy_xhat = both[:len(sum_dy)], both[len(sum_dy):]
        scale = (weight * rstd / n).view(1, -1, 1, 1)
        dx = scale * (n * dy - g_sum_dy.view(1, -1, 1, 1) - xhat * g_sum_dy_xhat.view(1, -1, 1, 1))
        # Each process's own share: DistributedDataParallel averages the parameters' gradients.
        return dx, sum_dy_xhat, sum_dy


class BatchNorm(nn.Module):
    """gamma (weight) = 1, beta (bias) = 0; running mean 0, variance 1."""

    distributed = False  # set by train_supernet.py under torchrun: statistics over every process's batch

    def __init__(self, channels):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(channels))
        self.bias = nn.Parameter(torch.zeros(channels))
        self.register_buffer('running_mean', torch.zeros(channels))
        self.register_buffer('running_var', torch.ones(channels))
        self.calibration = None  # a list: train-mode forwards append (batch mean, unbiased variance), this process's batch only

    def forward(self, x):
        if not self.training:
            return F.batch_norm(x, self.running_mean, self.running_var, self.weight, self.bias, False, 0.0, BN_EPS)
        x32 = x.float()  # under --amp too: batch statistics in float32
        if self.calibration is not None:
            var, mean = torch.var_mean(x32.detach(), (0, 2, 3), unbiased=True)
            self.calibration.append((mean, var))
            y = F.batch_norm(x32, None, None, self.weight, self.bias, True, 0.0, BN_EPS)
        elif BatchNorm.distributed:
            y, mean, var = _DistributedBatchNorm.apply(x32, self.weight, self.bias)
            count = x.numel() / x.shape[1] * torch.distributed.get_world_size()
            with torch.no_grad():
                self.running_mean.mul_(1 - BN_MOMENTUM).add_(mean * BN_MOMENTUM)
                self.running_var.mul_(1 - BN_MOMENTUM).add_(var * (count / max(count - 1, 1)) * BN_MOMENTUM)
        else:
            y = F.batch_norm(x32, self.running_mean, self.running_var, self.weight, self.bias, True, BN_MOMENTUM, BN_EPS)
        return y.to(x.dtype)


class Stage(nn.Module):
    """ReLU (or not) -> convs -> BN."""

    def __init__(self, relu, convs, bn_channels):
        super().__init__()
        self.relu = relu
        self.convs = nn.ModuleList(convs)
        self.bn = BatchNorm(bn_channels)

    def forward(self, x):
        if self.relu:
            x = F.relu(x)
        for conv in self.convs:
            x = conv(x)
        return self.bn(x)


def identity_skip(layer):
    """Where 'skip' / 'id' is a plain identity: stride 1, same width (the residual layers)."""
    return layer['stride'] == 1 and layer['cin'] == layer['cout']


class Op(nn.Module):
    """A candidate op as the engine builds it (src/engine/nn/ops.ts); no stages = the identity."""

    def __init__(self, op, layer):
        super().__init__()
        cin, cout, s = layer['cin'], layer['cout'], layer['stride']
        self.op = op
        if op in ('conv3', 'conv5'):
            k = 3 if op == 'conv3' else 5
            stages = [Stage(True, [Conv(cin, cout, k, s)], cout)]
        elif op == 'dil3':
            stages = [Stage(True, [Conv(cin, cout, 3, s, dilation=2)], cout)]
        elif op in ('sep3', 'sep5'):
            k = 3 if op == 'sep3' else 5
            stages = [Stage(True, [Conv(cin, cin, k, s, groups=cin), Conv(cin, cout, 1)], cout)]
        elif op == 'mb3':
            mid = cin * MB_EXPANSION
            stages = [Stage(True, [Conv(cin, mid, 1)], mid), Stage(True, [Conv(mid, mid, 3, s, groups=mid)], mid), Stage(True, [Conv(mid, cout, 1)], cout)]
        elif op in ('skip', 'id'):
            stages = [] if identity_skip(layer) else [Stage(op == 'skip', [Conv(cin, cout, 1, s)], cout)]
        elif op in INVERTED_RESIDUAL:
            t, k = INVERTED_RESIDUAL[op]
            mid = cin * t
            # linear bottleneck: ReLUs after the expand and depthwise BNs only
            stages = [Stage(False, [Conv(cin, mid, 1)], mid), Stage(True, [Conv(mid, mid, k, s, groups=mid)], mid), Stage(True, [Conv(mid, cout, 1)], cout)]
        else:
            raise ValueError(f'unknown op {op}')
        self.stages = nn.ModuleList(stages)

    @property
    def scored(self):
        """The BN whose mean |gamma| is this op's score; None for the identity."""
        return self.stages[-1].bn if len(self.stages) else None

    def forward(self, x):
        for stage in self.stages:
            x = stage(x)
        return x


class Supernet(nn.Module):
    def __init__(self, space):
        super().__init__()
        self.space = space
        layers = space['layers']
        self.stem = Conv(space['inputChannels'], space['stemChannels'], 3)
        self.stem_bn = BatchNorm(space['stemChannels'])
        self.choices = nn.ModuleList(nn.ModuleList(Op(op, layer) for op in space['ops']) for layer in layers)
        features = layers[-1]['cout']
        head_conv = space['headConv']
        self.head_conv = Conv(features, head_conv, 1) if head_conv else None
        self.head_bn = BatchNorm(head_conv) if head_conv else None
        self.head = nn.Linear(head_conv or features, space['numClasses'])

    def forward(self, x, path):
        h = self.stem_bn(self.stem(x))
        if self.space['stemRelu']:
            h = F.relu(h)
        for l, k in enumerate(path):
            op = self.choices[l][k]
            if not identity_skip(self.space['layers'][l]):
                h = op(h)
            elif op.scored is not None:
                # Residual: the last BN's gamma scales the op against the identity.
                h = h + op(h)
        if self.head_conv is not None:
            h = self.head_bn(self.head_conv(h))
        return self.head(F.relu(h).mean((2, 3)))

    def kernels(self):
        """Every He-normal tensor in the engine's draw order: stem, each layer's ops' convs, head conv, classifier."""
        convs = [self.stem] + [c for ops in self.choices for op in ops for st in op.stages for c in st.convs]
        return convs + ([self.head_conv] if self.head_conv is not None else [])

    def init_weights(self, values=None, rng=None):
        """He-normal kernels (N(0, 2 / fan in)) drawn from rng as the engine draws them, or taken in that
        order from values (flat floats, the engine's layout); every bias 0. Returns the values used."""
        used, at = [], 0
        targets = [(c.tf_shape(), c.fan_in, c.set_from_tf) for c in self.kernels()]
        c, classes = self.head.in_features, self.head.out_features

        def set_head(v):
            with torch.no_grad():
                self.head.weight.copy_(torch.tensor(v, dtype=torch.float32).view(c, classes).t())
        targets.append(([c, classes], c, set_head))
        for shape, fan_in, setter in targets:
            size = math.prod(shape)
            if values is not None:
                chunk = values[at:at + size]
                if len(chunk) != size:
                    raise ValueError(f'initial weights: {len(values)} values, the supernet needs more')
                at += size
            else:
                std = math.sqrt(2 / fan_in)
                # float32 of the double, as Float32Array stores it
                chunk = torch.tensor([z * std for z in rng.normals(size)], dtype=torch.float64).float().tolist()
            setter(chunk)
            used.extend(chunk)
        if values is not None and at != len(values):
            raise ValueError(f'initial weights: {len(values)} values, the supernet has {at}')
        with torch.no_grad():
            self.head.bias.zero_()
        return used

    def batch_norms(self, path):
        """BNs a forward pass of path goes through: stem, every op's, the head conv's."""
        bns = [self.stem_bn] + [st.bn for l, k in enumerate(path) for st in self.choices[l][k].stages]
        return bns + ([self.head_bn] if self.head_bn is not None else [])

    def set_scope(self, mode, bnscope, head):
        """requires_grad on what trains (src/engine/nn/supernet.ts trainableVariables): full = every weight;
        bn = each op's last BN (or every BN with bnscope 'all'), plus the classifier with head 'train'.
        Off-path parameters get no gradient in a step, so the optimizer leaves them (and their momentum) alone."""
        for p in self.parameters():
            p.requires_grad_(mode == 'full')
        if mode == 'full':
            return
        bns = [self.stem_bn, self.head_bn] if bnscope == 'all' else []
        for ops in self.choices:
            for op in ops:
                bns += [st.bn for st in op.stages] if bnscope == 'all' else ([op.scored] if op.scored is not None else [])
        for bn in bns:
            if bn is not None:
                bn.weight.requires_grad_(True)
                bn.bias.requires_grad_(True)
        self.head.weight.requires_grad_(head == 'train')
        self.head.bias.requires_grad_(head == 'train')

    def gammas(self):
        """Layers x ops: mean |gamma| of each op's last BN, 0 for the identity (the engine's scoreMatrix)."""
        return [[op.scored.weight.detach().abs().mean().item() if op.scored is not None else 0.0 for op in ops] for ops in self.choices]
`;
