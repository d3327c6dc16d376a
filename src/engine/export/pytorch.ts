/**
 * A subnet as a self-contained PyTorch file: the nn.Module (same ops, same
 * residual rule, same parameter count as the engine) and a CIFAR-10 training
 * script (single GPU, or several with torchrun), for users who outgrow the browser.
 */
import type { OpId } from '../../config/ops';
import { INVERTED_RESIDUAL, MB_EXPANSION, type Path, type SearchSpace } from '../space';
import { SUBNET_DATA_PY } from './pytorchData';

/**
 * What the header says. `width`: the NAS-Bench-Macro width multiplier of the exported network (absent on the custom
 * space); `runWidth`: the width of the run whose BN score and retrained accuracy these are, when another.
 */
export interface PyTorchExportInfo {
  path: string;
  score?: number;
  accuracy?: number;
  flops: number;
  params: number;
  width?: number;
  runWidth?: number;
}

/** The header's line on which network this is: the width, its size, and whose accuracy the benchmark's table gives. */
function networkLine(info: PyTorchExportInfo): string {
  const size = `${info.params.toLocaleString('en')} parameters, ${(info.flops / 1e6).toFixed(2)} MFLOPs (multiply-adds)`;
  if (info.width === undefined) return `Custom space: ${size}.`;
  if (info.width === 1) return `NAS-Bench-Macro at width 1, the benchmark's own network (its table's accuracy is this network's): ${size}.`;
  return (
    `NAS-Bench-Macro at width ${info.width} (every channel count x ${info.width}): ${size}.\n` +
    `The benchmark's accuracy is of the width-1 network, not of this one; the page exports that one too.`
  );
}

/** The BN score and retrained accuracy, saying at which width they were measured when it is not the file's. */
function measuredLine(info: PyTorchExportInfo): string {
  const at = info.runWidth !== undefined && info.runWidth !== info.width ? ` (measured at width ${info.runWidth})` : '';
  const parts = [
    ...(info.score !== undefined ? [`BN score ${info.score.toFixed(5)}`] : []),
    ...(info.accuracy !== undefined ? [`retrained accuracy in the browser ${(info.accuracy * 100).toFixed(1)}%`] : []),
  ];
  return parts.length > 0 ? parts.join(', ') + at : '';
}

