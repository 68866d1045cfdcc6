/**
 * Runs when no route answered: 405 with Allow when the path exists under
 * another method, 204 with Allow for a plain OPTIONS, else a 404 problem.
 */
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { MethodNotAllowedError, NotFoundError } from '../errors.js';

export function allowedMethods(router: Router, path: string): string[] {
  const methods = new Set<string>();
  for (const layer of router.match(path, 'GET').path) for (const m of layer.methods) methods.add(m);
  if (methods.size > 0) methods.add('OPTIONS');
  return [...methods].sort();
}

export function unmatchedRoute(router: Router): Middleware {
  return async (ctx, next) => {
    await next();
    if (ctx.body !== undefined || ctx.status !== 404) return;
    const allowed = allowedMethods(router, ctx.path);
    if (allowed.length === 0) {
      throw new NotFoundError(`No resource at ${ctx.path.length > 100 ? `${ctx.path.slice(0, 100)}…` : ctx.path}`, [{ field: 'path', message: 'unknown route' }]);
    }
    if (ctx.method === 'OPTIONS') {
      ctx.set('Allow', allowed.join(', '));
      ctx.status = 204;
      return;
    }
    throw new MethodNotAllowedError(ctx.method, allowed);
  };
}
