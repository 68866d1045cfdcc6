/**
 * Turns every thrown error into application/problem+json. Messages are
 * exposed only below 500; 5xx details go to the log, never to the client.
 */
import type { Middleware } from 'koa';
import { asAppError, PROBLEM_CONTENT_TYPE, toProblem } from '../errors.js';

export function errorHandler(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (thrown) {
      const err = asAppError(thrown);
      if (err.status >= 500 && err.status !== 503) ctx.app.emit('error', thrown, ctx);
      ctx.status = err.status;
      for (const [name, value] of Object.entries(err.headers)) ctx.set(name, value);
      // A failed request must not be cached, whatever the route had set.
      ctx.set('Cache-Control', 'no-store');
      ctx.remove('ETag');
      ctx.remove('Content-Encoding');
      ctx.body = toProblem(err, ctx.path.length > 200 ? undefined : ctx.path);
      ctx.type = PROBLEM_CONTENT_TYPE;
    }
  };
}
