/**
 * Route guard: `auth.need(SCOPES.clientsRead)` sits next to each protected
 * path. It reads the bearer token (scheme name case-insensitive, RFC 9110
 * §11.1), verifies it once per request, sets ctx.state.user and answers
 * 401 / 403 with the RFC 6750 WWW-Authenticate challenge.
 */
import type { Context, Middleware } from 'koa';
import { ForbiddenError, ServiceUnavailableError, UnauthorizedError } from '../errors.js';
import type { Need } from './scopes.js';
import { KeysUnavailableError, TokenError, type User, type VerifyToken } from './token-verifier.js';

/** RFC 6750 b64token, after "Bearer" and at least one space. */
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

export const guardDefaults = { realm: 'pad-scoring-api', maxTokenLength: 8_192 } as const;

export interface Guard {
  need(need: Need): Middleware;
}

/** The signed-in user of a request that went through a guard. */
export function userOf(ctx: Context): User | undefined {
  return ctx.state['user'] as User | undefined;
}

async function authenticate(ctx: Context, verify: VerifyToken): Promise<User> {
  const header = ctx.get('Authorization');
  if (header === '') throw new UnauthorizedError('A bearer access token is required (Authorization: Bearer <token>)');
  const match = header.length <= guardDefaults.maxTokenLength ? BEARER.exec(header) : null;
  if (!match) throw new UnauthorizedError('The Authorization header must be "Bearer <access token>"', 'invalid_request');
  try {
    return await verify(match[1]!);
  } catch (err) {
    if (err instanceof TokenError) throw new UnauthorizedError(`The access token is not valid: ${err.reason}`, 'invalid_token');
    if (err instanceof KeysUnavailableError) throw new ServiceUnavailableError('The identity provider cannot be reached; try again shortly');
    throw err;
  }
}

export function createGuard(verify: VerifyToken): Guard {
  return {
    need(need) {
      return async (ctx, next) => {
        const user = userOf(ctx) ?? (await authenticate(ctx, verify));
        ctx.state['user'] = user;
        if (need !== 'signed-in' && !user.scopes.has(need)) throw new ForbiddenError(need);
        return next();
      };
    },
  };
}
