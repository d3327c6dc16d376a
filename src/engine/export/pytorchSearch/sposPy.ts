/**
 * spos.py of the exported search project: mode 'both' as src/engine/train/compare.ts and spos.ts run
 * it — a full-SPOS supernet from the same init and data order for sposx times the epochs, a seeded
 * sample of subnets evaluated by validation accuracy after BN recalibration, and the comparison.
 */
export const SPOS_PY = String.raw`"""The SPOS baseline of mode 'both' (src/engine/train/compare.ts): same init, same data order, every weight trains."""
import time

import torch

import data as cifar
from ranking import apply_identity_rule, kendall_tau_b, path_score, spearman_rho
from rng import sample_paths
from supernet import Supernet


def recalibrate(run, net, path, batch, batches=10):
    """The path's BN running statistics = the exact mean of its batch statistics over training batches."""
    bns = net.batch_norms(path)
    for bn in bns:
        bn.calibration = []
    n = min(batches, max(1, len(run.train_labels) // batch))
    size = min(batch, len(run.train_labels))
    with torch.no_grad():
        for b in range(n):
            idx = [(b * size + i) % len(run.train_labels) for i in range(size)]
            net(cifar.make_batch(run.train_images, run.lut, idx).to(run.device), path)
    for bn in bns:
        if bn.calibration:
            bn.running_mean.copy_(torch.stack([m for m, _ in bn.calibration]).sum(0) / n)
            bn.running_var.copy_(torch.stack([v for _, v in bn.calibration]).sum(0) / n)
        bn.calibration = None


def compare_with_spos(run, config, space, init, bn_run, root, train):
    from train_supernet import evaluate
    L, K = len(space['layers']), len(space['ops'])
    ops = space['ops']
    final_scores = apply_identity_rule(bn_run['gammas'][-1], ops, config['idscore'])
    paths = sample_paths(L, K, config['sposn'], root.fork('compare-sample'))
    epochs = config['epochs'] * config['sposx']
    net = Supernet(space)
    net.init_weights(init, root.fork('init'))
    net = net.to(run.device)
    net.set_scope('full', 'all', 'train')
    accuracies = [[] for _ in paths]
    checkpoints = []

    def evaluate_sample(epoch):
        if run.rank != 0:
            return
        started = time.perf_counter()
        for i, p in enumerate(paths):
            recalibrate(run, net, p, bn_run['batch'])
            accuracies[i].append(evaluate(run, net, p, bn_run['batch']))
        acc = [a[-1] for a in accuracies]
        bn_scores = [path_score(final_scores, p) for p in paths]
        checkpoints.append({'epoch': epoch, 'kendall': kendall_tau_b(bn_scores, acc), 'spearman': spearman_rho(bn_scores, acc),
                            'evalSeconds': time.perf_counter() - started})
        run.log(f'SPOS evaluation at epoch {epoch}: {len(paths)} subnets, Kendall tau vs the BN score {checkpoints[-1]["kendall"]:.3f}')

    run.log(f'SPOS supernet: every weight trains, {epochs} epochs at lr {config["sposlr"]}')
    settings = {'epochs': epochs, 'batch': config['batch'], 'lr': config['sposlr'], 'opt': 'sgd', 'wd': 0.0, 'augment': False, 'clip': 0.0}
    spos = train(run, net, settings, root.fork('train'), who="the SPOS supernet's", lr_key='sposlr',
                 on_epoch=lambda r: evaluate_sample(r['epoch']) if r['epoch'] == config['epochs'] and epochs > config['epochs'] else None)
    evaluate_sample(spos['epochs'][-1]['epoch'])
    if run.rank != 0:
        return None
    final = [a[-1] for a in accuracies]

    def timing(t):
        e = len(t['epochs'])
        return {'epochs': e, 'steps': t['steps'], 'seconds': t['seconds'], 'secondsPerEpoch': t['seconds'] / max(e, 1),
                'imagesPerSecond': t['steps'] * t['batch'] / max(t['seconds'], 1e-9)}
    started, repeats = time.perf_counter(), 0
    while time.perf_counter() - started < 0.02:
        for p in paths:
            path_score(final_scores, p)
        repeats += 1
    bn_per_subnet = (time.perf_counter() - started) / (repeats * len(paths))
    spos_per_subnet = checkpoints[-1]['evalSeconds'] / len(paths)
    bn_t, spos_t = timing(bn_run), timing(spos)
    by_epoch = [apply_identity_rule(g, ops, config['idscore']) for g in bn_run['gammas']]
    sample = []
    for p, acc in zip(paths, accuracies):
        sample.append({'path': '-'.join(map(str, p)), 'ops': [ops[k] for k in p], 'bnScore': path_score(final_scores, p),
                       'flops': space['fixed']['flops'] + sum(space['costs']['flops'][l][k] for l, k in enumerate(p)),
                       'params': space['fixed']['params'] + sum(space['costs']['params'][l][k] for l, k in enumerate(p)),
                       'sposAccuracy': acc})
    return {
        'bn': bn_t,
        'spos': {**spos_t, 'lr': config['sposlr'], 'epochReports': spos['epochs']},
        'sample': sample,
        'checkpoints': checkpoints,
        'bnEpochsVsSpos': [{'epoch': e + 1, 'kendall': kendall_tau_b([path_score(s, p) for p in paths], final)} for e, s in enumerate(by_epoch)],
        'sposShortVsFinal': kendall_tau_b([a[0] for a in accuracies], final) if len(checkpoints) > 1 else None,
        'evaluation': {'bnSecondsPerSubnet': bn_per_subnet, 'sposSecondsPerSubnet': spos_per_subnet},
        'speedup': {'trainPerEpoch': spos_t['secondsPerEpoch'] / bn_t['secondsPerEpoch'], 'trainTotal': spos_t['seconds'] / bn_t['seconds'],
                    'evaluation': spos_per_subnet / bn_per_subnet},
    }
`;
