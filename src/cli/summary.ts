/** The human-readable run summary the CLI prints on stdout. */
import type { Comparison } from '../engine/train';
import type { ExperimentResult, GroundTruth } from '../engine/session';
import { gammaSpread, insideNoise, nullKendallSd, chanceCheck } from '../engine/stats';
import type { SearchSpace } from '../engine/space';
import type { CliReport } from './report';

const pad = (s: string, n: number) => s.padStart(n);
const fmt = (x: number, d = 4) => x.toFixed(d);

export function formatSummary(report: CliReport, result: ExperimentResult, space: SearchSpace): string {
  const lines: string[] = [];
  const { supernet } = result;
  lines.push(
    `BN-NAS ${supernet.mode === 'full' ? 'full (SPOS)' : 'BN-only'} supernet on ${report.data.source}: ${report.data.train} train / ${report.data.val} val images, backend ${report.backend}`,
  );
  lines.push(`space: ${space.layers.length} layers x ${space.ops.length} ops = ${report.space.paths.toLocaleString('en')} paths`);
  lines.push('');
  lines.push('epoch   loss   train acc  val acc  s/epoch  img/s  tau vs final');
  result.epochs.forEach((e, i) =>
    lines.push(
      `${pad(String(e.epoch), 5)} ${fmt(e.loss)} ${pad(fmt(e.trainAccuracy * 100, 1), 9)}% ${e.valAccuracy === null ? '     —  ' : pad(fmt(e.valAccuracy * 100, 1), 7) + '%'} ${pad(fmt(e.seconds, 1), 8)} ${pad(e.imagesPerSecond.toFixed(0), 6)}  ${fmt(result.stability[i]!.kendall, 3)}`,
    ),
  );
  const lastVal = result.epochs[result.epochs.length - 1]?.valAccuracy;
  if (lastVal != null) {
    const c = chanceCheck(lastVal, report.data.val, 10);
    if (c.atChance)
      lines.push(
        `note: the supernet is at chance level (validation ${fmt(lastVal * 100, 1)}% on ${report.data.val} images; guessing reaches up to ${fmt(c.bound * 100, 1)}% there): its gammas carry little signal. The Long run (--preset long) trains every BN and the classifier long enough to leave chance.`,
      );
    else
      lines.push(
        `the supernet left chance: validation ${fmt(lastVal * 100, 1)}% on ${report.data.val} images, above the ${fmt(c.bound * 100, 1)}% that guessing reaches there`,
      );
  }
  lines.push('');
  lines.push(
    `op scores (mean |gamma| of each op's last BN; identity skip has no BN → 0; Identity rule '${report.config.idscore}'${report.config.idscore === 'skip' ? ': every Identity scores 0' : ''}):`,
  );
  lines.push(...formatScoreTable(space.ops, result.scores));
  const spread = gammaSpread(result.scores);
  lines.push(`score spread: min ${fmt(spread.min)}  max ${fmt(spread.max)}  (max−min)/mean ${fmt(spread.relative * 100, 2)}%`);
  lines.push('');
  lines.push(`top ${report.top.length} paths (score = sum over layers):`);
  report.top.forEach((r, i) =>
    lines.push(
      `${pad(String(i + 1), 3)}. ${r.path}  ${fmt(r.score)}  ${(r.flops / 1e6).toFixed(2)} MFLOPs  ${(r.params / 1e3).toFixed(1)}k params  ${r.ops.join(' ')}${
        r.trueAccuracy === undefined ? '' : `  true ${r.trueAccuracy.toFixed(2)}% ± ${r.trueSd!.toFixed(2)} (rank ${r.trueRank!.toLocaleString('en')})`
      }`,
    ),
  );
  lines.push('');
  const c = report.constrained;
  lines.push(
    `best under ${(c.flops / 1e6).toFixed(2)} MFLOPs: exact ${c.exact ? `${c.exact.path} score ${fmt(c.exact.score)} (${(c.exact.flops / 1e6).toFixed(2)} MFLOPs)` : 'none fits'}`,
  );
  lines.push(
    `  evolutionary: ${c.evolutionary ? `${c.evolutionary.path} score ${fmt(c.evolutionary.score)} after ${c.evolutionary.evaluated} paths (gap ${fmt(c.evolutionary.gap, 5)})` : 'none found'}`,
  );
  lines.push('');
  lines.push(
    `supernet: ${supernet.steps} steps in ${fmt(supernet.seconds, 1)} s, ${supernet.imagesPerSecond.toFixed(0)} img/s; trains ${supernet.trainableParams.toLocaleString('en')} of ${supernet.totalParams.toLocaleString('en')} params; ranking + search ${fmt(report.rankSeconds * 1000, 1)} ms`,
  );
  if (report.seedAgreement) {
    const [first, ...others] = report.seedAgreement.seeds;
    lines.push(
      `seed agreement: Kendall tau ${fmt(report.seedAgreement.kendall, 3)} between the path rankings of seed ${first} and seed ${others.join(others.length > 1 ? ', ' : '')}${others.length > 1 ? ' (mean)' : ''}`,
    );
  }
  if (result.comparison) lines.push('', formatComparison(result.comparison));
  if (result.groundTruth) lines.push('', formatGroundTruth(result.groundTruth));
  return lines.join('\n');
}

