/** The module worker: exposes the engine API through comlink. Training never runs on the page's thread. */
import * as Comlink from 'comlink';
import { engineApi } from './api';

Comlink.expose(engineApi);
