/**
 * Access control on the tiny app: every protected route (read from the
 * OpenAPI document, so a new route cannot slip through) refuses each kind of
 * bad token; the record of access holds exactly the accesses made here.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ALL_SCOPES, ROLE_SCOPES, type Scope } from './auth/scopes.js';
import { createTinyApplicationsApp, tinyBody } from './testing/tiny-features.js';
import { TINY_IDS, type TinyApp } from './testing/tiny-model.js';
import { bearer, signToken, TEST_ISSUER, type TokenOptions } from './testing/tokens.js';

type Json = Record<string, any>;

interface Route {
  method: 'get' | 'post';
  path: string;
  need: Scope | 'signed-in';
}

const id = TINY_IDS[0]!;
const BODIES: Record<string, unknown> = {
  '/v1/clients/:id/what-if': { changes: { AMT_CREDIT: 200000 } },
  '/v1/applications': tinyBody({ id: 'walk-in' }),
  '/v1/applications/batch': { applications: [tinyBody({ id: 'b-1' })] },
  '/v1/applications/what-if': { ...tinyBody(), changes: { AMT_CREDIT: 200000 } },
  // A record holding an input of every required application field (an id alone is under-specified).
  '/v1/score': { records: [{ id, AGE_YEARS: 40, AMT_CREDIT: 1000, CREDIT_INCOME_RATIO: 0.5 }] },
  // A new review id each time (the same id from another user would be a 409).
  '/v1/clients/:id/reviews': () => ({ id: randomUUID(), outcome: 'agree', reviewed_at: '2026-03-02T09:00:00Z' }),
};
/** 201 (a review stored) counts as the 200 of a permitted call. */
const allowedStatus = (status: number): number => (status === 201 ? 200 : status);
const now = (): number => Math.floor(Date.now() / 1000);

const BAD_TOKENS: Array<[string, TokenOptions]> = [
  ['expired', { claims: { exp: now() - 120, iat: now() - 600, nbf: now() - 600 } }],
  ['not yet valid', { claims: { nbf: now() + 600 } }],
  ['from another issuer', { claims: { iss: 'https://evil.example/' } }],
  ['for another audience', { claims: { aud: 'another-api' } }],
  ['signed by another key', { signer: 'stranger' }],
  ['unsigned (alg none)', { signer: 'none' }],
  ['HMAC-signed with the public key', { signer: 'hmac-public' }],
  ['without a subject', { claims: { sub: undefined } }],
  ['without an expiry', { claims: { exp: undefined } }],
];

/** Required query parameters of the routes that have some. */
const QUERIES: Record<string, string> = { '/v1/clients/points': '?x=AGE_YEARS&y=AMT_CREDIT' };

function bodyOf(path: string): object {
  const body = BODIES[path];
  return (typeof body === 'function' ? (body as () => object)() : body) as object;
}

function send(s: ReturnType<TinyApp['app']['callback']>, route: Route, auth?: string): request.Test {
  const path = route.path.replace(':id', String(id)) + (QUERIES[route.path] ?? '');
  const req = route.method === 'get' ? request(s).get(path) : request(s).post(path).send(bodyOf(route.path));
  return auth === undefined ? req : req.set('Authorization', auth);
}

function expectAuthProblem(res: request.Response, status: 401 | 403, error?: string): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
  expect(res.body.status).to.equal(status);
  const challenge = res.headers['www-authenticate'] as string;
  expect(challenge).to.match(/^Bearer realm="pad-scoring-api"/);
  if (error) expect(challenge).to.include(`error="${error}"`);
  else expect(challenge).to.not.include('error=');
  expect(res.body).to.not.have.any.keys('items', 'probability', 'features', 'family_status');
}

