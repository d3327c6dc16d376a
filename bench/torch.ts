/**
 * `npm run bench:torch`: the same default-supernet paths and steps in tfjs
 * WASM (Node, one thread) and in PyTorch CPU (Debian's python3-torch) on 1 and
 * on 2 threads, one after the other in one run, with the WASM / PyTorch ratio
 * per figure. The 1-thread column is the like-for-like one.
 */
import { execFileSync } from 'node:child_process';
import { DEFAULT_CONFIG } from '../src/config';
import { selectNodeBackend } from '../src/cli/backend';
import { measureSteps } from './steps';

interface TorchResult {
  torch: string;
  threads: number;
  scope: string;
  forwardMs: number;
  bnStepMs: number;
  fullStepMs: number;
}

async function main() {
  const backend = await selectNodeBackend('auto');
  const wasm = await measureSteps({ paths: 3, repeats: 3 });
  const python = process.env.TORCH_PYTHON ?? '/usr/bin/python3';
  // The BN-only step trains the same BNs as the tfjs bench (the default config's bnscope).
  const torch = (threads: number) =>
    JSON.parse(
      execFileSync(python, ['bench/torch_step.py', '--threads', String(threads), '--scope', DEFAULT_CONFIG.bnscope, ...wasm.paths], { encoding: 'utf8' }),
    ) as TorchResult;
  const t1 = torch(1),
    t2 = torch(2);
  const ms = (v: number) => `${v < 100 ? v.toFixed(1) : v.toFixed(0)} ms`;
  const ratio = (a: number | null, b: number) => (a == null ? '—' : `${(a / b).toFixed(1)}x`);
  const row = (name: string, key: 'forwardMs' | 'bnStepMs' | 'fullStepMs') => {
    const a = wasm[key];
    return `| ${name} | ${a == null ? '—' : ms(a)} | ${ms(t1[key])} | ${ratio(a, t1[key])} | ${ms(t2[key])} | ${ratio(a, t2[key])} |`;
  };
  console.log(`
Default supernet, paths ${wasm.paths.join(', ')}, batch 64, BN-only scope '${DEFAULT_CONFIG.bnscope}'
(tfjs ${wasm.backend} in Node ${process.version}${backend.name === 'wasm' ? ', 1 thread' : ''} vs PyTorch ${t1.torch} CPU)

| figure | tfjs ${wasm.backend} | PyTorch 1 thread | ratio | PyTorch ${t2.threads} threads | ratio |
| --- | --- | --- | --- | --- | --- |
${row('forward', 'forwardMs')}
${row('BN-only step', 'bnStepMs')}
${row('full step', 'fullStepMs')}
| BN-only / full | ${wasm.bnOverFull?.toFixed(2) ?? '—'} | ${(t1.bnStepMs / t1.fullStepMs).toFixed(2)} | | ${(t2.bnStepMs / t2.fullStepMs).toFixed(2)} | |
`);
}

void main();
