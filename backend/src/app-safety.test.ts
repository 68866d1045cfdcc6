/** Cross-cutting HTTP behaviour: routing errors, CORS, headers, request ids, logs, rate limit, docs. */
import { expect } from 'chai';
import request from 'supertest';
import { signedIn } from './testing/signed-in.js';
import { createTinyApplicationsApp } from './testing/tiny-features.js';
import { createTinyApp, TINY_IDS, type TinyApp } from './testing/tiny-model.js';

function expectProblem(res: request.Response, status: number): void {
  expect(res.status).to.equal(status);
  expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
  expect(res.body.status).to.equal(status);
}

describe('API safety (tiny model)', () => {
  let tiny: TinyApp;
  let server: ReturnType<TinyApp['app']['callback']>;

  before(async () => {
    tiny = await createTinyApplicationsApp();
    server = tiny.app.callback();
  });
  after(() => tiny.close());

  describe('routing', () => {
    it('answers 404 problem for an unknown route', async () => {
      const res = await signedIn(server).get('/v2/clients');
      expectProblem(res, 404);
      expect(res.body.errors[0].field).to.equal('path');
    });

    it('answers 405 with Allow for a wrong method', async () => {
      const post = await signedIn(server).post('/v1/clients/100001/score').send({});
      expectProblem(post, 405);
      expect(post.headers['allow']).to.equal('GET, HEAD, OPTIONS');
      const del = await signedIn(server).delete('/v1/score');
      expectProblem(del, 405);
      expect(del.headers['allow']).to.equal('OPTIONS, POST');
      expectProblem(await signedIn(server).put('/health'), 405);
    });

    it('answers a plain OPTIONS with 204 and Allow', async () => {
      const res = await signedIn(server).options('/v1/clients').expect(204);
      expect(res.headers['allow']).to.equal('GET, HEAD, OPTIONS');
    });

    it('answers HEAD like GET without a body', async () => {
      const res = await signedIn(server).head(`/v1/clients/${TINY_IDS[0]}`).expect(200);
      expect(res.text).to.equal(undefined);
    });
  });

  describe('CORS', () => {
    it('echoes an allowed origin, never "*"', async () => {
      const res = await signedIn(server).get('/health').set('Origin', 'http://localhost:5173').expect(200);
      expect(res.headers['access-control-allow-origin']).to.equal('http://localhost:5173');
      expect(res.headers['vary']).to.match(/Origin/);
      expect(res.headers['access-control-expose-headers']).to.match(/ETag/);
    });

    it('sends no CORS header to other origins', async () => {
      const res = await signedIn(server).get('/health').set('Origin', 'https://evil.example').expect(200);
      expect(res.headers).to.not.have.property('access-control-allow-origin');
    });

    it('answers preflights from allowed origins and refuses others', async () => {
      const ok = await signedIn(server).options('/v1/score').set('Origin', 'http://localhost:5173')
        .set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'content-type, authorization').expect(204);
      expect(ok.headers['access-control-allow-methods']).to.match(/POST/);
      expect(ok.headers['access-control-allow-headers']).to.match(/Authorization/);
      const denied = await signedIn(server).options('/v1/score').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
      expectProblem(denied, 403);
    });

    it('keeps CORS headers on error responses so the dashboard can read them', async () => {
      const res = await signedIn(server).get('/v1/clients/999').set('Origin', 'http://localhost:5173');
      expectProblem(res, 404);
      expect(res.headers['access-control-allow-origin']).to.equal('http://localhost:5173');
    });
  });

  describe('headers and request ids', () => {
    it('sets security headers on success and error responses', async () => {
      for (const res of [await signedIn(server).get('/health'), await signedIn(server).get('/nope')]) {
        expect(res.headers['x-content-type-options']).to.equal('nosniff');
        expect(res.headers['x-frame-options']).to.equal('DENY');
        expect(res.headers['referrer-policy']).to.equal('no-referrer');
        expect(res.headers['content-security-policy']).to.match(/frame-ancestors 'none'/);
        expect(res.headers).to.not.have.property('strict-transport-security');
      }
    });

    it('sends HSTS in production', async () => {
      const prod = createTinyApp({ nodeEnv: 'production' });
      try {
        const res = await signedIn(prod.app.callback()).get('/health').expect(200);
        expect(res.headers['strict-transport-security']).to.match(/max-age=\d+/);
      } finally {
        prod.close();
      }
    });

    it('honours a sane X-Request-Id and replaces an unsafe one', async () => {
      const kept = await signedIn(server).get('/health').set('X-Request-Id', 'abc-123.x');
      expect(kept.headers['x-request-id']).to.equal('abc-123.x');
      const replaced = await signedIn(server).get('/health').set('X-Request-Id', 'bad id with spaces <script>');
      expect(replaced.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
      const generated = await signedIn(server).get('/health');
      expect(generated.headers['x-request-id']).to.match(/^[0-9a-f-]{36}$/);
    });

    it('logs one JSON line per request with its id, route and status', async () => {
      const before = tiny.logger.lines.length;
      await signedIn(server).get('/v1/clients/999').set('X-Request-Id', 'log-check-1');
      const lines = tiny.logger.lines.slice(before);
      expect(lines).to.have.length(1);
      expect(lines[0]).to.include({ msg: 'request', request_id: 'log-check-1', method: 'GET', route: '/v1/clients/:id', status: 404 });
      expect(lines[0]!['duration_ms']).to.be.a('number');
    });
  });

  describe('rate limiting', () => {
    it('answers 429 with Retry-After past the per-IP limit, but never on probes', async () => {
      const limited = createTinyApp({ rateLimitPerMinute: 3 });
      try {
        const s = limited.app.callback();
        for (let i = 0; i < 3; i++) await signedIn(s).get('/v1/model').expect(200);
        const res = await signedIn(s).get('/v1/model');
        expectProblem(res, 429);
        expect(Number(res.headers['retry-after'])).to.be.within(1, 60);
        await signedIn(s).get('/health').expect(200);
        await signedIn(s).get('/ready').expect(200);
      } finally {
        limited.close();
      }
    });

    it('behind a proxy, keys the limit on the proxy-appended address, not a spoofed X-Forwarded-For', async () => {
      const limited = createTinyApp({ rateLimitPerMinute: 2, trustProxy: true });
      try {
        const s = limited.app.callback();
        // A client rotating the leftmost entry must still be one client (the last entry is the proxy's).
        for (let i = 0; i < 2; i++) {
          await signedIn(s).get('/v1/model').set('X-Forwarded-For', `10.0.0.${i}, 203.0.113.7`).expect(200);
        }
        expectProblem(await signedIn(s).get('/v1/model').set('X-Forwarded-For', '10.0.0.9, 203.0.113.7'), 429);
        await signedIn(s).get('/v1/model').set('X-Forwarded-For', '10.0.0.9, 203.0.113.8').expect(200);
      } finally {
        limited.close();
      }
    });
  });

  describe('documentation', () => {
    it('serves an OpenAPI 3.1 document covering every route with schemas', async () => {
      const res = await signedIn(server).get('/openapi.json').expect(200);
      const doc = res.body;
      expect(doc.openapi).to.equal('3.1.0');
      const documented = Object.keys(doc.paths).map((p) => p.replace(/\{(\w+)\}/g, ':$1')).sort();
      const routed = [...new Set(routerPaths(tiny))].sort();
      expect(routed.length).to.be.above(10);
      expect(documented).to.deep.equal(routed);
      for (const methods of Object.values(doc.paths) as Array<Record<string, { responses: Record<string, unknown> }>>) {
        for (const op of Object.values(methods)) expect(op.responses['200']).to.exist;
      }
      const refs = JSON.stringify(doc).match(/#\/components\/schemas\/(\w+)/g) ?? [];
      for (const r of refs) expect(doc.components.schemas).to.have.property(r.split('/').pop()!);
    });

    it('serves /docs as self-contained HTML with a strict CSP', async () => {
      const res = await signedIn(server).get('/docs').expect(200);
      expect(res.headers['content-type']).to.match(/^text\/html/);
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).to.match(/default-src 'none'/).and.match(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
      expect(csp).to.not.match(/unsafe-inline|script-src/);
      expect(res.text).to.not.match(/<script|src="http|href="http/);
      expect(res.text).to.contain('/v1/clients/{id}/what-if');
    });
  });

  describe('draining', () => {
    it('says Connection: close on every answer once shutting down, so keep-alive clients let go', async () => {
      const draining = createTinyApp({}, { ready: false, shuttingDown: true });
      try {
        const res = await signedIn(draining.app.callback()).get('/health').expect(200);
        expect(res.headers['connection']).to.equal('close');
        const problem = await signedIn(draining.app.callback()).get('/ready').expect(503);
        expect(problem.headers['connection']).to.equal('close');
      } finally {
        draining.close();
      }
    });
  });
});

/** Paths registered on the app's router, in OpenAPI's :param form. */
function routerPaths(tiny: TinyApp): string[] {
  const layers = (tiny.app as unknown as { middleware: Array<{ router?: { stack: Array<{ path: string }> } }> }).middleware
    .flatMap((m) => m.router?.stack ?? []);
  return layers.map((l) => l.path);
}
