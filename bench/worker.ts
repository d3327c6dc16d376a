import { runBench, type BenchParams } from './run';

self.onmessage = async (e: MessageEvent<BenchParams>) => {
  try {
    self.postMessage(await runBench(e.data));
  } catch (err) {
    self.postMessage({ error: (err as Error).message });
  }
};
