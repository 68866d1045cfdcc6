/** supertest agents that send a test token with every request. */
import type http from 'node:http';
import request from 'supertest';
import { ALL_SCOPES } from '../auth/scopes.js';
import { bearer, type TokenOptions } from './tokens.js';

type Target = Parameters<typeof request.agent>[0];

/** Every scope unless told: the tests of what a route does, not of who may call it. */
export function signedIn(target: Target | http.Server, options: TokenOptions = { scopes: ALL_SCOPES }): ReturnType<typeof request.agent> {
  return request.agent(target as Target).set('Authorization', bearer(options));
}
