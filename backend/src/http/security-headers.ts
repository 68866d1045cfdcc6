/**
 * Security headers on every response. JSON endpoints get a CSP that allows
 * nothing; /docs sets its own (hash of its inline style). HSTS only in production,
 * where TLS terminates in front of the API.
 */
import type { Middleware } from 'koa';

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The headers every response carries, also those written outside Koa (http/client-error.ts). */
export function securityHeaderValues(production: boolean): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': API_CSP,
    'Cross-Origin-Opener-Policy': 'same-origin',
    // Client data is personal: nothing is cached unless a route opts in (ETag endpoints).
    'Cache-Control': 'no-store',
    ...(production ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

export function securityHeaders(production: boolean): Middleware {
  const headers = Object.entries(securityHeaderValues(production));
  return async (ctx, next) => {
    for (const [name, value] of headers) ctx.set(name, value);
    await next();
  };
}