describe('access control', () => {
  let tiny: TinyApp;
  let server: ReturnType<TinyApp['app']['callback']>;
  let routes: Route[];

  before(async () => {
    tiny = await createTinyApplicationsApp();
    server = tiny.app.callback();
    const doc = (await request(server).get('/openapi.json').expect(200)).body as Json;
    routes = Object.entries(doc['paths'] as Json).flatMap(([path, methods]) => Object.entries(methods as Json)
      .filter(([, op]) => (op as Json)['x-required-scope'] !== undefined)
      .map(([method, op]) => ({ method: method as Route['method'], path: path.replace(/\{(\w+)\}/g, ':$1'), need: (op as Json)['x-required-scope'] })));
  });
  after(() => tiny.close());

  it('protects every route except /health, /ready, /openapi.json and /docs', () => {
    const open = ['/health', '/ready', '/openapi.json', '/docs'];
    expect(routes.map((r) => r.path)).to.not.include.members(open);
    expect(routes.length).to.be.at.least(13);
    expect(routes.find((r) => r.path === '/metrics')?.need).to.equal('metrics:read');
    expect(routes.find((r) => r.path === '/v1/audit')?.need).to.equal('audit:read');
    expect(routes.find((r) => r.path === '/v1/clients')?.need).to.equal('clients:read');
    expect(routes.find((r) => r.path === '/v1/score')?.need).to.equal('applications:batch');
    expect(routes.find((r) => r.path === '/v1/population/stats')?.need).to.equal('signed-in');
  });

  it('answers 401 with an RFC 6750 challenge and no data when the token is missing', async () => {
    for (const route of routes) expectAuthProblem(await send(server, route), 401);
  });

  it('answers 401 invalid_request when the Authorization header is not a bearer token', async () => {
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer  ', `Token ${signToken({ scopes: ALL_SCOPES })}`, 'Bearer a b', 'Bearer ' + 'x'.repeat(10_000)]) {
      expectAuthProblem(await send(server, routes[0]!, header), 401, 'invalid_request');
    }
  });

  for (const [name, options] of BAD_TOKENS) {
    it(`refuses a token ${name} on every protected route (401 invalid_token)`, async () => {
      const auth = bearer({ scopes: ALL_SCOPES, ...options });
      for (const route of routes) expectAuthProblem(await send(server, route, auth), 401, 'invalid_token');
    });
  }

  it('answers 403 insufficient_scope when the token lacks the route\'s scope', async () => {
    for (const route of routes.filter((r) => r.need !== 'signed-in')) {
      const others = ALL_SCOPES.filter((s) => s !== route.need);
      const res = await send(server, route, bearer({ scopes: others }));
      expectAuthProblem(res, 403, 'insufficient_scope');
      expect(res.headers['www-authenticate']).to.include(`scope="${route.need}"`);
    }
  });

  it('accepts the scheme name in any case (RFC 9110) and a valid token on every route', async () => {
    const token = signToken({ scopes: ALL_SCOPES });
    for (const [i, route] of routes.entries()) {
      const scheme = ['Bearer', 'bearer', 'BEARER', 'bEaReR'][i % 4]!;
      const res = await send(server, route, `${scheme} ${token}`);
      expect(allowedStatus(res.status), `${route.method} ${route.path}`).to.equal(200);
    }
  });

  it('accepts a token within the clock tolerance, and scopes from scp or roles claims', async () => {
    const list = routes.find((r) => r.path === '/v1/clients')!;
    await send(server, list, bearer({ scopes: ['clients:read'], claims: { nbf: now() + 10 } })).expect(200);
    await send(server, list, bearer({ claims: { scope: undefined, scp: 'clients:read' } })).expect(200);
    await send(server, list, bearer({ claims: { scope: undefined, roles: ['clients:read'] } })).expect(200);
  });

  it('gives each demo role exactly its routes: advisors read clients, tools batch-score, supervisors also audit', async () => {
    const allowed = (role: keyof typeof ROLE_SCOPES, route: Route): boolean =>
      route.need === 'signed-in' || (ROLE_SCOPES[role] as readonly string[]).includes(route.need);
    for (const role of Object.keys(ROLE_SCOPES) as Array<keyof typeof ROLE_SCOPES>) {
      const auth = bearer({ scopes: ROLE_SCOPES[role], sub: role });
      for (const route of routes) {
        const res = await send(server, route, auth);
        expect(allowedStatus(res.status), `${role} ${route.method} ${route.path}`).to.equal(allowed(role, route) ? 200 : 403);
      }
    }
  });

  it('leaves /health, /ready, /openapi.json and /docs open', async () => {
    for (const path of ['/health', '/ready', '/openapi.json', '/docs']) await request(server).get(path).expect(200);
  });
});

