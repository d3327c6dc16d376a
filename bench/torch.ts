/**
 * `npm run bench:torch`: the same default-supernet paths and steps in tfjs
 * WASM (Node) and in PyTorch CPU (Debian's python3-torch, 2 threads), one
 * after the other in one run, with the WASM / PyTorch ratio per figure.
 */
import { execFileSync } from 'node:child_process';
import { selectNodeBackend } from '../src/cli/backend';
import { measureSteps } from './steps';

async function main() {
  await selectNodeBackend('auto');
  const wasm = await measureSteps({ paths: 3, repeats: 3 });
  const python = process.env.TORCH_PYTHON ?? '/usr/bin/python3';
  const torch = JSON.parse(execFileSync(python, ['bench/torch_step.py', ...wasm.paths], { encoding: 'utf8' })) as { torch: string; threads: number; forwardMs: number; bnStepMs: number; fullStepMs: number };
  const row = (name: string, a: number | null, b: number) => `| ${name} | ${a == null ? '—' : a.toFixed(0)} ms | ${b.toFixed(1)} ms | ${a == null ? '—' : (a / b).toFixed(1) + 'x'} |`;
  console.log(`
Default supernet, paths ${wasm.paths.join(', ')}, batch 64 (tfjs ${wasm.backend} in Node vs PyTorch ${torch.torch} CPU, ${torch.threads} threads)

| figure | tfjs ${wasm.backend} | PyTorch | ratio |
| --- | --- | --- | --- |
${row('forward', wasm.forwardMs, torch.forwardMs)}
${row('BN-only step', wasm.bnStepMs, torch.bnStepMs)}
${row('full step', wasm.fullStepMs, torch.fullStepMs)}
| BN-only / full | ${wasm.bnOverFull?.toFixed(2) ?? '—'} | ${(torch.bnStepMs / torch.fullStepMs).toFixed(2)} | |
`);
}

void main();
