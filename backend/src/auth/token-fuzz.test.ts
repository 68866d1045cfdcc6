/**
 * Property-based fuzzing (fast-check, fixed seeds) of Authorization headers
 * and token contents on every protected route of the tiny app: never a 5xx,
 * never data without a valid token of the right scope. The counts are printed.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { createTinyApplicationsApp, tinyBody } from '../testing/tiny-features.js';
import { TINY_IDS, type TinyApp } from '../testing/tiny-model.js';
import { signToken, TEST_AUDIENCE, TEST_ISSUER } from '../testing/tokens.js';
import { ALL_SCOPES } from './scopes.js';

const fuzzDefaults = { runs: 400, seed: 1111 } as const;
const id = TINY_IDS[0]!;
const ROUTES = [
  ['get', `/v1/clients/${id}`, 'clients:read'], ['get', '/v1/clients', 'clients:read'], ['get', `/v1/clients/${id}/explanation`, 'clients:read'],
  ['post', `/v1/clients/${id}/what-if`, 'clients:read'], ['post', '/v1/score', 'applications:batch'], ['get', '/v1/audit', 'audit:read'],
  ['get', '/metrics', 'metrics:read'], ['get', '/v1/population/stats', 'signed-in'], ['get', '/v1/model', 'signed-in'],
  ['post', '/v1/applications', 'applications:score'], ['post', '/v1/applications/batch', 'applications:batch'],
] as const;

function bodyOf(path: string): object {
  if (path.endsWith('what-if')) return { changes: { AMT_CREDIT: 200000 } };
  if (path === '/v1/applications') return tinyBody({ id: 'fuzz' });
  if (path === '/v1/applications/batch') return { applications: [tinyBody({ id: 'fuzz' })] };
  return { records: [{ id, AGE_YEARS: 40, AMT_CREDIT: 1000, CREDIT_INCOME_RATIO: 0.5 }] };
}

const b64 = (v: unknown): string => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const now = (): number => Math.floor(Date.now() / 1000);

/** Headers: random text, near-misses of the scheme, and token-shaped garbage. */
const header = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.tuple(fc.constantFrom('Bearer', 'bearer', 'BEARER', 'Basic', 'Token', 'Bearer:', 'Bearer\t', ''), fc.string({ maxLength: 300 })).map(([s, t]) => `${s} ${t}`),
  fc.tuple(fc.json(), fc.json(), fc.string({ maxLength: 80 })).map(([h, p, sig]) => `Bearer ${b64(h)}.${b64(p)}.${b64(sig)}`),
  fc.array(fc.base64String({ maxLength: 60 }), { minLength: 1, maxLength: 6 }).map((parts) => `Bearer ${parts.join('.')}`),
).map((h) => h.replace(/[^\t\x20-\x7e]/g, '')); // only what an HTTP header can carry

/** Validly signed tokens with fuzzed claims: any of them may be wrong, then the answer must be 401/403. */
/** Mostly right, sometimes wrong: each claim is valid 5 times out of 6, so every outcome is reached. */
const mostly = <T>(good: fc.Arbitrary<T>, ...bad: fc.Arbitrary<unknown>[]): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: good, weight: 5 * bad.length }, ...bad.map((arbitrary) => ({ arbitrary, weight: 1 })));
const claims = fc.record({
  iss: mostly(fc.constant(TEST_ISSUER), fc.string({ maxLength: 30 }), fc.constant(undefined), fc.integer()),
  aud: mostly(fc.constantFrom(TEST_AUDIENCE, [TEST_AUDIENCE, 'other']), fc.string({ maxLength: 20 }), fc.constant(undefined)),
  sub: mostly(fc.string({ minLength: 1, maxLength: 40 }), fc.constant(undefined), fc.integer(), fc.constant('')),
  exp: mostly(fc.integer({ min: 60, max: 3600 }).map((d) => now() + d), fc.integer({ min: -600, max: -60 }).map((d) => now() + d), fc.constant(undefined), fc.string({ maxLength: 5 })),
  nbf: mostly(fc.integer({ min: -600, max: 0 }).map((d) => now() + d), fc.integer({ min: 60, max: 600 }).map((d) => now() + d), fc.constant(undefined)),
  scope: fc.oneof(fc.subarray([...ALL_SCOPES, 'admin', 'clients:write']).map((s) => s.join(' ')), fc.string({ maxLength: 30 }), fc.constant(undefined)),
});

describe('token and header fuzzing', function () {
  this.timeout(120_000);
  let tiny: TinyApp;
  let server: ReturnType<TinyApp['app']['callback']>;
  const statuses = new Map<number, number>();
  let requests = 0;
  before(async () => {
    tiny = await createTinyApplicationsApp();
    server = tiny.app.callback();
  });
  after(() => {
    tiny.close();
    console.log(`      token fuzzing: ${requests} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  });

  async function send(route: (typeof ROUTES)[number], authorization: string): Promise<request.Response> {
    const [method, path] = route;
    const req = method === 'get' ? request(server).get(path) : request(server).post(path).send(bodyOf(path));
    const res = await req.set('Authorization', authorization);
    requests += 1;
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    expect(res.status, `${method} ${path} with ${authorization.slice(0, 80)}: ${res.text.slice(0, 200)}`).to.be.below(500);
    return res;
  }

  it('answers 401 (problem+json, WWW-Authenticate) to any malformed Authorization header, never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...ROUTES), header, async (route, authorization) => {
      const res = await send(route, authorization);
      expect(res.status).to.equal(401);
      expect(res.headers['www-authenticate']).to.match(/^Bearer realm=/);
      expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
    }), { numRuns: fuzzDefaults.runs, seed: fuzzDefaults.seed });
  });

  it('gives data only to a token whose every claim is right and whose scope covers the route', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...ROUTES), claims, async (route, c) => {
      const token = signToken({ claims: { ...c } });
      const res = await send(route, `Bearer ${token}`);
      const exp = typeof c.exp === 'number' ? c.exp : undefined;
      const nbf = typeof c.nbf === 'number' ? c.nbf : undefined;
      const valid = c.iss === TEST_ISSUER && (c.aud === TEST_AUDIENCE || Array.isArray(c.aud)) && typeof c.sub === 'string' && c.sub !== ''
        && exp !== undefined && exp > now() - 30 && (nbf === undefined || nbf <= now() + 30);
      const scopes = typeof c.scope === 'string' ? c.scope.split(' ') : [];
      const allowed = route[2] === 'signed-in' || scopes.includes(route[2]);
      // Within a second of the clock tolerance either answer is right: skip those edge cases.
      const edge = (exp !== undefined && Math.abs(exp - (now() - 30)) <= 2) || (nbf !== undefined && Math.abs(nbf - (now() + 30)) <= 2);
      if (edge) return;
      expect(res.status, JSON.stringify(c)).to.equal(!valid ? 401 : allowed ? 200 : 403);
    }), { numRuns: fuzzDefaults.runs, seed: fuzzDefaults.seed });
  });
});
