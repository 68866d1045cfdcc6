/**
 * First middleware: request id (honour a sane incoming X-Request-Id, else a new
 * UUID), echoed in the response; then, once the response is final, one JSON
 * log line and the request metrics.
 */
import { randomUUID } from 'node:crypto';
import { Stream } from 'node:stream';
import type { Context, Middleware } from 'koa';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The route template (e.g. /v1/clients/:id) keeps metric label cardinality bounded. */
export function routeLabel(ctx: { _matchedRoute?: string | RegExp; path: string }): string {
  const matched = ctx._matchedRoute;
  return typeof matched === 'string' ? matched : 'unmatched';
}

/**
 * Koa would stringify an object body once for Content-Length and again to send
 * it; a 10 KB explanation is worth doing that once.
 */
function serializeOnce(ctx: Context): void {
  const body: unknown = ctx.body;
  if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body) && !(body instanceof Stream)) {
    const type = ctx.response.get('Content-Type');
    ctx.body = JSON.stringify(body);
    ctx.set('Content-Type', type || 'application/json; charset=utf-8');
  }
}

export function requestContext(logger: Logger, metrics: Metrics): Middleware {
  return async (ctx, next) => {
    const start = process.hrtime.bigint();
    const incoming = ctx.get('X-Request-Id');
    const requestId = SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    ctx.state['requestId'] = requestId;
    ctx.set('X-Request-Id', requestId);
    try {
      await next();
      serializeOnce(ctx);
    } finally {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const route = routeLabel(ctx as unknown as { _matchedRoute?: string; path: string });
      metrics.observeRequest(ctx.method, route, ctx.status, seconds);
      logger.info({
        msg: 'request',
        request_id: requestId,
        method: ctx.method,
        route,
        path: ctx.path.length > 200 ? `${ctx.path.slice(0, 200)}…` : ctx.path,
        status: ctx.status,
        duration_ms: Math.round(seconds * 1e6) / 1e3,
        bytes: ctx.response.length ?? null,
        ip: ctx.ip,
        // Who asked (the token's subject), never what they were told: no personal data in logs.
        subject: (ctx.state['user'] as { subject?: string } | undefined)?.subject ?? null,
      });
    }
  };
}