describe('record of access', () => {
  let tiny: TinyApp;
  let server: ReturnType<TinyApp['app']['callback']>;
  beforeEach(async () => {
    tiny = await createTinyApplicationsApp();
    server = tiny.app.callback();
  });
  afterEach(() => tiny.close());

  it('holds exactly the successful reads and scores of personal data, with who, what, route and model version', async () => {
    const advisor = bearer({ scopes: ROLE_SCOPES.advisor, sub: 'advisor-7', clientId: 'pad-dashboard' });
    const tool = bearer({ scopes: ROLE_SCOPES.tool, sub: 'svc-batch', clientId: 'pad-batch-tool' });
    await request(server).get('/v1/clients?limit=5').set('Authorization', advisor).expect(200);
    await request(server).get(`/v1/clients/${id}`).set('Authorization', advisor).set('X-Request-Id', 'req-file').expect(200);
    await request(server).get(`/v1/clients/${id}/score`).set('Authorization', advisor).expect(200);
    await request(server).get(`/v1/clients/${id}/explanation`).set('Authorization', advisor).expect(200);
    await request(server).post(`/v1/clients/${id}/what-if`).set('Authorization', advisor).send({ changes: { AMT_CREDIT: 200000 } }).expect(200);
    await request(server).post('/v1/applications').set('Authorization', advisor).send(tinyBody({ id: 'walk-in-9' })).expect(200);
    await request(server).post('/v1/score').set('Authorization', tool).send({ records: [TINY_IDS[0], TINY_IDS[1]].map((i) => ({ id: i, AGE_YEARS: 40, AMT_CREDIT: 1000, CREDIT_INCOME_RATIO: 0.5 })) }).expect(200);
    // Not recorded: refused, invalid or unknown, and reads that carry no personal data.
    await request(server).get(`/v1/clients/${id}`).expect(401);
    await request(server).get(`/v1/clients/${id}`).set('Authorization', tool).expect(403);
    await request(server).get('/v1/clients/999999999').set('Authorization', advisor).expect(404);
    await request(server).get('/v1/clients/abc').set('Authorization', advisor).expect(400);
    await request(server).get('/v1/population/stats').set('Authorization', advisor).expect(200);

    const page = await tiny.db.accessLog.page({ offset: 0, limit: 100 });
    expect(page.total).to.equal(7);
    const rows = page.items.reverse();
    expect(rows.map((r) => [r.method, r.route, r.clientId, r.records, r.subject, r.clientApp])).to.deep.equal([
      ['GET', '/v1/clients', null, 5, 'advisor-7', 'pad-dashboard'],
      ['GET', '/v1/clients/:id', String(id), 1, 'advisor-7', 'pad-dashboard'],
      ['GET', '/v1/clients/:id/score', String(id), 1, 'advisor-7', 'pad-dashboard'],
      ['GET', '/v1/clients/:id/explanation', String(id), 1, 'advisor-7', 'pad-dashboard'],
      ['POST', '/v1/clients/:id/what-if', String(id), 1, 'advisor-7', 'pad-dashboard'],
      ['POST', '/v1/applications', null, 1, 'advisor-7', 'pad-dashboard'],
      ['POST', '/v1/score', null, 2, 'svc-batch', 'pad-batch-tool'],
    ]);
    expect(rows.every((r) => r.modelVersion === '0.1.0')).to.equal(true);
    expect(rows[1]!.requestId).to.equal('req-file');
    // An application is recorded by the caller's id for it, never by its content.
    expect(rows[5]!.applicationId).to.equal('walk-in-9');
  });

  it('pages GET /v1/audit for supervisors, filtered by client, user and time', async () => {
    const advisor = bearer({ scopes: ROLE_SCOPES.advisor, sub: 'advisor-7' });
    const other = bearer({ scopes: ROLE_SCOPES.advisor, sub: 'advisor-8' });
    const supervisor = bearer({ scopes: ROLE_SCOPES.supervisor, sub: 'supervisor-1' });
    const before = new Date(Date.now() - 1000).toISOString();
    await request(server).get(`/v1/clients/${id}`).set('Authorization', advisor).expect(200);
    await request(server).get(`/v1/clients/${TINY_IDS[1]}`).set('Authorization', other).expect(200);
    await request(server).get(`/v1/clients/${id}/score`).set('Authorization', other).expect(200);

    await request(server).get('/v1/audit').set('Authorization', advisor).expect(403);
    const all = await request(server).get('/v1/audit').set('Authorization', supervisor).expect(200);
    expect(all.body.total).to.equal(3);
    expect(all.body.items[0].route).to.equal('/v1/clients/:id/score'); // newest first
    const byClient = await request(server).get(`/v1/audit?client=${id}`).set('Authorization', supervisor).expect(200);
    expect(byClient.body.items.map((r: Json) => r['subject'])).to.deep.equal(['advisor-8', 'advisor-7']);
    const byUser = await request(server).get('/v1/audit?subject=advisor-7').set('Authorization', supervisor).expect(200);
    expect(byUser.body.total).to.equal(1);
    const paged = await request(server).get('/v1/audit?limit=1&offset=1').set('Authorization', supervisor).expect(200);
    expect([paged.body.total, paged.body.items.length, paged.body.items[0].subject]).to.deep.equal([3, 1, 'advisor-8']);
    const inWindow = await request(server).get(`/v1/audit?from=${before}`).set('Authorization', supervisor).expect(200);
    expect(inWindow.body.total).to.equal(3);
    const future = await request(server).get('/v1/audit?from=2999-01-01').set('Authorization', supervisor).expect(200);
    expect(future.body.total).to.equal(0);
    const bad = await request(server).get('/v1/audit?from=yesterday&client=x&limit=0&extra=1').set('Authorization', supervisor).expect(400);
    expect(bad.body.errors.map((e: Json) => e['field']).sort()).to.deep.equal(['client', 'extra', 'from', 'limit']);
  });

  it('answers 500 and no data when the access cannot be recorded', async () => {
    tiny.deps.accessLog.append = () => Promise.reject(new Error('disk full'));
    const res = await request(server).get(`/v1/clients/${id}`).set('Authorization', bearer({ scopes: ALL_SCOPES }));
    expect(res.status).to.equal(500);
    expect(res.body).to.not.have.property('features');
  });

  it('logs the subject and the request id, never the client data', async () => {
    await request(server).get(`/v1/clients/${id}`).set('Authorization', bearer({ scopes: ALL_SCOPES, sub: 'advisor-9' })).set('X-Request-Id', 'r-42').expect(200);
    const line = tiny.logger.lines.find((l) => l['request_id'] === 'r-42')!;
    expect(line).to.include({ subject: 'advisor-9', route: '/v1/clients/:id' });
    expect(JSON.stringify(tiny.logger.lines)).to.not.match(/family_status|probability|EXT_SOURCE/);
    expect(TEST_ISSUER).to.be.a('string');
  });
});
