/**
 * CORS for the dashboard, which runs on another origin. Only origins in the
 * allow-list are echoed back (never "*"); preflights from others get a 403.
 */
import type { Middleware } from 'koa';
import { AppError } from '../errors.js';

export const corsDefaults = {
  methods: 'GET, HEAD, POST, OPTIONS',
  allowHeaders: 'Content-Type, Authorization, X-Request-Id, If-None-Match',
  exposeHeaders: 'ETag, X-Request-Id, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, WWW-Authenticate',
  maxAgeSeconds: 600,
} as const;

export function cors(allowedOrigins: string[]): Middleware {
  const allowed = new Set(allowedOrigins);
  return async (ctx, next) => {
    const origin = ctx.get('Origin');
    ctx.vary('Origin');
    const preflight = ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method') !== '';
    if (origin === '' || !allowed.has(origin)) {
      if (preflight) {
        throw new AppError(403, 'cors-origin-denied', 'This origin is not allowed to call the API', [{ field: 'Origin', message: 'not in CORS_ORIGINS' }]);
      }
      await next();
      return;
    }
    ctx.set('Access-Control-Allow-Origin', origin);
    ctx.set('Access-Control-Expose-Headers', corsDefaults.exposeHeaders);
    if (preflight) {
      ctx.set('Access-Control-Allow-Methods', corsDefaults.methods);
      ctx.set('Access-Control-Allow-Headers', corsDefaults.allowHeaders);
      ctx.set('Access-Control-Max-Age', String(corsDefaults.maxAgeSeconds));
      ctx.status = 204;
      return;
    }
    await next();
  };
}
