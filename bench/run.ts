/** One browser bench run: pick the backend the same way the app's worker does, then time the steps. */
import { selectBrowserBackend } from '../src/worker/backend';
import { measureSteps } from './steps';

export interface BenchParams {
  backend: 'wasm' | 'webgl' | 'webgpu' | 'cpu';
  paths: number;
  repeats: number;
  skipFull: boolean;
  hash?: string;
}

export async function runBench(p: BenchParams) {
  const info = await selectBrowserBackend(p.backend);
  const steps = await measureSteps({ paths: p.paths, repeats: p.repeats, skipFull: p.skipFull, hash: p.hash });
  return { backendInfo: info, steps };
}
