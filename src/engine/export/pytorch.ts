/**
 * A subnet as a self-contained PyTorch file: the nn.Module (same ops, same
 * residual rule, same parameter count as the engine) and a CIFAR-10 training
 * script (single GPU, or several with torchrun), for users who outgrow the browser.
 */
import type { OpId } from '../../config/ops';
import { INVERTED_RESIDUAL, MB_EXPANSION, type Path, type SearchSpace } from '../space';

export interface PyTorchExportInfo { path: string; score?: number; accuracy?: number; flops: number; params: number }

/** Python source of the subnet `path` of `space`. */
export function pytorchSource(space: SearchSpace, path: Path, info: PyTorchExportInfo): string {
  const ops = path.map((k) => space.ops[k]!) as OpId[];
  const layers = space.layers.map((layer, l) => `    (${JSON.stringify(ops[l])}, ${layer.cin}, ${layer.cout}, ${layer.stride}),`).join('\n');
  return `"""BN-NAS Playground subnet ${info.path}: ${ops.join(' ')}

Exported from the BN-NAS Playground. ${(info.flops / 1e6).toFixed(2)} MFLOPs (multiply-adds), ${info.params.toLocaleString('en')} parameters
${info.score !== undefined ? `BN score ${info.score.toFixed(5)}` : ''}${info.accuracy !== undefined ? `, retrained accuracy in the browser ${(info.accuracy * 100).toFixed(1)}%` : ''}

Train on CIFAR-10:
    python subnet.py --data ./data --epochs 100            # one GPU (or CPU)
    torchrun --nproc_per_node=4 subnet.py --data ./data    # several GPUs (DistributedDataParallel)
"""
import argparse
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

# (op, in channels, out channels, stride) for every choice layer
LAYERS = [
${layers}
]
STEM_CHANNELS = ${space.stemChannels}
STEM_RELU = ${space.stemRelu ? 'True' : 'False'}
# channels of the head's 1x1 conv -> BN before the ReLU and the pooling; None: no head conv
HEAD_CONV = ${space.headConv ?? 'None'}
NUM_CLASSES = ${space.numClasses}
MB_EXPANSION = ${MB_EXPANSION}
# NAS-Bench-Macro's inverted residuals: op -> (expansion, depthwise kernel)
INVERTED_RESIDUAL = {${Object.entries(INVERTED_RESIDUAL).map(([op, r]) => `'${op}': (${r.expansion}, ${r.kernel})`).join(', ')}}


def conv_bn(cin, cout, k, stride=1, groups=1, dilation=1):
    pad = dilation * (k - 1) // 2
    return [nn.Conv2d(cin, cout, k, stride, pad, dilation=dilation, groups=groups, bias=False), nn.BatchNorm2d(cout)]


class Op(nn.Module):
    """A candidate op (ReLU -> conv -> BN, or a NAS-Bench-Macro block); layers that keep their shape add their input (residual)."""

    def __init__(self, op, cin, cout, stride):
        super().__init__()
        self.residual = stride == 1 and cin == cout
        if op in ('skip', 'id') and self.residual:
            self.body = None  # identity: no parameters, no BN
            return
        if op in ('conv3', 'conv5'):
            layers = [nn.ReLU(), *conv_bn(cin, cout, 3 if op == 'conv3' else 5, stride)]
        elif op == 'dil3':
            layers = [nn.ReLU(), *conv_bn(cin, cout, 3, stride, dilation=2)]
        elif op in ('sep3', 'sep5'):
            k = 3 if op == 'sep3' else 5
            layers = [nn.ReLU(), nn.Conv2d(cin, cin, k, stride, k // 2, groups=cin, bias=False), *conv_bn(cin, cout, 1)]
        elif op == 'mb3':
            mid = cin * MB_EXPANSION
            layers = [nn.ReLU(), *conv_bn(cin, mid, 1), nn.ReLU(), *conv_bn(mid, mid, 3, stride, groups=mid), nn.ReLU(), *conv_bn(mid, cout, 1)]
        elif op == 'skip':
            layers = [nn.ReLU(), *conv_bn(cin, cout, 1, stride)]
        elif op == 'id':
            layers = conv_bn(cin, cout, 1, stride)
        elif op in INVERTED_RESIDUAL:
            t, k = INVERTED_RESIDUAL[op]
            mid = cin * t
            # linear bottleneck: no ReLU before the expand, none after the last BN
            layers = [*conv_bn(cin, mid, 1), nn.ReLU(), *conv_bn(mid, mid, k, stride, groups=mid), nn.ReLU(), *conv_bn(mid, cout, 1)]
        else:
            raise ValueError(op)
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        if self.body is None:
            return x
        return x + self.body(x) if self.residual else self.body(x)


class Subnet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(*conv_bn(3, STEM_CHANNELS, 3), *([nn.ReLU()] if STEM_RELU else []))
        self.layers = nn.Sequential(*[Op(*spec) for spec in LAYERS])
        self.head_conv = nn.Sequential(*conv_bn(LAYERS[-1][2], HEAD_CONV, 1)) if HEAD_CONV else nn.Identity()
        self.head = nn.Linear(HEAD_CONV or LAYERS[-1][2], NUM_CLASSES)

    def forward(self, x):
        return self.head(F.relu(self.head_conv(self.layers(self.stem(x)))).mean((2, 3)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--data', default='./data')
    parser.add_argument('--epochs', type=int, default=100)
    parser.add_argument('--batch-size', type=int, default=128)
    parser.add_argument('--lr', type=float, default=0.1)
    parser.add_argument('--weight-decay', type=float, default=5e-4)
    parser.add_argument('--count-params', action='store_true', help='print the parameter count and exit')
    args = parser.parse_args()
    model = Subnet()
    if args.count_params:
        print(sum(p.numel() for p in model.parameters()))
        return
    import torchvision
    import torchvision.transforms as T
    distributed = int(os.environ.get('WORLD_SIZE', '1')) > 1
    if distributed:
        torch.distributed.init_process_group('nccl' if torch.cuda.is_available() else 'gloo')
        rank = torch.distributed.get_rank()
        device = torch.device('cuda', int(os.environ['LOCAL_RANK'])) if torch.cuda.is_available() else torch.device('cpu')
    else:
        rank = 0
        device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
    if device.type == 'cuda':
        torch.cuda.set_device(device)
    mean, std = (0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)
    train_tf = T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(), T.ToTensor(), T.Normalize(mean, std)])
    test_tf = T.Compose([T.ToTensor(), T.Normalize(mean, std)])
    train_set = torchvision.datasets.CIFAR10(args.data, train=True, download=rank == 0, transform=train_tf)
    test_set = torchvision.datasets.CIFAR10(args.data, train=False, download=rank == 0, transform=test_tf)
    sampler = torch.utils.data.distributed.DistributedSampler(train_set) if distributed else None
    train_loader = torch.utils.data.DataLoader(train_set, args.batch_size, shuffle=sampler is None, sampler=sampler, num_workers=4, pin_memory=True, drop_last=True)
    test_loader = torch.utils.data.DataLoader(test_set, 256, num_workers=4)
    model = model.to(device)
    if distributed:
        model = nn.parallel.DistributedDataParallel(model, device_ids=[device.index] if device.type == 'cuda' else None)
    opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.weight_decay, nesterov=True)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, args.epochs * len(train_loader))
    for epoch in range(args.epochs):
        if sampler is not None:
            sampler.set_epoch(epoch)
        model.train()
        for x, y in train_loader:
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            loss = F.cross_entropy(model(x), y, label_smoothing=0.1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
        if rank == 0:
            model.eval()
            correct = total = 0
            with torch.no_grad():
                for x, y in test_loader:
                    correct += (model(x.to(device)).argmax(1).cpu() == y).sum().item()
                    total += len(y)
            print(f'epoch {epoch + 1}/{args.epochs}  loss {loss.item():.3f}  test accuracy {100 * correct / total:.2f}%', flush=True)
    if distributed:
        torch.distributed.destroy_process_group()


if __name__ == '__main__':
    main()
`;
}
