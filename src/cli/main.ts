/**
 * `npm run nas -- [options]`: the BN-NAS engine headless, on the same Config
 * as the app. Progress on stderr, a summary on stdout, the full report as JSON.
 */
import * as tf from '@tensorflow/tfjs';
import cliProgress from 'cli-progress';
import { mergeConfig, spaceInfo } from '../config';
import { parseCli, USAGE } from './args';
import { DataFormatError } from '../engine/data';
import { Session, type RunEvent } from '../engine/session';
import { createRng, spaceOf } from '../engine/space';
import { rankingAgreement } from '../engine/stats';
import { TrainingDiverged } from '../engine/train';
import { selectNodeBackend } from './backend';
import { loadDataset, loadTruthTable } from './data';
import { CliError } from './errors';
import { checkWritable, writeOutput } from './output';
import { buildReport } from './report';
import { formatSummary } from './summary';
import { exportPytorchProject, importScores } from './pytorchSearch';
import { formatLeaderboard, retrainPicks, retrainReport } from './retrain';

async function main(argv: string[]): Promise<number> {
  const opts = parseCli(argv);
  if (opts.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  for (const w of opts.warnings) process.stderr.write(`warning: ${w}\n`);
  // Before the run, which can take hours: a report that cannot be written fails now.
  if (opts.json) checkWritable(opts.json, '--json');
  if (opts.pytorch.exportTo !== undefined) {
    const files = exportPytorchProject(opts.pytorch.exportTo, opts.config);
    process.stdout.write(
      `wrote ${opts.pytorch.exportTo}: ${files.join(', ')}\nrun it: cd ${opts.pytorch.exportTo} && python train_supernet.py --data <CIFAR-10 folder>\n`,
    );
    return 0;
  }
  if (opts.pytorch.scores !== undefined) {
    const { run, result, report } = importScores(opts.pytorch.scores);
    const w = run.trainedWith;
    process.stdout.write(
      `trained with ${w.framework}${w.torch ? ` ${w.torch}` : ''} on ${w.device}${w.processes > 1 ? ` x ${w.processes} processes` : ''}: ${w.steps} steps${w.width === null ? '' : `, width ${w.width}`}\n`,
    );
    process.stdout.write(formatSummary(report, result, spaceOf(run.config)) + '\n');
    if (opts.json) writeOutput(opts.json, JSON.stringify(report, null, 2) + '\n', '--json');
    return 0;
  }
  const backend = await selectNodeBackend(opts.config.backend);
  process.stderr.write(`backend: ${backend.name} (${backend.reason})\n`);

  const session = new Session();
  const benchmark = spaceInfo(opts.config.space).benchmark;
  if (benchmark) session.addTable(loadTruthTable(benchmark));
  const dataset = await loadDataset(opts.data, opts.config);
  // Also before the run: a bad --eval-data fails now, not after hours of training.
  const evalSet = opts.retrain > 0 && opts.evalData ? await loadDataset(opts.evalData, opts.config, '--eval-data') : undefined;
  if (opts.config.data !== 'generated') session.addDataset(opts.config.data === 'builtin' ? 'builtin' : 'cifar10', dataset);
  const runs = [];
  for (let s = 0; s < opts.seeds; s++) {
    const config = s === 0 ? opts.config : mergeConfig(opts.config, { seed: opts.config.seed + s }).config;
    const bar = opts.quiet
      ? null
      : new cliProgress.SingleBar(
          {
            stream: process.stderr,
            noTTYOutput: true,
            notTTYSchedule: 5000,
            etaBuffer: 20,
            format: `seed ${config.seed} {stage} [{bar}] {percentage}% | {unit} {value}/{total} | epoch {epoch} | loss {loss} | ETA {eta_formatted}`,
          },
          cliProgress.Presets.shades_classic,
        );
    // Mode 'both' runs three stages (BN-NAS, SPOS training, SPOS evaluation); the bar restarts for each.
    let stage = '';
    const onEvent = (e: RunEvent) => {
      if (!bar || e.phase !== 'training') return;
      const name = e.stage === 'spos-eval' ? `SPOS eval @${e.evaluated!.epoch}` : e.stage === 'spos' ? 'SPOS' : config.mode === 'both' ? 'BN-NAS' : '';
      const [value, total, unit] = e.stage === 'spos-eval' ? [e.evaluated!.done, e.evaluated!.total, 'subnet'] : [e.step, e.totalSteps, 'step'];
      if (total === 0) return;
      if (stage !== name) {
        bar.stop();
        bar.start(total, 0, { stage: name, unit, epoch: 1, loss: '—' });
        stage = name;
      }
      bar.update(value, { epoch: Math.min(e.epoch + 1, e.epochs), loss: e.loss === null ? '—' : e.loss.toFixed(3) });
    };
    let result;
    try {
      result = await session.run(
        config,
        {
          onEvent,
          onWarnings: (w) => {
            if (s === 0) for (const line of w) process.stderr.write(`warning: ${line}\n`);
          },
        },
        backend.name,
      );
    } finally {
      // Also when the run fails (e.g. diverges): the error line then starts on a line of its own.
      bar?.stop();
    }
    runs.push({ config, result });
  }
  const first = runs[0]!;
  const space = spaceOf(first.config);
  const report = buildReport(first.config, space, session.split(first.config).data, dataset.source, backend.name, first.result);
  if (runs.length > 1) {
    const taus = runs.slice(1).map((r) => rankingAgreement(first.result.scores, r.result.scores, createRng(first.config.seed).fork('agreement')));
    report.seedAgreement = { kendall: taus.reduce((a, b) => a + b, 0) / taus.length, seeds: runs.map((r) => r.config.seed) };
  }
  process.stdout.write(formatSummary(report, first.result, space) + '\n');
  if (opts.proxies > 0 && report.groundTruth) {
    const sample = await session.proxySample(first.config, first.result.scores, opts.proxies);
    report.groundTruth = { ...report.groundTruth, proxySample: sample };
    process.stdout.write(
      `\nzero-cost proxies on ${sample.paths} sampled networks against the truth (tau, rho, tau within depth):\n` +
        Object.entries(sample.proxies)
          .map(
            ([n, a]) =>
              `  ${n.padEnd(9)} ${a.kendall.toFixed(3).padStart(7)} ${a.spearman.toFixed(3).padStart(7)} ${a.withinDepthKendall.toFixed(3).padStart(7)}`,
          )
          .join('\n') +
        '\n',
    );
  }
  if (opts.retrain > 0) {
    const picks = retrainPicks(first.result.scores, opts.retrain, first.result.comparison);
    const c = first.config;
    const outcomes = await session.retrain(
      c,
      picks,
      { epochs: c.repochs, lr: c.rlr, seeds: c.rseeds },
      {
        onOutcome: (o) =>
          process.stderr.write(
            `retrained ${o.path}: score ${o.score.toFixed(5)} accuracy ${(o.accuracy * 100).toFixed(1)}%${c.rseeds > 1 ? ` over ${c.rseeds} seeds` : ''} in ${o.seconds.toFixed(0)} s\n`,
          ),
      },
      { evalData: evalSet },
    );
    const r = retrainReport(outcomes, evalSet ? evalSet.source : `validation split (${session.split(c).data.val.count} images)`, first.result.comparison);
    Object.assign(report, r);
    process.stdout.write('\n' + formatLeaderboard(r) + '\n');
  }
  if (opts.json) {
    writeOutput(opts.json, JSON.stringify(report, null, 2) + '\n', '--json');
    process.stderr.write(`wrote ${opts.json}\n`);
  }
  process.stderr.write(`tensors alive at exit: ${tf.memory().numTensors}\n`);
  return 0;
}

/** Expected errors are one line and an exit code (2: bad usage, then the usage; 1: the rest); anything else keeps its stack. */
function fail(e: unknown): number {
  if (e instanceof CliError) {
    process.stderr.write(`error: ${e.message}\n${e.usage ? `\n${USAGE}\n` : ''}`);
    return e.code;
  }
  if (e instanceof DataFormatError || e instanceof TrainingDiverged) {
    process.stderr.write(`error: ${e.message}\n`);
    return 1;
  }
  process.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.exitCode = fail(e);
  },
);