/**
 * The layer x op score table, every column as wide as its widest entry (op name or score)
 * and one space apart, so wide numbers never run together.
 */
export function formatScoreTable(ops: readonly string[], scores: readonly (readonly number[])[]): string[] {
  const cells = scores.map((row) => row.map((v) => fmt(v)));
  const widths = ops.map((o, k) => Math.max(7, o.length, ...cells.map((row) => row[k]?.length ?? 0)));
  const line = (first: string, row: readonly string[]) => pad(first, 5) + ' ' + row.map((c, k) => pad(c, widths[k]! + 1)).join('');
  return [line('layer', ops), ...cells.map((row, l) => line(String(l), row))];
}

/** The run against the benchmark: what was found, and whether the ranking beats the trivial ones. */
export function formatGroundTruth(g: GroundTruth): string {
  const wd = (x: number) => (Number.isFinite(x) ? fmt(x, 3) : '— (constant within a depth)');
  const tau = (a: { kendall: number; spearman: number; withinDepthKendall: number }) =>
    `tau ${fmt(a.kendall, 3)}, rho ${fmt(a.spearman, 3)}, tau within depth ${wd(a.withinDepthKendall)}`;
  const lines = [
    `ground truth (${g.benchmark}: ${g.paths.toLocaleString('en')} networks trained for real, CIFAR-10 test accuracy):`,
    `  found (top-1): ${g.found.path} ${g.found.trueAccuracy.toFixed(2)}%, rank ${g.found.trueRank.toLocaleString('en')} of ${g.paths.toLocaleString('en')}, better than ${g.found.percentile.toFixed(1)}% of the networks`,
    `  best of the space: ${g.best.path} ${g.best.trueAccuracy.toFixed(2)}%; a random path: ${g.randomMean.toFixed(2)}% on average`,
  ];
  if (g.budget)
    lines.push(
      `  under the FLOPs budget: BN-NAS's optimum ${g.budget.exact ? `${g.budget.exact.path} ${g.budget.exact.trueAccuracy.toFixed(2)}%` : 'none'}; truly best ${g.budget.trueBest ? `${g.budget.trueBest.path} ${g.budget.trueBest.trueAccuracy.toFixed(2)}%` : 'none'}`,
    );
  const b = g.baselines;
  const noise = g.parts.opDifferences.noise.withinDepthKendall;
  const trivialWins = g.trivialPick.trueAccuracy > g.found.trueAccuracy;
  lines.push(
    `  trivial rule (${g.trivialPick.rule}): ${g.trivialPick.path} ${g.trivialPick.trueAccuracy.toFixed(2)}%, rank ${g.trivialPick.trueRank.toLocaleString('en')}: BN-NAS's top-1 ${trivialWins ? 'did not beat it' : g.trivialPick.trueAccuracy === g.found.trueAccuracy ? 'tied it' : 'beat it'}`,
    `  BN score vs truth (Identity rule '${g.parts.rule}'): ${tau(g)}`,
    `  both Identity rules: bn ${tau(g.rules.bn)}; skip ${tau(g.rules.skip)}`,
    `  the score split in two: layer levels alone ${tau(g.parts.layerLevels)}; op differences alone ${tau(g.parts.opDifferences)}`,
    `  op differences dealt to ops at random (${noise.draws} draws): tau within depth ${fmt(noise.mean, 3)} ± ${fmt(noise.sd, 3)}: ${insideNoise(g.parts.opDifferences.withinDepthKendall, noise) ? 'inside that band, so the op differences tell ops apart no better than chance' : 'outside that band'}`,
    `  trivial baselines: params ${tau(b.params)}; FLOPs ${tau(b.flops)}; depth ${tau(b.depth)}; #largest-op layers ${tau(b.largestOp)}; the untrained score's structure ${tau(b.structure)}; structural rule (Identity 0, reduction blocks 1, residual blocks r = ${fmt(b.structuralRule.r, 3)}) ${tau(b.structuralRule)}`,
    `  tau after each epoch: ${g.byEpoch.map((e) => fmt(e.kendall, 2)).join(' ')} (within depth: ${g.byEpoch.map((e) => fmt(e.withinDepthKendall, 2)).join(' ')})`,
  );
  if (g.spos) lines.push(`  on SPOS's ${g.spos.paths} sampled subnets: SPOS accuracy tau ${fmt(g.spos.kendall, 3)}, BN score tau ${fmt(g.spos.bnKendall, 3)}`);
  return lines.join('\n');
}

