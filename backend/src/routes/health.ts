/** Liveness (/health) and readiness (/ready: 503 until loaded, while shutting down, and once the store proved corrupt). */
import type Router from '@koa/router';
import { ServiceUnavailableError, StoreCorruptError } from '../errors.js';
import type { AppState } from '../app-types.js';
import { storeCorruption, storeVerification } from '../store/store-checksum.js';

export function healthRoutes(router: Router, state: AppState, modelVersion: string): void {
  router.get('/health', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/ready', (ctx) => {
    if (!state.ready) throw new ServiceUnavailableError(state.shuttingDown ? 'The API is shutting down' : 'The model is not loaded yet');
    // A chunk of clients.sqlite failed its checksum: this machine must be replaced, not retried.
    const corruption = storeCorruption();
    if (corruption !== undefined) throw new StoreCorruptError(corruption);
    // Share of the client store's chunks verified so far (the background sweep; reads verify theirs first).
    const { checked, chunks } = storeVerification();
    ctx.body = { status: 'ready', model_version: modelVersion, store_verified: chunks === 0 ? 1 : Math.round((checked / chunks) * 1e4) / 1e4 };
  });
}
