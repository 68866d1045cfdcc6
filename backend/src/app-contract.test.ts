/**
 * Contract: every documented response the API sends matches its schema in
 * /openapi.json (on the committed artifacts), including problem bodies.
 */
import { expect } from 'chai';
import { signedIn } from './testing/signed-in.js';
import type { Loaded } from './bootstrap.js';
import { checkSchema } from './testing/schema-check.js';
import { loadReal, realApp } from './testing/real-artifacts.js';

type Json = Record<string, unknown>;

describe('responses match the OpenAPI document', function () {
  this.timeout(60_000);
  let loaded: Loaded;
  let server: ReturnType<ReturnType<typeof realApp>['callback']>;
  let doc: Json;
  let components: Record<string, Json>;

  before(async () => {
    loaded = await loadReal();
    server = realApp(loaded).callback();
    doc = (await signedIn(server).get('/openapi.json').expect(200)).body as Json;
    components = (doc['components'] as Json)['schemas'] as Record<string, Json>;
  });

  function schemaFor(path: string, method: string, status: string): Json {
    const op = ((doc['paths'] as Record<string, Json>)[path]![method] as Json);
    let response = (op['responses'] as Record<string, Json>)[status]!;
    expect(response, `${method} ${path} documents ${status}`).to.exist;
    if (typeof response['$ref'] === 'string') response = ((doc['components'] as Json)['responses'] as Record<string, Json>)[response['$ref'].split('/').pop()!]!;
    const content = response['content'] as Record<string, { schema: Json }>;
    return Object.values(content)[0]!.schema;
  }

  async function check(method: 'get' | 'post', docPath: string, url: string, status: number, body?: unknown): Promise<void> {
    const req = method === 'get' ? signedIn(server).get(url) : signedIn(server).post(url).send(body as object);
    const res = await req;
    expect(res.status, `${method.toUpperCase()} ${url}: ${res.text.slice(0, 200)}`).to.equal(status);
    const problems = checkSchema(res.body, schemaFor(docPath, method, String(status)), components);
    expect(problems, `${method.toUpperCase()} ${url}`).to.deep.equal([]);
  }

  it('for every success response', async () => {
    const id = loaded.model.store.sampleIds(loaded.model.store.size)[3]!;
    await check('get', '/health', '/health', 200);
    await check('get', '/ready', '/ready', 200);
    await check('get', '/v1/model', '/v1/model', 200);
    for (const p of ['/v1/model/metrics', '/v1/model/fairness', '/v1/model/drift', '/v1/population/stats', '/v1/population/importance']) await check('get', p, p, 200);
    await check('get', '/v1/clients', '/v1/clients?limit=100&sort=-income', 200);
    await check('get', '/v1/clients/{id}', `/v1/clients/${id}`, 200);
    await check('get', '/v1/clients/{id}/score', `/v1/clients/${id}/score`, 200);
    await check('get', '/v1/clients/{id}/explanation', `/v1/clients/${id}/explanation?top=50`, 200);
    const vector = loaded.model.store.vector(id)!;
    const record = Object.fromEntries(loaded.model.features.map((f, j) => [f.name, Number.isNaN(vector[j]!) ? null : vector[j]!]));
    await check('post', '/v1/score', '/v1/score', 200, { records: [{ id: 'r1', ...record }, { ...record, id: 2, EXT_SOURCE_2: 0.4 }], explain: true, top: 3 });
  });

  it('for documented error responses', async () => {
    await check('get', '/v1/clients', '/v1/clients?bogus=1', 400);
    await check('get', '/v1/clients/{id}', '/v1/clients/abc', 400);
    await check('get', '/v1/clients/{id}/score', '/v1/clients/5/score', 404);
    await check('post', '/v1/score', '/v1/score', 400, { records: [{ NOPE: 1 }] });
  });
});
