/** Liveness (/health) and readiness (/ready: 503 until loaded and while shutting down). */
import type Router from '@koa/router';
import { ServiceUnavailableError } from '../errors.js';
import type { AppState } from '../app-types.js';

export function healthRoutes(router: Router, state: AppState, modelVersion: string): void {
  router.get('/health', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/ready', (ctx) => {
    if (!state.ready) throw new ServiceUnavailableError(state.shuttingDown ? 'The API is shutting down' : 'The model is not loaded yet');
    ctx.body = { status: 'ready', model_version: modelVersion };
  });
}
