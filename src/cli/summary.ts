/** The human-readable run summary the CLI prints on stdout. */
import type { ExperimentResult } from '../engine/experiment';
import { gammaSpread } from '../engine/experiment';
import type { SearchSpace } from '../engine/space';
import type { CliReport } from './report';

const pad = (s: string, n: number) => s.padStart(n);
const fmt = (x: number, d = 4) => x.toFixed(d);

export function formatSummary(report: CliReport, result: ExperimentResult, space: SearchSpace): string {
  const lines: string[] = [];
  const { supernet } = result;
  lines.push(`BN-NAS ${supernet.mode === 'bn' ? 'BN-only' : 'full (SPOS)'} supernet on ${report.data.source}: ${report.data.train} train / ${report.data.val} val images, backend ${report.backend}`);
  lines.push(`space: ${space.layers.length} layers x ${space.ops.length} ops = ${report.space.paths.toLocaleString('en')} paths`);
  lines.push('');
  lines.push('epoch   loss   train acc  val acc  s/epoch  img/s  tau vs final');
  result.epochs.forEach((e, i) => lines.push(
    `${pad(String(e.epoch), 5)} ${fmt(e.loss)} ${pad(fmt(e.trainAccuracy * 100, 1), 9)}% ${e.valAccuracy === null ? '     —  ' : pad(fmt(e.valAccuracy * 100, 1), 7) + '%'} ${pad(fmt(e.seconds, 1), 8)} ${pad(e.imagesPerSecond.toFixed(0), 6)}  ${fmt(result.stability[i]!.kendallVsFinal, 3)}`));
  lines.push('');
  lines.push('op scores (mean |gamma| of each op\'s last BN; identity skip has no BN → 0):');
  lines.push('layer ' + space.ops.map((o) => pad(o, 8)).join(''));
  result.scores.forEach((row, l) => lines.push(pad(String(l), 5) + ' ' + row.map((v) => pad(fmt(v), 8)).join('')));
  const spread = gammaSpread(result.scores);
  lines.push(`score spread: min ${fmt(spread.min)}  max ${fmt(spread.max)}  (max−min)/mean ${fmt(spread.relative * 100, 2)}%`);
  lines.push('');
  lines.push(`top ${report.top.length} paths (score = sum over layers):`);
  report.top.forEach((r, i) => lines.push(`${pad(String(i + 1), 3)}. ${r.path}  ${fmt(r.score)}  ${(r.flops / 1e6).toFixed(2)} MFLOPs  ${(r.params / 1e3).toFixed(1)}k params  ${r.ops.join(' ')}`));
  lines.push('');
  const c = report.constrained;
  lines.push(`best under ${(c.flops / 1e6).toFixed(2)} MFLOPs: exact ${c.exact ? `${c.exact.path} score ${fmt(c.exact.score)} (${(c.exact.flops / 1e6).toFixed(2)} MFLOPs)` : 'none fits'}`);
  lines.push(`  evolutionary: ${c.evolutionary ? `${c.evolutionary.path} score ${fmt(c.evolutionary.score)} after ${c.evolutionary.evaluated} paths (gap ${fmt(c.evolutionary.gap, 5)})` : 'none found'}`);
  lines.push('');
  lines.push(`supernet: ${supernet.steps} steps in ${fmt(supernet.seconds, 1)} s, ${supernet.imagesPerSecond.toFixed(0)} img/s; trains ${supernet.trainableParams.toLocaleString('en')} of ${supernet.totalParams.toLocaleString('en')} params; ranking + search ${fmt(report.rankSeconds * 1000, 1)} ms`);
  if (report.seedAgreement) {
    const [first, ...others] = report.seedAgreement.seeds;
    lines.push(`seed agreement: Kendall tau ${fmt(report.seedAgreement.kendall, 3)} between the path rankings of seed ${first} and seed ${others.join(others.length > 1 ? ', ' : '')}${others.length > 1 ? ' (mean)' : ''}`);
  }
  return lines.join('\n');
}
