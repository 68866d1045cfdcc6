/**
 * Security headers on every response. JSON endpoints get a CSP that allows
 * nothing; /docs sets its own (hash of its inline style). HSTS only in production,
 * where TLS terminates in front of the API.
 */
import type { Middleware } from 'koa';

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function securityHeaders(production: boolean): Middleware {
  return async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Content-Security-Policy', API_CSP);
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    // Client data is personal: nothing is cached unless a route opts in (ETag endpoints).
    ctx.set('Cache-Control', 'no-store');
    if (production) ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    await next();
  };
}
