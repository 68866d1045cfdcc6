/**
 * Property-based fuzzing (fast-check, fixed seeds) of paths, methods, query
 * strings and bodies against the real model: never a 5xx, and every 4xx is a
 * problem+json body whose status matches the response.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import type request from 'supertest';
import { signedIn } from './testing/signed-in.js';
import type { Loaded } from './bootstrap.js';
import { loadReal, realApp } from './testing/real-artifacts.js';

const fuzzDefaults = { runs: 150, seed: 4242 } as const;

type Server = ReturnType<ReturnType<typeof realApp>['callback']>;

/** Status counts, printed per suite so a fuzzer that only ever hits one status is visible. */
const seen = new Map<number, number>();

function checkResponse(res: request.Response, method: string, path: string): void {
  seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
  expect(res.status, `${method} ${path} -> ${res.status} ${res.text?.slice(0, 200)}`).to.be.below(500);
  if (res.status >= 400 && method !== 'HEAD') {
    expect(res.headers['content-type'], path).to.match(/^application\/problem\+json/);
    const body = JSON.parse(res.text) as { status: number; title: string; detail: string; type: string };
    expect(body.status).to.equal(res.status);
    expect(body.title).to.be.a('string');
    expect(body.detail).to.be.a('string');
    expect(res.text).to.not.match(/node_modules|\/work\/|at .+:\d+:\d+/);
  }
}

/** Path segments: real ones, ids, and hostile strings (percent-encoded so the HTTP client accepts them). */
const segment = fc.oneof(
  fc.constantFrom('v1', 'clients', 'score', 'explanation', 'what-if', 'model', 'metrics', 'fairness', 'drift', 'population', 'stats', 'importance', 'health', 'ready', 'docs', 'openapi.json', '', '..', '.'),
  fc.constantFrom('100002', '0', '-1', '1e3', '99999999999999999999', '100002.0', '0x10', '%00', '%ZZ', '%E0%A4%A', '%2F', '%20'),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.nat().map(String),
);
/** Real route templates with the id replaced by a fuzzed segment, so validation code is reached. */
const routed = fc.tuple(
  fc.constantFrom('/v1/clients/:id', '/v1/clients/:id/score', '/v1/clients/:id/explanation', '/v1/clients/:id/what-if', '/v1/clients', '/v1/score', '/v1/model', '/v1/population/stats', '/health', '/docs'),
  segment,
).map(([template, id]) => template.replace(':id', id));
const anyPath = fc.oneof(routed, fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => `/${parts.join('/')}`));
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD');

const queryValue = fc.oneof(
  fc.constantFrom('', '0', '1', '50', '101', '-1', 'NaN', 'Infinity', '1e309', 'probability', '-probability', 'train', 'new', '%', '%ZZ', 'Cash%20loans'),
  fc.string({ maxLength: 10 }).map(encodeURIComponent),
  fc.double({ noNaN: false }).map(String),
);
const queryKey = fc.oneof(
  fc.constantFrom('limit', 'offset', 'sort', 'q', 'dataset', 'contract_type', 'gender', 'age_min', 'age_max', 'income_min', 'income_max', 'credit_min', 'credit_max', 'top', 'limit[]', '__proto__', 'constructor'),
  fc.string({ maxLength: 8 }).map(encodeURIComponent),
);
const queryString = fc.array(fc.tuple(queryKey, queryValue), { maxLength: 6 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));

/** Bodies: arbitrary JSON, near-valid requests with bad values, and raw non-JSON text. */
function bodies(featureNames: string[]): fc.Arbitrary<string> {
  const feature = fc.oneof(fc.constantFrom(...featureNames), fc.string({ maxLength: 10 }), fc.constant('__proto__'));
  const value = fc.oneof(fc.double(), fc.integer(), fc.constant(null), fc.string({ maxLength: 5 }), fc.boolean(), fc.constant([]), fc.constant({}));
  const record = fc.dictionary(feature, value, { maxKeys: 6 });
  // Mostly valid records (known features, numbers or null) so successful paths are fuzzed too.
  const goodValue = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(null), fc.integer({ min: -5, max: 5 }));
  const goodRecord = fc.dictionary(fc.constantFrom(...featureNames), goodValue, { minKeys: 1, maxKeys: 8 });
  const valid = fc.oneof(
    fc.record({ records: fc.array(goodRecord, { minLength: 1, maxLength: 5 }), explain: fc.boolean(), top: fc.integer({ min: 1, max: 50 }) }, { requiredKeys: ['records'] }),
    fc.record({ changes: goodRecord }),
  );
  const nearValid = fc.oneof(
    fc.record({ records: fc.array(record, { maxLength: 4 }), explain: fc.oneof(fc.boolean(), fc.string()), top: fc.oneof(fc.integer(), fc.double()) }, { requiredKeys: ['records'] }),
    fc.record({ changes: record }),
  );
  return fc.oneof(
    fc.json({ maxDepth: 3 }),
    nearValid.map((b) => JSON.stringify(b)),
    valid.map((b) => JSON.stringify(b)),
    valid.map((b) => JSON.stringify(b)),
    fc.string({ maxLength: 40 }),
    fc.constantFrom('{', '[', '{"records": [{"EXT_SOURCE_2": 1e400}]}', '{"changes": {"EXT_SOURCE_2": -1e400}}', '\u0000', 'null', '"x"', '{"records": null}'),
  );
}

describe('fuzzing (fast-check) on the committed artifacts', function () {
  this.timeout(120_000);
  let loaded: Loaded;
  let server: Server;

  before(async () => {
    loaded = await loadReal();
    server = realApp(loaded).callback();
  });
  beforeEach(() => seen.clear());
  afterEach(() => {
    console.log(`      statuses: ${[...seen.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`);
  });

  it('never answers 5xx to random methods and paths; 4xx are problem+json', async () => {
    await fc.assert(
      fc.asyncProperty(method, anyPath, async (m, path) => {
        const res = await signedIn(server)[m.toLowerCase() as 'get'](path);
        checkResponse(res, m, path);
      }),
      { numRuns: fuzzDefaults.runs * 2, seed: fuzzDefaults.seed },
    );
  });

  it('never answers 5xx to random query strings on the GET endpoints', async () => {
    const paths = ['/v1/clients', '/v1/clients/100002', '/v1/clients/100002/explanation', '/v1/clients/100002/score', '/v1/model'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), queryString, async (path, query) => {
        const res = await signedIn(server).get(`${path}?${query}`);
        checkResponse(res, 'GET', `${path}?${query}`);
        if (res.status === 200 && path === '/v1/clients') expect(res.body.items.length).to.be.at.most(res.body.limit);
      }),
      { numRuns: fuzzDefaults.runs * 2, seed: fuzzDefaults.seed + 1 },
    );
  });

  it('never answers 5xx to random bodies on the POST endpoints', async () => {
    const id = loaded.model.store.sampleIds(loaded.model.store.size)[0]!;
    const names = loaded.model.features.map((f) => f.name);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/v1/score', `/v1/clients/${id}/what-if`, '/v1/clients/1/what-if'), bodies(names),
        fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain'), async (path, body, type) => {
          const res = await signedIn(server).post(path).set('Content-Type', type).send(body);
          checkResponse(res, 'POST', `${path} ${type} ${body.slice(0, 100)}`);
          if (res.status === 200) {
            const results = path === '/v1/score' ? res.body.results : [res.body.after];
            for (const r of results) expect(r.probability).to.be.within(0, 1);
          }
        }),
      { numRuns: fuzzDefaults.runs * 3, seed: fuzzDefaults.seed + 2 },
    );
  });
});
