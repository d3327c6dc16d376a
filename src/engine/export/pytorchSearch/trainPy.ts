/**
 * train_supernet.py of the exported search project: the engine's SPOS loop (src/engine/train/train.ts,
 * step.ts) for config.json — seeded split, data order, paths and augmentation, the optimizer and its
 * linear lr decay, label smoothing 0.1, a score snapshot and validation per epoch — on CPU, one GPU,
 * or several processes under torchrun (the same path on every process each step); then the SPOS
 * baseline for mode 'both' (spos.py), and the CLI's report as JSON.
 */
export const TRAIN_PY = String.raw`"""Trains the BN-NAS supernet of config.json as the BN-NAS Playground does, and writes its report.

    python train_supernet.py --data ./cifar10                       # CPU or one GPU
    python train_supernet.py --data ./cifar10 --max-steps 30        # a quick check: stop after 30 steps
    torchrun --nproc_per_node=4 train_supernet.py --data ./cifar10  # several GPUs (or CPU processes, gloo)

The report (--out, default report.json) has the CLI's schema; open it in the page or run
npm run nas -- --scores report.json for the ranking, the search and the benchmark's truth.
"""
import argparse
import json
import math
import os
import sys
import time

import torch
import torch.nn.functional as F

import data as cifar
from ranking import apply_identity_rule
from report import write_report
from rng import Rng, sample_path
from spos import compare_with_spos
from supernet import BatchNorm, Supernet

HERE = os.path.dirname(os.path.abspath(__file__))


class Diverged(Exception):
    pass


class Run:
    """What every training stage shares: the data on this process, the device, the processes."""

    def __init__(self, args, config, train_images, train_labels, val_images, val_labels, lut):
        self.args, self.config = args, config
        self.train_images, self.train_labels = train_images, train_labels
        self.val_images, self.val_labels, self.lut = val_images, val_labels, lut
        self.world = torch.distributed.get_world_size() if torch.distributed.is_initialized() else 1
        self.rank = torch.distributed.get_rank() if self.world > 1 else 0
        self.device = device_of(args)
        self.trace = []
        self.init_difference = None

    def log(self, text):
        if self.rank == 0:
            print(text, flush=True)

    def all_sum(self, values):
        t = torch.tensor(values, dtype=torch.float64)
        if self.world > 1:
            torch.distributed.all_reduce(t)
        return t.tolist()


def device_of(args):
    if args.device != 'auto':
        device = torch.device(args.device)
        # A bare 'cuda' means this process's GPU: set_device and get_device_name need its index.
        if device.type == 'cuda' and device.index is None:
            device = torch.device('cuda', int(os.environ.get('LOCAL_RANK', '0')))
        return device
    if torch.cuda.is_available():
        return torch.device('cuda', int(os.environ.get('LOCAL_RANK', '0')))
    return torch.device('cpu')


def evaluate(run, net, path, batch):
    """Eval-mode (running statistics) accuracy of one path on the validation images."""
    net.eval()
    correct = 0
    with torch.no_grad():
        for start in range(0, len(run.val_labels), batch):
            idx = list(range(start, min(start + batch, len(run.val_labels))))
            x = cifar.make_batch(run.val_images, run.lut, idx).to(run.device)
            correct += (net(x, path).argmax(1).cpu() == run.val_labels[start:start + len(idx)].long()).sum().item()
    net.train()
    return correct / max(len(run.val_labels), 1)


def train(run, net, settings, rng, on_epoch=None, who='the', lr_key='lr'):
    """SPOS steps over settings['epochs'] epochs (src/engine/train/train.ts). Returns the epoch reports,
    each epoch's gamma matrix, the steps run and the compute seconds."""
    n = len(run.train_labels)
    batch = min(settings['batch'], n)
    if batch % run.world:
        raise SystemExit(f'error: batch {batch} does not split over {run.world} processes: use a batch that is a multiple of --nproc_per_node')
    local = batch // run.world
    steps_per_epoch = max(1, n // batch)
    total = steps_per_epoch * settings['epochs']
    stop = min(total, run.args.max_steps) if run.args.max_steps else total
    L, K = len(net.space['layers']), len(net.space['ops'])
    data_rng, path_rng, aug_rng, eval_rng = rng.fork('data-order'), rng.fork('paths'), rng.fork('augment'), rng.fork('eval-paths')
    eval_paths = [sample_path(L, K, eval_rng) for _ in range(3)]
    params = [p for p in net.parameters() if p.requires_grad]
    if settings['opt'] == 'sgd':
        # PyTorch's SGD without dampening = the engine's: m = 0.9 m + (g + wd w); w -= lr m
        opt = torch.optim.SGD(params, lr=settings['lr'], momentum=0.9, weight_decay=settings['wd'])
    else:
        opt = torch.optim.Adam(params, lr=settings['lr'], betas=(0.9, 0.999), eps=1e-8, weight_decay=settings['wd'])
    model = net
    if run.world > 1:
        model = torch.nn.parallel.DistributedDataParallel(net, device_ids=[run.device.index] if run.device.type == 'cuda' else None,
                                                          find_unused_parameters=True, broadcast_buffers=False)
    amp = run.args.amp and run.device.type == 'cuda'
    amp_dtype = torch.bfloat16 if amp and torch.cuda.is_bf16_supported() else torch.float16
    scaler = torch.cuda.amp.GradScaler() if amp and amp_dtype == torch.float16 else None
    train_images = run.train_images.to(run.device) if run.args.workers == 0 else run.train_images
    lut = run.lut.to(run.device) if run.args.workers == 0 else run.lut
    reports, gammas_by_epoch, step, busy = [], [], 0, 0.0
    log_every = run.args.log_every or max(1, min(50, stop // 10))
    run.log(f'{stop} steps of {batch} images{f" ({run.world} processes x {local})" if run.world > 1 else ""}, {steps_per_epoch} steps an epoch')
    for epoch in range(settings['epochs']):
        order = data_rng.shuffle(list(range(n)))
        plan, paths = [], []
        for s in range(steps_per_epoch):
            indices = order[s * batch:(s + 1) * batch]
            paths.append(sample_path(L, K, path_rng))
            draws = cifar.augment_draws(len(indices), aug_rng) if settings['augment'] else None
            mine = slice(run.rank * local, (run.rank + 1) * local)
            plan.append((indices[mine], draws[mine] if draws else None))
            if run.args.trace:
                run.trace.append({'path': paths[-1], 'indices': indices})
        batches = cifar.StepBatches(train_images, run.train_labels, lut, plan)
        loader = batches if run.args.workers == 0 else torch.utils.data.DataLoader(
            batches, batch_size=None, num_workers=run.args.workers, pin_memory=run.device.type == 'cuda')
        started, loss_sum, correct, seen = time.perf_counter(), 0.0, 0, 0
        for s, (x, y) in enumerate(loader):
            x, y = x.to(run.device, non_blocking=True), y.to(run.device, non_blocking=True)
            lr = settings['lr'] * (1 - step / total)
            for group in opt.param_groups:
                group['lr'] = lr
            with torch.autocast('cuda', dtype=amp_dtype, enabled=amp):
                logits = model(x, paths[s])
            loss = F.cross_entropy(logits.float(), y, label_smoothing=0.1)
            opt.zero_grad(set_to_none=True)
            (scaler.scale(loss) if scaler else loss).backward()
            if scaler:
                scaler.unscale_(opt)
            if settings['clip'] > 0:
                torch.nn.utils.clip_grad_norm_([p for p in params if p.grad is not None], settings['clip'], error_if_nonfinite=False)
            if scaler:
                scaler.step(opt)
                scaler.update()
            else:
                opt.step()
            step_loss, step_correct = run.all_sum([loss.item() * len(y), (logits.argmax(1) == y).sum().item()])
            if not math.isfinite(step_loss):
                raise Diverged(f'{who} loss diverged at step {step + 1} (epoch {epoch + 1}): lower the learning rate ({lr_key}={settings["lr"]})')
            loss_sum, correct, seen, step = loss_sum + step_loss, correct + step_correct, seen + batch, step + 1
            if step % log_every == 0 or step == stop:
                run.log(f'step {step}/{stop}  epoch {epoch + 1}  loss {step_loss / batch:.4f}  lr {lr:.5f}')
            if step >= stop:
                break
        seconds = time.perf_counter() - started
        busy += seconds
        val = sum(evaluate(run, net, p, batch) for p in eval_paths) / len(eval_paths) if len(run.val_labels) else None
        gammas = net.gammas()
        if not all(math.isfinite(v) for row in gammas for v in row) or not math.isfinite(loss_sum):
            raise Diverged(f'{who} BN scores diverged by the end of epoch {epoch + 1} (step {step}): lower the learning rate ({lr_key}={settings["lr"]})')
        gammas_by_epoch.append(gammas)
        report = {'epoch': epoch + 1, 'loss': loss_sum / max(seen, 1), 'trainAccuracy': correct / max(seen, 1),
                  'valAccuracy': val, 'seconds': seconds, 'imagesPerSecond': seen / max(seconds, 1e-9)}
        reports.append(report)
        run.log(f'epoch {epoch + 1}/{settings["epochs"]}  loss {report["loss"]:.4f}  train accuracy {report["trainAccuracy"]:.3f}'
                + (f'  validation accuracy {val:.3f}' if val is not None else ''))
        if on_epoch:
            on_epoch(report)
        if step >= stop:
            break
    return {'epochs': reports, 'gammas': gammas_by_epoch, 'steps': step, 'seconds': busy, 'batch': batch}


def load_data(run_args, config, rank):
    images, labels = cifar.load_records(run_args.data, run_args.download and rank == 0)
    if config['data'] == 'builtin':
        images, labels = images[:cifar.BUILTIN_COUNT], labels[:cifar.BUILTIN_COUNT]
    train_idx, val_idx, warning = cifar.split(images, labels, config['n'], config['val'], Rng(config['seed']).fork('split'))
    if warning and rank == 0:
        print(f'warning: {warning}', file=sys.stderr)
    train_images, val_images = images[train_idx], images[val_idx]
    mean, std = cifar.channel_stats(train_images)
    return train_images, labels[train_idx], val_images, labels[val_idx], cifar.lookup_table(mean, std)


def read_init(path):
    """Initial weights the engine exported: little-endian float32, its kernels in draw order."""
    with open(path, 'rb') as fh:
        raw = fh.read()
    return torch.frombuffer(bytearray(raw), dtype=torch.float32).tolist()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--data', default='./data', help='CIFAR-10: a folder of .bin files, cifar-10-binary.tar.gz, or torchvision\'s folder (default ./data)')
    parser.add_argument('--download', action='store_true', help='fetch CIFAR-10 with torchvision when --data has none')
    parser.add_argument('--config', default=os.path.join(HERE, 'config.json'), help='the exported config (default: config.json beside this file)')
    parser.add_argument('--out', default='report.json', help='where the report goes (default report.json)')
    parser.add_argument('--max-steps', type=int, default=None, metavar='N', help='stop after N steps (the lr schedule still spans the config\'s epochs)')
    parser.add_argument('--workers', type=int, default=0, metavar='N', help='data loader processes assembling batches ahead (default 0: in the training process)')
    parser.add_argument('--amp', action='store_true', help='mixed precision on CUDA (bfloat16 where supported); BN statistics stay float32')
    parser.add_argument('--device', default='auto', help="'auto' (CUDA when available), 'cpu', 'cuda', 'cuda:1', ...")
    parser.add_argument('--log-every', type=int, default=None, metavar='N')
    parser.add_argument('--init', default=None, metavar='FILE', help='initial kernels exported by the engine (float32, draw order) instead of drawing them')
    parser.add_argument('--trace', default=None, metavar='FILE', help='write each step\'s path and batch, and every trained gamma, as JSON (the cross-framework check)')
    args = parser.parse_args()
    if (args.max_steps is not None and args.max_steps < 1) or args.workers < 0:
        parser.error('--max-steps must be at least 1, --workers at least 0')
    with open(args.config) as fh:
        exported = json.load(fh)
    config, space = exported['config'], exported['space']
    world = int(os.environ.get('WORLD_SIZE', '1'))
    if world > 1:
        torch.distributed.init_process_group('nccl' if torch.cuda.is_available() and args.device != 'cpu' else 'gloo')
        BatchNorm.distributed = True
    rank = torch.distributed.get_rank() if world > 1 else 0
    try:
        train_images, train_labels, val_images, val_labels, lut = load_data(args, config, rank)
    except cifar.DataError as e:
        print(f'error: {e}', file=sys.stderr)
        sys.exit(2)
    run = Run(args, config, train_images, train_labels, val_images, val_labels, lut)
    if run.device.type == 'cuda':
        torch.cuda.set_device(run.device)
    if config['mode'] == 'both' and len(val_labels) == 0:
        print("error: mode 'both' ranks subnets by validation accuracy: no validation images", file=sys.stderr)
        sys.exit(2)
    root = Rng(config['seed'])
    net = Supernet(space)
    init = read_init(args.init) if args.init else None
    drawn = net.init_weights(init, root.fork('init'))
    if init is not None and args.trace:
        # How far the engine's exported init is from this project's own seeded draw (0: the same draw).
        own = Supernet(space).init_weights(None, root.fork('init'))
        run.init_difference = max(abs(a - b) for a, b in zip(own, drawn))
    net = net.to(run.device)
    mode = 'full' if config['mode'] == 'full' else 'bn'
    net.set_scope(mode, config['bnscope'], config['head'])
    run.log(f'{len(train_labels)} training images, {len(val_labels)} validation images; {space["family"]} supernet, {len(space["layers"])} layers x '
            f'{len(space["ops"])} ops, mode {config["mode"]}; on {run.device}{f" x {world} processes" if world > 1 else ""}; torch {torch.__version__}')
    settings = {'epochs': config['epochs'], 'batch': config['batch'], 'lr': config['lr'], 'opt': config['opt'], 'wd': config['wd'],
                'augment': config['aug'] == 'cropflip', 'clip': config['clip']}
    try:
        trained = train(run, net, settings, root.fork('train'))
        comparison = compare_with_spos(run, config, space, init, trained, root, train) if config['mode'] == 'both' else None
    except Diverged as e:
        print(f'error: {e}', file=sys.stderr)
        sys.exit(1)
    if rank == 0:
        write_report(args, run, config, exported, net, trained, comparison, world)
    if world > 1:
        torch.distributed.destroy_process_group()


if __name__ == '__main__':
    main()
`;
