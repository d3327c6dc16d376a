// Prints one summary line per report JSON.
import { readFileSync } from 'node:fs';
for (const f of process.argv.slice(2)) {
  const j = JSON.parse(readFileSync(f, 'utf8'));
  const c = j.config, g = j.groundTruth;
  const f3 = (x: number | null | undefined) => (x == null ? '—' : x.toFixed(3));
  const st = j.stability ?? j.seedAgreement;
  const seedTau = j.seedAgreement?.kendall ?? j.stability?.seedAgreement?.kendall ?? j.stability?.kendall;
  console.log([f.split('/').pop(), `w${c.width}`, `e${c.epochs}`, `n${c.n}`, `seed${c.seed}`, `lr${c.lr}`, c.opt, c.bnscope, `head:${c.head}`,
    `tau ${f3(g.kendall)}`, `wd ${f3(g.withinDepthKendall)}`, `rho ${f3(g.spearman)}`,
    `top1 ${g.found.trueAccuracy.toFixed(2)}% p${g.found.percentile.toFixed(1)}`, `2seed ${f3(seedTau)}`,
    `${j.supernet.seconds.toFixed(1)}s`, `byEp ${g.byEpoch.map((e: any) => e.kendall.toFixed(2) + '/' + e.withinDepthKendall.toFixed(2)).join(' ')}`].join(' | '));
}