/** Python source of the subnet `path` of `space`. */
export function pytorchSource(space: SearchSpace, path: Path, info: PyTorchExportInfo): string {
  const ops = path.map((k) => space.ops[k]!) as OpId[];
  const layers = space.layers.map((layer, l) => `    (${JSON.stringify(ops[l])}, ${layer.cin}, ${layer.cout}, ${layer.stride}),`).join('\n');
  return `"""BN-NAS Playground subnet ${info.path}: ${ops.join(' ')}

Exported from the BN-NAS Playground. ${networkLine(info)}
${measuredLine(info)}

Train on CIFAR-10 (needs only PyTorch for the binary format; torchvision for its own format):
    python subnet.py --data ./cifar10 --epochs 100          # a folder of CIFAR-10 .bin files, one GPU (or CPU)
    python subnet.py --data ./cifar10 --max-steps 200       # a quick check: stop after 200 optimizer steps
    python subnet.py --data ./data --download               # torchvision's CIFAR10 folder, fetched when missing
    torchrun --nproc_per_node=4 subnet.py --data ./cifar10  # several GPUs (DistributedDataParallel)

--data is a folder of CIFAR-10 binary files (any *.bin; each record 3,073 bytes: a label byte,
then 1,024 R, 1,024 G and 1,024 B bytes; files named *test* are the test set, e.g. test_batch.bin),
or one holding cifar-10-batches-bin/ (the binary archive unpacked) or cifar-10-batches-py/
(torchvision's). Nothing is downloaded unless --download is given.
"""
import argparse
import glob
import math
import os
import sys

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
INVERTED_RESIDUAL = {${Object.entries(INVERTED_RESIDUAL)
    .map(([op, r]) => `'${op}': (${r.expansion}, ${r.kernel})`)
    .join(', ')}}


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


${SUBNET_DATA_PY}def evaluate(model, loader, device):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x.to(device)).argmax(1).cpu() == y).sum().item()
            total += len(y)
    model.train()
    return 100 * correct / total


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--data', default='./data', help="folder of CIFAR-10 .bin files, or torchvision's CIFAR10 root (default ./data)")
    parser.add_argument('--download', action='store_true', help='fetch CIFAR-10 with torchvision when --data has none')
    parser.add_argument('--epochs', type=int, default=100)
    parser.add_argument('--max-steps', type=int, default=None, metavar='N', help='stop after N optimizer steps (the cosine LR then spans N steps)')
    parser.add_argument('--batch-size', '--batch', type=int, default=128)
    parser.add_argument('--lr', type=float, default=0.1)
    parser.add_argument('--weight-decay', type=float, default=5e-4)
    parser.add_argument('--workers', type=int, default=min(2, os.cpu_count() or 0), metavar='N', help='data loader processes (0: load in the main process; default min(2, CPUs))')
    parser.add_argument('--log-every', type=int, default=None, metavar='N', help='print the mean training loss every N steps (default: about 10 lines per run, at most every 50 steps)')
    parser.add_argument('--count-params', action='store_true', help='print the parameter count and exit')
    args = parser.parse_args()
    model = Subnet()
    if args.count_params:
        print(sum(p.numel() for p in model.parameters()))
        return
    if args.epochs < 1 or args.batch_size < 1 or args.workers < 0 or (args.max_steps is not None and args.max_steps < 1):
        parser.error('--epochs, --batch-size and --max-steps must be at least 1, --workers at least 0')
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
    try:
        train_set, test_set = load_data(args.data, args.download, rank, distributed)
    except DataError as e:
        print(f'error: {e}', file=sys.stderr)
        sys.exit(2)
    sampler = torch.utils.data.distributed.DistributedSampler(train_set) if distributed else None
    loader_opts = dict(num_workers=args.workers, pin_memory=device.type == 'cuda', persistent_workers=args.workers > 0)
    train_loader = torch.utils.data.DataLoader(train_set, args.batch_size, shuffle=sampler is None, sampler=sampler, drop_last=True, **loader_opts)
    if len(train_loader) == 0:
        print(f'error: {len(train_set)} training images make no full batch of {args.batch_size} (per process): lower --batch-size', file=sys.stderr)
        sys.exit(2)
    test_loader = torch.utils.data.DataLoader(test_set, 256, **loader_opts) if test_set is not None else None
    total_steps = args.epochs * len(train_loader)
    if args.max_steps is not None:
        total_steps = min(total_steps, args.max_steps)
    log_every = args.log_every or max(1, min(50, total_steps // 10))
    model = model.to(device)
    net = model  # the plain module, for evaluation on rank 0 alone
    if distributed:
        model = nn.parallel.DistributedDataParallel(model, device_ids=[device.index] if device.type == 'cuda' else None)
    opt = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=args.weight_decay, nesterov=True)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, total_steps)
    if rank == 0:
        print(f'{len(train_set)} training images{f", {len(test_set)} test images" if test_set is not None else " (no test set: no test accuracy)"}; '
              f'{total_steps} steps of {args.batch_size}{f" x {torch.distributed.get_world_size()} processes" if distributed else ""} on {device}', flush=True)
    model.train()
    step, loss_sum, loss_n, last = 0, 0.0, 0, float('nan')
    for epoch in range(args.epochs):
        if sampler is not None:
            sampler.set_epoch(epoch)
        epoch_sum, epoch_n = 0.0, 0
        for x, y in train_loader:
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            loss = F.cross_entropy(model(x), y, label_smoothing=0.1)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            step += 1
            value = loss.item()
            loss_sum, loss_n, epoch_sum, epoch_n = loss_sum + value, loss_n + 1, epoch_sum + value, epoch_n + 1
            if step % log_every == 0 or step == total_steps:
                last = loss_sum / loss_n
                if rank == 0:
                    print(f'step {step}/{total_steps}  loss {last:.4f}', flush=True)
                loss_sum, loss_n = 0.0, 0
            if step >= total_steps:
                break
        if rank == 0:
            accuracy = f'  test accuracy {evaluate(net, test_loader, device):.2f}%' if test_loader is not None else ''
            print(f'epoch {epoch + 1}/{args.epochs}  mean loss {epoch_sum / epoch_n:.4f}{accuracy}', flush=True)
        if step >= total_steps:
            break
    if rank == 0:
        print(f'done: {step} steps, final loss {last:.4f}', flush=True)
    if distributed:
        torch.distributed.destroy_process_group()


if __name__ == '__main__':
    main()
`;
}
