/**
 * Optional bearer key for POST endpoints (API_KEY). Compared in constant time
 * over SHA-256 digests, so neither content nor length leaks through timing.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Middleware } from 'koa';
import { UnauthorizedError } from '../errors.js';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export function keyMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/** No-op when apiKey is undefined. */
export function requireApiKey(apiKey: string | undefined): Middleware {
  if (apiKey === undefined) return async (_ctx, next) => next();
  return async (ctx, next) => {
    const header = ctx.get('Authorization');
    const match = /^Bearer ([\x21-\x7e]+)$/.exec(header);
    if (!match) throw new UnauthorizedError('Authorization: Bearer <API key> is required');
    if (!keyMatches(match[1]!, apiKey)) throw new UnauthorizedError('The API key is not valid');
    return next();
  };
}
