/**
 * The whole search as a PyTorch project (issue 20): for one config, the files of a folder that trains
 * the same supernet with the same recipe and seeds on CPU, a GPU or many (torchrun), and writes the
 * CLI's report. The Python sources are the same for every config; config.json carries the run.
 */
import { encodeConfig, spaceInfo, usesKey, type Config } from '../../../config';
import { fixedCost, layerCosts, spaceOf, supernetParams } from '../../space';
import { DATA_PY } from './dataPy';
import { RANKING_PY } from './rankingPy';
import { REPORT_PY } from './reportPy';
import { RNG_PY } from './rngPy';
import { SPOS_PY } from './sposPy';
import { SUPERNET_PY } from './supernetPy';
import { TRAIN_PY } from './trainPy';

/** What config.json holds: the exact config, its link, and the space built from it (layers, per-op costs). */
export interface ExportedSearch {
  config: Config;
  url: string;
  space: {
    family: string;
    /** Whether the space reads the config's width (the report then says which width trained). */
    usesWidth: boolean;
    ops: string[];
    layers: { cin: number; cout: number; stride: number }[];
    inputChannels: number;
    stemChannels: number;
    stemRelu: boolean;
    headConv: number | null;
    numClasses: number;
    /** Stem, head and classifier cost, and each layer's op costs (FLOPs as multiply-adds, parameters): a path costs fixed + its ops. */
    fixed: { flops: number; params: number };
    costs: { flops: number[][]; params: number[][] };
  };
  totalParams: number;
}

export function exportedSearch(config: Config): ExportedSearch {
  const space = spaceOf(config);
  return {
    config,
    url: `#${encodeConfig(config)}`,
    space: {
      family: space.family,
      usesWidth: usesKey(config.space, 'width'),
      ops: [...space.ops],
      layers: space.layers.map(({ cin, cout, stride }) => ({ cin, cout, stride })),
      inputChannels: space.inputChannels,
      stemChannels: space.stemChannels,
      stemRelu: space.stemRelu,
      headConv: space.headConv,
      numClasses: space.numClasses,
      fixed: fixedCost(space),
      costs: { flops: layerCosts(space, 'flops').perOp, params: layerCosts(space, 'params').perOp },
    },
    totalParams: supernetParams(space),
  };
}

/** File name → text of the project folder for `config`. */
export function pytorchSearchProject(config: Config): Record<string, string> {
  const exported = exportedSearch(config);
  return {
    'README.md': readme(config, exported),
    'config.json': JSON.stringify(exported, null, 1) + '\n',
    'train_supernet.py': TRAIN_PY,
    'supernet.py': SUPERNET_PY,
    'data.py': DATA_PY,
    'rng.py': RNG_PY,
    'ranking.py': RANKING_PY,
    'spos.py': SPOS_PY,
    'report.py': REPORT_PY,
  };
}

function readme(config: Config, exported: ExportedSearch): string {
  const { label } = spaceInfo(config.space);
  const space = usesKey(config.space, 'width') ? `${label} at width ${config.width}${config.width === 1 ? " (the benchmark's network)" : ''}` : label;
  const data =
    config.data === 'builtin'
      ? "the page's built-in images are the first 4,000 records of CIFAR-10's data_batch_1: give --data the official data_batch_1.bin (or cifar-10-binary.tar.gz), or the playground's four shared .bin files"
      : config.data === 'generated'
        ? "the page's generated images do not leave the page: this project trains on the CIFAR-10 files you give it"
        : 'give --data the same CIFAR-10 files the page loaded, in the same order';
  return `# BN-NAS supernet search in PyTorch

Exported from the BN-NAS Playground: the supernet of ${space} (${exported.space.layers.length} layers x ${exported.space.ops.length} ops:
${exported.space.ops.join(', ')}; ${exported.totalParams.toLocaleString('en')} parameters), trained as the page trains it:
mode ${config.mode}, BN scope ${config.bnscope}, head ${config.head}, ${config.opt} lr ${config.lr} decaying linearly to 0,
weight decay ${config.wd}, augmentation ${config.aug}, label smoothing 0.1, ${config.epochs} epochs of batch ${config.batch}
on ${config.n} training and ${config.val} validation images, Identity rule ${config.idscore}, seed ${config.seed}.
The page's link: ${exported.url}

The same seed draws the same initial kernels, split, data order, paths and augmentation as the page
(rng.py is the engine's generator, bit for bit), so a run here is the page's run in another framework.

## Run

Needs PyTorch (1.13 or later; torchvision only for --download or its CIFAR-10 folder).

    python train_supernet.py --data ./cifar10                        # CPU, or one GPU when CUDA is there
    python train_supernet.py --data ./cifar10 --max-steps 30         # a quick check
    python train_supernet.py --data ./cifar10 --amp --workers 4      # mixed precision on CUDA, 4 loader processes
    torchrun --nproc_per_node=4 train_supernet.py --data ./cifar10   # several GPUs (DistributedDataParallel)

Data: ${data}. --data takes a folder of CIFAR-10 .bin files, one .bin file, cifar-10-binary.tar.gz,
or torchvision's folder; nothing is downloaded unless --download is given.

Under torchrun every process takes its share of each step's batch (the batch must split evenly), all
processes train the same path each step, and BN statistics are taken over the whole batch: the
scores are one process's, whatever the number of processes.

## Output

report.json (--out) has the CLI's schema (config, space, supernet, epochs, scores, gammas, scoresByEpoch,
stability, top${config.mode === 'both' ? ', comparison' : ''}) and trainedWith (framework, device, processes, steps, width). Open it in the
page (Export, or drop it on the page), or rank it against NAS-Bench-Macro with the CLI:

    npm run nas -- --scores report.json --json checked.json
`;
}