const seconds = (s: number) => (s < 1e-3 ? `${(s * 1e9).toFixed(0)} ns` : s < 1 ? `${(s * 1e3).toFixed(1)} ms` : `${s.toFixed(1)} s`);

/** Mode 'both': BN-NAS vs SPOS, measured side by side. */
export function formatComparison(c: Comparison): string {
  const n = c.sample.length;
  const row = (name: string, bn: string, spos: string, ratio: number | null) =>
    `${name.padEnd(26)} ${bn.padStart(12)} ${spos.padStart(12)} ${ratio === null ? '' : `${ratio.toPrecision(3)}x`.padStart(12)}`;
  const lines = [
    `BN-NAS vs SPOS (same data, seed and init; SPOS trains every weight at lr ${c.spos.lr}):`,
    row('', 'BN-NAS', 'SPOS', null) + '  SPOS / BN-NAS',
    row('supernet epochs', String(c.bn.epochs), String(c.spos.epochs), c.spos.epochs / c.bn.epochs),
    row('training s / epoch', seconds(c.bn.secondsPerEpoch), seconds(c.spos.secondsPerEpoch), c.speedup.trainPerEpoch),
    row('training total', seconds(c.bn.seconds), seconds(c.spos.seconds), c.speedup.trainTotal),
    row('evaluating one subnet', seconds(c.evaluation.bnSecondsPerSubnet), seconds(c.evaluation.sposSecondsPerSubnet), c.speedup.evaluation),
    '',
    `rank agreement over ${n} uniformly sampled subnets (Kendall tau; unrelated rankings: 0 ± ${nullKendallSd(n).toFixed(2)}):`,
    ...c.checkpoints.map(
      (k) => `  BN score (epoch ${c.bn.epochs}) vs SPOS accuracy at SPOS epoch ${k.epoch}: tau ${fmt(k.kendall, 3)}, rho ${fmt(k.spearman, 3)}`,
    ),
    ...(c.sposShortVsFinal === null ? [] : [`  SPOS at epoch ${c.checkpoints[0]!.epoch} vs SPOS at epoch ${c.spos.epochs}: tau ${fmt(c.sposShortVsFinal, 3)}`]),
    `  BN score after each BN-NAS epoch vs final SPOS: ${c.bnEpochsVsSpos.map((p) => fmt(p.kendall, 2)).join(' ')}`,
  ];
  const best = [...c.sample].sort((a, b) => b.sposAccuracy[b.sposAccuracy.length - 1]! - a.sposAccuracy[a.sposAccuracy.length - 1]!)[0]!;
  const bnBest = [...c.sample].sort((a, b) => b.bnScore - a.bnScore)[0]!;
  lines.push(
    `  best of the sample by SPOS: ${best.path} (${(best.sposAccuracy[best.sposAccuracy.length - 1]! * 100).toFixed(1)}%); by BN score: ${bnBest.path} (SPOS ${(bnBest.sposAccuracy[bnBest.sposAccuracy.length - 1]! * 100).toFixed(1)}%)`,
  );
  return lines.join('\n');
}
