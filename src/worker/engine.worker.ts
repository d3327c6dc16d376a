/** The module worker: exposes the engine API through comlink. Training never runs on the page's thread. */
import * as Comlink from 'comlink';
import { engineApi } from './api';

// Acknowledge every call as it arrives, before comlink runs it (listeners fire in the order added): the page
// then knows this worker is alive even while a call goes on to a long step (state/watchdog.ts).
self.addEventListener('message', (e: MessageEvent) => {
  const id = (e.data as { id?: unknown } | null)?.id;
  if (typeof id === 'string') self.postMessage({ bnnasAck: id });
});
Comlink.expose(engineApi);
