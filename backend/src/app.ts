/**
 * createApp(deps): the Koa application, fully wired, never listening.
 * Middleware order matters: request context (id, log, metrics) sees the final
 * status; security headers and CORS are set before errors are rendered, so
 * problem responses carry them too.
 */
import Router from '@koa/router';
import Koa from 'koa';
import type { AppDeps } from './app-types.js';
import { createGuard } from './auth/guard.js';
import { defaults } from './config.js';
import { describeApplicationAccess, recordAccess } from './http/access-record.js';
import { isClientSideError } from './http/client-error.js';
import { cors } from './http/cors.js';
import { errorHandler } from './http/error-handler.js';
import { rateLimit } from './http/rate-limit.js';
import { requestContext } from './http/request-context.js';
import { securityHeaders } from './http/security-headers.js';
import { unmatchedRoute } from './http/unmatched.js';
import { WorkGate } from './http/work-gate.js';
import { applicationRoutes } from './routes/applications.js';
import { auditRoutes } from './routes/audit.js';
import { clientRoutes } from './routes/clients.js';
import { healthRoutes } from './routes/health.js';
import { metaRoutes } from './routes/meta.js';
import { reviewFilter } from './routes/review-filter.js';
import { reviewRoutes } from './routes/reviews.js';
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
    if (isClientSideError(err)) {
      deps.logger.warn({ msg: 'client error', request_id: ctx?.state['requestId'], error: err instanceof Error ? err.message.slice(0, 120) : String(err) });
      return;
    }
    // Full details stay in the log; the client got a generic problem body.
    deps.logger.error({
      msg: 'unhandled error',
      request_id: ctx?.state['requestId'],
      error: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
      stack: err instanceof Error ? err.stack : undefined,
    });
  });

  const scoring = new ScoringService(deps.model, (kind, seconds, rows) => deps.metrics.observeInference(kind, seconds, rows),
    deps.config.shapCacheBytes);
  // Each route names the scope it needs next to its path (auth.need); see docs/api.md for the table.
  const auth = createGuard(deps.verifyToken);
  const record = recordAccess(deps.accessLog, deps.model.modelVersion);
  const router = new Router();
  healthRoutes(router, deps.state, deps.model.modelVersion);
  metaRoutes(router, deps, auth);
  staticDocRoutes(router, deps, auth);
  // One gate for every batch endpoint: their memory adds up whichever route they came by.
  const gate = new WorkGate();
  const apps = deps.applications;
  const service = apps ? new ApplicationService(scoring, apps.engine) : undefined;
  const whatIf = service && apps?.rawClients ? { applications: service, schema: apps.schema, rawClients: apps.rawClients } : undefined;
  clientRoutes(router, scoring, auth, record, deps.config.bodyLimitBytes, reviewFilter(deps.reviews), whatIf);
  scoreRoutes(router, scoring, auth, record, deps.config.bodyLimitBytes, gate, apps?.scoreRequirements);
  if (service && apps) applicationRoutes(router, { applications: service, schema: apps.schema, auth, record: recordAccess(deps.accessLog, deps.model.modelVersion, describeApplicationAccess), bodyLimit: deps.config.bodyLimitBytes,
    batchBodyLimit: deps.config.batchBodyLimitBytes ?? defaults.batchBodyLimitBytes, gate });
  auditRoutes(router, auth, deps.accessLog);
  reviewRoutes(router, scoring, deps.reviews, auth, record);

  app.use(requestContext(deps.logger, deps.metrics));
  app.use(async (ctx, next) => {
    // While draining, each answer ends its connection: a busy keep-alive client cannot hold the exit.
    if (deps.state.shuttingDown) ctx.set('Connection', 'close');
    ctx.state['bodyTimeoutMs'] = deps.config.bodyTimeoutMs;
    await next();
  });
  app.use(securityHeaders(deps.config.nodeEnv === 'production'));
  app.use(errorHandler());
  app.use(cors(deps.config.corsOrigins));
  app.use(rateLimit(deps.config.rateLimitPerMinute));
  app.use(router.routes());
  app.use(unmatchedRoute(router));
  return app;
}
