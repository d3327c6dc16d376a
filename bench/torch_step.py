"""PyTorch CPU reference of the playground's default supernet paths: forward,
BN-only step and full step at batch 64. Same ops, same residual rule and the
same BN-only scope as src/engine's trainableVariables ('all': every BN of the
path and the stem's; 'last': each op's last BN). Prints JSON.

usage: /usr/bin/python3 bench/torch_step.py [--threads N] [--scope all|last] PATH [PATH ...]
       (paths like 0-3-2-1-4-0; defaults: 2 threads, scope all)
"""
import json
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

OPS = ['conv3', 'conv5', 'sep3', 'sep5', 'mb3']
STAGES = [(16, 2), (32, 2), (64, 2)]


class Op(nn.Module):
    def __init__(self, op, cin, cout, stride):
        super().__init__()
        layers = []
        if op in ('conv3', 'conv5'):
            k = 3 if op == 'conv3' else 5
            layers += [nn.ReLU(), nn.Conv2d(cin, cout, k, stride, k // 2, bias=False), nn.BatchNorm2d(cout)]
        elif op in ('sep3', 'sep5'):
            k = 3 if op == 'sep3' else 5
            layers += [nn.ReLU(), nn.Conv2d(cin, cin, k, stride, k // 2, groups=cin, bias=False),
                       nn.Conv2d(cin, cout, 1, bias=False), nn.BatchNorm2d(cout)]
        elif op == 'mb3':
            mid = cin * 3
            layers += [nn.ReLU(), nn.Conv2d(cin, mid, 1, bias=False), nn.BatchNorm2d(mid),
                       nn.ReLU(), nn.Conv2d(mid, mid, 3, stride, 1, groups=mid, bias=False), nn.BatchNorm2d(mid),
                       nn.ReLU(), nn.Conv2d(mid, cout, 1, bias=False), nn.BatchNorm2d(cout)]
        self.body = nn.Sequential(*layers)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        return x + self.body(x) if self.residual else self.body(x)


class Net(nn.Module):
    def __init__(self, path):
        super().__init__()
        c0 = STAGES[0][0]
        self.stem = nn.Sequential(nn.Conv2d(3, c0, 3, 1, 1, bias=False), nn.BatchNorm2d(c0))
        blocks, cin, l = [], c0, 0
        for s, (c, n) in enumerate(STAGES):
            for i in range(n):
                blocks.append(Op(OPS[path[l]], cin, c, 2 if s > 0 and i == 0 else 1))
                cin, l = c, l + 1
        self.blocks = nn.Sequential(*blocks)
        self.head = nn.Linear(cin, 10)

    def forward(self, x):
        return self.head(F.relu(self.blocks(self.stem(x))).mean((2, 3)))


def bn_params(net, scope):
    params = [] if scope == 'last' else [net.stem[1].weight, net.stem[1].bias]
    for b in net.blocks:
        bns = [m for m in b.body if isinstance(m, nn.BatchNorm2d)]
        for bn in (bns[-1:] if scope == 'last' else bns):
            params += [bn.weight, bn.bias]
    return params


def timed(fn, repeats=5):
    fn()
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t0) * 1000)
    return statistics.median(ts)


def main():
    args, threads, scope = sys.argv[1:], 2, 'all'
    while args and args[0].startswith('--'):
        if args[0] == '--threads':
            threads = int(args[1])
        elif args[0] == '--scope':
            scope = args[1]
        else:
            sys.exit(f'unknown option {args[0]}')
        args = args[2:]
    torch.set_num_threads(threads)
    paths = [[int(k) for k in p.split('-')] for p in args] or [[0, 1, 2, 3, 4, 0]]
    x = torch.randn(64, 3, 32, 32)
    y = torch.arange(64) % 10
    out = {'torch': torch.__version__, 'threads': torch.get_num_threads(), 'scope': scope, 'paths': [], 'forwardMs': 0, 'bnStepMs': 0, 'fullStepMs': 0}
    for path in paths:
        torch.manual_seed(1)
        net = Net(path).train()
        bns = bn_params(net, scope)
        bn_ids = {id(p) for p in bns}
        for p in net.parameters():
            p.requires_grad_(id(p) in bn_ids)
        bn_opt = torch.optim.SGD(bns, lr=0.1, momentum=0.9)

        def forward():
            with torch.no_grad():
                net(x).sum().item()

        def step(opt):
            def run():
                opt.zero_grad()
                loss = F.cross_entropy(net(x), y, label_smoothing=0.1)
                loss.backward()
                opt.step()
                loss.item()
            return run

        f = timed(forward)
        b = timed(step(bn_opt))
        for p in net.parameters():
            p.requires_grad_(True)
        full = timed(step(torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)))
        out['paths'].append('-'.join(map(str, path)))
        out['forwardMs'] += f / len(paths)
        out['bnStepMs'] += b / len(paths)
        out['fullStepMs'] += full / len(paths)
    print(json.dumps(out))


if __name__ == '__main__':
    main()
