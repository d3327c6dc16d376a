// Averages the `scores` matrices of several report JSONs (e.g. different seeds) and ranks all
// 6,561 NAS-Bench-Macro paths by the summed averaged score against the table.
// usage: npx tsx scratch/nbm/avg.ts a.json b.json ...   (--oracle: also the best additive per-op score, least squares)
import { readFileSync } from 'node:fs';
import { parseNbMacroTable, rankAgreement, pathScoresOf, groundTruthReportOf } from '../../src/engine/truth';

const table = parseNbMacroTable(new Uint8Array(readFileSync('public/nas-bench-macro.bin')));
const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
const f3 = (x: number) => x.toFixed(3);
function show(label: string, scores: number[][]) {
  const pred = pathScoresOf(scores);
  const a = rankAgreement(pred, table.mean, table.depth);
  const g = groundTruthReportOf(table, pred);
  console.log(`${label}: tau ${f3(a.kendall)} | within depth ${f3(a.withinDepthKendall)} | rho ${f3(a.spearman)} | top-1 ${g.found.path} ${g.found.trueAccuracy.toFixed(2)}% p${g.found.percentile.toFixed(1)}`);
}
if (files.length) {
  const mats = files.map((f) => JSON.parse(readFileSync(f, 'utf8')).scores as number[][]);
  const avg = mats[0]!.map((row, l) => row.map((_, o) => mats.reduce((s, m) => s + m[l]![o]!, 0) / mats.length));
  for (let i = 0; i < files.length; i++) show(files[i]!.split('/').pop()!, mats[i]!);
  show(`mean of ${files.length}`, avg);
  console.log('averaged scores:\n' + avg.map((r) => r.map((x) => x.toFixed(4)).join('  ')).join('\n'));
  // Pairwise tau between the seeds' path rankings.
  for (let i = 0; i < mats.length; i++) for (let j = i + 1; j < mats.length; j++) {
    const a = rankAgreement(pathScoresOf(mats[i]!), pathScoresOf(mats[j]!), table.depth);
    console.log(`tau(${i},${j}) = ${f3(a.kendall)}  within depth ${f3(a.withinDepthKendall)}`);
  }
}
if (args.includes('--oracle')) {
  // Least-squares additive model acc ~ sum_l w[l][op_l] (one-hot, op 0 of each layer as reference).
  const L = table.layers, K = table.numOps, P = 1 + L * (K - 1);
  const XtX = Array.from({ length: P }, () => new Float64Array(P)), Xty = new Float64Array(P);
  const x = new Float64Array(P);
  for (let i = 0; i < table.count; i++) {
    x.fill(0); x[0] = 1;
    let r = i;
    for (let l = L - 1; l >= 0; l--) { const op = r % K; r = Math.floor(r / K); if (op > 0) x[1 + l * (K - 1) + op - 1] = 1; }
    for (let p = 0; p < P; p++) { Xty[p] += x[p]! * table.mean[i]!; for (let q = 0; q < P; q++) XtX[p]![q] += x[p]! * x[q]!; }
  }
  // Gaussian elimination.
  const A = XtX.map((row, p) => [...row, Xty[p]!]);
  for (let c = 0; c < P; c++) {
    let piv = c; for (let r = c + 1; r < P; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[piv]![c]!)) piv = r;
    [A[c], A[piv]] = [A[piv]!, A[c]!];
    for (let r = 0; r < P; r++) if (r !== c) { const f = A[r]![c]! / A[c]![c]!; for (let k = c; k <= P; k++) A[r]![k]! -= f * A[c]![k]!; }
  }
  const w = A.map((row, p) => row[P]! / row[p]!);
  const scores = Array.from({ length: L }, (_, l) => [0, ...Array.from({ length: K - 1 }, (_, o) => w[1 + l * (K - 1) + o]!)]);
  console.log('oracle additive weights (acc points vs Identity):\n' + scores.map((r) => r.map((v) => v.toFixed(2)).join('  ')).join('\n'));
  show('oracle additive (least squares on the table)', scores);
  show('oracle signs only: Identity 0, MB3 1, MB6 1', scores.map(() => [0, 1, 1]));
  show('Identity 0, MB3 1, MB6 1.05', scores.map(() => [0, 1, 1.05]));
}
