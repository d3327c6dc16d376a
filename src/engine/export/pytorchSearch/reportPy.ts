/**
 * report.py of the exported search project: the CLI's report (config, space, supernet, epochs, scores,
 * gammas, stability, top, comparison) plus trainedWith, written once training ends; and, with --trace,
 * the per-step trace the cross-framework test compares with the engine.
 */
export const REPORT_PY = String.raw`"""The report of a supernet trained by train_supernet.py, in the CLI's schema (npm run nas -- --scores)."""
import json

import torch

from ranking import apply_identity_rule, stability, top_k
from supernet import BatchNorm


def write_report(args, run, config, exported, net, trained, comparison, world):
    space = exported['space']
    gammas = trained['gammas'][-1]
    scores = apply_identity_rule(gammas, space['ops'], config['idscore'])
    last = trained['epochs'][-1]
    device = torch.cuda.get_device_name(run.device) if run.device.type == 'cuda' else 'CPU'
    report = {
        'version': 1,
        'config': config,
        'url': exported['url'],
        'backend': f'pytorch-{run.device.type}',
        'trainedWith': {
            'framework': 'pytorch', 'torch': torch.__version__, 'device': device, 'processes': world,
            'steps': trained['steps'], 'width': config['width'] if space['usesWidth'] else None,
            'amp': bool(args.amp and run.device.type == 'cuda'), 'maxSteps': args.max_steps,
        },
        'space': {'layers': len(space['layers']), 'ops': space['ops'], 'paths': len(space['ops']) ** len(space['layers'])},
        'data': {'source': args.data, 'train': len(run.train_labels), 'val': len(run.val_labels)},
        'supernet': {
            'mode': config['mode'], 'epochs': len(trained['epochs']), 'steps': trained['steps'], 'seconds': trained['seconds'],
            'imagesPerSecond': trained['steps'] * trained['batch'] / max(trained['seconds'], 1e-9),
            'trainableParams': sum(p.numel() for p in net.parameters() if p.requires_grad), 'totalParams': exported['totalParams'],
            'finalLoss': last['loss'], 'valAccuracy': last['valAccuracy'],
        },
        'epochs': trained['epochs'],
        'scores': scores,
        'gammas': gammas,
        'scoresByEpoch': trained['gammas'],
        'stability': stability([apply_identity_rule(g, space['ops'], config['idscore']) for g in trained['gammas']], config['seed']),
        'top': top_k(space, scores, config['topk']),
        **({'comparison': comparison} if comparison else {}),
    }
    with open(args.out, 'w') as fh:
        json.dump(report, fh, indent=1)
    run.log(f'wrote {args.out}: top path {report["top"][0]["path"]} (score {report["top"][0]["score"]:.5f})')
    if args.trace:
        bns = {name: m for name, m in net.named_modules() if isinstance(m, BatchNorm)}
        with open(args.trace, 'w') as fh:
            json.dump({'steps': run.trace, 'initDifference': run.init_difference,
                       'gammas': {name: m.weight.detach().cpu().tolist() for name, m in bns.items()},
                       'betas': {name: m.bias.detach().cpu().tolist() for name, m in bns.items()},
                       # the engine's layout: [features, classes]
                       'head': {'weight': net.head.weight.detach().t().cpu().reshape(-1).tolist(), 'bias': net.head.bias.detach().cpu().tolist()}}, fh)
`;
