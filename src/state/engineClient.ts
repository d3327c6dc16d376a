/** The one worker and its typed comlink wrapper. The page imports only the API's type. */
import * as Comlink from 'comlink';
import type { EngineApi } from '../worker/api';

let remote: Comlink.Remote<EngineApi> | null = null;

export function engine(): Comlink.Remote<EngineApi> {
  if (!remote) {
    const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'bn-nas-engine' });
    remote = Comlink.wrap<EngineApi>(worker);
  }
  return remote;
}

export { Comlink };
