/**
 * createApp(deps): the Koa application, fully wired, never listening.
 * Middleware order matters: request context (id, log, metrics) sees the final
 * status; security headers and CORS are set before errors are rendered, so
 * problem responses carry them too.
 */
import Router from '@koa/router';
import Koa from 'koa';
import type { AppDeps } from './app-types.js';
import { requireApiKey } from './http/auth.js';
import { cors } from './http/cors.js';
import { errorHandler } from './http/error-handler.js';
import { rateLimit } from './http/rate-limit.js';
import { requestContext } from './http/request-context.js';
import { securityHeaders } from './http/security-headers.js';
import { unmatchedRoute } from './http/unmatched.js';
import { WorkGate } from './http/work-gate.js';
import { applicationRoutes } from './routes/applications.js';
import { clientRoutes } from './routes/clients.js';
import { healthRoutes } from './routes/health.js';
import { metaRoutes } from './routes/meta.js';
import { scoreRoutes } from './routes/score.js';
import { staticDocRoutes } from './routes/static-docs.js';
import { ApplicationService } from './services/applications.js';
import { ScoringService } from './services/scoring.js';

export type { AppDeps, AppState } from './app-types.js';

export function createApp(deps: AppDeps): Koa {
  // Behind a proxy, only the address the proxy itself appended (the last X-Forwarded-For entry) is
  // trusted: earlier entries come from the client and would let it dodge the per-IP rate limit.
  const app = new Koa({ proxy: deps.config.trustProxy, maxIpsCount: 1 });
  app.silent = true;
  app.on('error', (err: unknown, ctx?: Koa.Context) => {
    // Full details stay in the log; the client got a generic problem body.
    deps.logger.error({
      msg: 'unhandled error',
      request_id: ctx?.state['requestId'],
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      stack: err instanceof Error ? err.stack : undefined,
    });
  });

  const scoring = new ScoringService(deps.model, (kind, seconds, rows) => deps.metrics.observeInference(kind, seconds, rows),
    deps.config.shapCacheSize);
  const guard = requireApiKey(deps.config.apiKey);
  const router = new Router();
  healthRoutes(router, deps.state, deps.model.modelVersion);
  metaRoutes(router, deps);
  staticDocRoutes(router, deps);
  // One gate for every batch endpoint: their memory adds up whichever route they came by.
  const gate = new WorkGate();
  const apps = deps.applications;
  const service = apps ? new ApplicationService(scoring, apps.engine) : undefined;
  const whatIf = service && apps?.rawClients ? { applications: service, schema: apps.schema, rawClients: apps.rawClients } : undefined;
  clientRoutes(router, scoring, guard, deps.config.bodyLimitBytes, whatIf);
  scoreRoutes(router, scoring, guard, deps.config.bodyLimitBytes, gate, apps?.scoreRequirements);
  if (service && apps) applicationRoutes(router, { applications: service, schema: apps.schema, guard, bodyLimit: deps.config.bodyLimitBytes, gate });

  app.use(requestContext(deps.logger, deps.metrics));
  app.use(securityHeaders(deps.config.nodeEnv === 'production'));
  app.use(errorHandler());
  app.use(cors(deps.config.corsOrigins));
  app.use(rateLimit(deps.config.rateLimitPerMinute));
  app.use(router.routes());
  app.use(unmatchedRoute(router));
  return app;
}
