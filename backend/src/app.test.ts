/**
 * API behaviour on the tiny model (fake runtime, real store, real middleware):
 * every endpoint's shape and every error class.
 */
import { expect } from 'chai';
import type request from 'supertest';
import { signedIn } from './testing/signed-in.js';
import { createTinyApp, TINY_IDS, type TinyApp } from './testing/tiny-model.js';

function expectProblem(res: request.Response, status: number): void {
  expect(res.status).to.equal(status);
  expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
  expect(res.body).to.include.keys('type', 'title', 'status', 'detail');
  expect(res.body.status).to.equal(status);
  expect(JSON.stringify(res.body)).to.not.match(/\bat .*\.js:\d+|node_modules|\/work\/|\/tmp\//);
}

describe('API (tiny model)', () => {
  let tiny: TinyApp;
  let server: ReturnType<TinyApp['app']['callback']>;
  const id = TINY_IDS[1]!;

  before(() => {
    tiny = createTinyApp();
    server = tiny.app.callback();
  });
  after(() => tiny.close());

  describe('service endpoints', () => {
    it('GET /health answers ok', async () => {
      const res = await signedIn(server).get('/health').expect(200);
      expect(res.body).to.deep.equal({ status: 'ok' });
    });

    it('GET /ready answers ready with the model version', async () => {
      const res = await signedIn(server).get('/ready').expect(200);
      expect(res.body).to.include({ status: 'ready', model_version: '0.1.0' });
      expect(res.body.store_verified).to.be.within(0, 1);
    });

    it('GET /ready answers 503 problem while not ready', async () => {
      const notReady = createTinyApp({}, { ready: false, shuttingDown: true });
      try {
        const res = await signedIn(notReady.app.callback()).get('/ready');
        expectProblem(res, 503);
        expect(res.body.detail).to.match(/shutting down/);
      } finally {
        notReady.close();
      }
    });

    it('GET /metrics exposes request counts, latency histograms and inference time', async () => {
      await signedIn(server).get(`/v1/clients/${id}/explanation`).expect(200);
      const res = await signedIn(server).get('/metrics').expect(200);
      expect(res.headers['content-type']).to.match(/^text\/plain; version=0\.0\.4/);
      expect(res.text).to.match(/http_requests_total\{method="GET",route="\/v1\/clients\/:id\/explanation",status="200"\} \d+/);
      expect(res.text).to.match(/http_request_duration_seconds_bucket\{method="GET",route="\/v1\/clients\/:id\/explanation",le="\+Inf"\} \d+/);
      expect(res.text).to.match(/model_inference_duration_seconds_count\{kind="onnx"\} [1-9]/);
      expect(res.text).to.match(/model_inference_duration_seconds_count\{kind="shap"\} [1-9]/);
      expect(res.text).to.match(/model_info\{model_version="0\.1\.0"\} 1/);
    });
  });

  describe('model and population documents', () => {
    it('GET /v1/model summarises the model from the artifacts', async () => {
      const res = await signedIn(server).get('/v1/model').expect(200);
      expect(res.body).to.include({ model_version: '0.1.0', threshold: 0.5, feature_count: 6 });
      expect(res.body.metrics).to.deep.equal({ auc_mean: 0.75, auc_std: 0.02, cost_per_1000: 500, recall: 0.6, precision: 0.2 });
      expect(res.body.features[3].categories).to.deep.equal(['Cash loans', 'Revolving loans']);
      expect(res.body.features[3].categories_fr).to.deep.equal(['Prêt personnel', 'Crédit renouvelable']);
    });

    for (const [path, key] of [['/v1/model/metrics', 'chosen'], ['/v1/model/fairness', 'groups'], ['/v1/model/drift', 'psi_threshold'],
      ['/v1/population/stats', 'quantile_levels'], ['/v1/population/importance', 'features']] as const) {
      it(`GET ${path} serves the artifact with ETag and Cache-Control, and 304 on If-None-Match`, async () => {
        const res = await signedIn(server).get(path).expect(200);
        expect(res.body).to.have.property(key);
        expect(res.headers['etag']).to.match(/^"[\w-]+"$/);
        expect(res.headers['cache-control']).to.match(/max-age=\d+/);
        const again = await signedIn(server).get(path).set('If-None-Match', `W/"other", ${res.headers['etag']}`).expect(304);
        expect(again.text).to.equal('');
        expect(again.headers['etag']).to.equal(res.headers['etag']);
        await signedIn(server).get(path).set('If-None-Match', '"stale"').expect(200);
      });
    }

    it('gzips large documents when asked, with a distinct ETag', async () => {
      const plain = await signedIn(server).get('/openapi.json').set('Accept-Encoding', 'identity').expect(200);
      const zipped = await signedIn(server).get('/openapi.json').set('Accept-Encoding', 'gzip').expect(200);
      expect(zipped.headers['content-encoding']).to.equal('gzip');
      expect(zipped.body).to.deep.equal(plain.body);
      expect(zipped.headers['etag']).to.not.equal(plain.headers['etag']);
    });
  });

  describe('clients', () => {
    it('GET /v1/clients pages, sorts and filters', async () => {
      const res = await signedIn(server).get('/v1/clients?limit=5&offset=2&sort=-probability').expect(200);
      expect(res.body).to.include({ total: 40, offset: 2, limit: 5 });
      expect(res.body.items).to.have.length(5);
      const probs = res.body.items.map((i: { probability: number }) => i.probability);
      expect(probs).to.deep.equal([...probs].sort((a, b) => b - a));
      for (const item of res.body.items) {
        expect(item).to.have.all.keys('id', 'dataset', 'gender', 'age_years', 'income', 'credit_amount', 'annuity', 'contract_type', 'probability', 'decision',
          'previous_applications', 'bureau_credits', 'late_months');
        expect(item.decision).to.equal(item.probability >= 0.5 ? 'refused' : 'granted');
      }
      const filtered = await signedIn(server).get('/v1/clients?dataset=new&gender=F&contract_type=Revolving%20loans').expect(200);
      for (const item of filtered.body.items) expect(item).to.include({ dataset: 'new', gender: 'F', contract_type: 'Revolving loans' });
      const byPrefix = await signedIn(server).get('/v1/clients?q=1000').expect(200);
      expect(byPrefix.body.items.map((i: { id: number }) => String(i.id))).to.satisfy((ids: string[]) => ids.every((s) => s.startsWith('1000')));
      expect(byPrefix.body.total).to.equal(TINY_IDS.filter((i) => String(i).startsWith('1000')).length);
    });

    it('GET /v1/clients rejects unknown parameters and bad values, naming each', async () => {
      const res = await signedIn(server).get('/v1/clients?limit=0&sort=name&colour=red&q=12a&age_min=x');
      expectProblem(res, 400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).to.include.members(['limit', 'sort', 'colour', 'q', 'age_min']);
      expectProblem(await signedIn(server).get('/v1/clients?limit=1&limit=2'), 400);
      expectProblem(await signedIn(server).get('/v1/clients?limit=101'), 400);
    });

    it('GET /v1/clients filters on the decision with the threshold rule (refused when probability >= threshold)', async () => {
      const refused = await signedIn(server).get('/v1/clients?decision=refused&limit=100').expect(200);
      const granted = await signedIn(server).get('/v1/clients?decision=granted&limit=100').expect(200);
      expect(refused.body.total + granted.body.total).to.equal(40);
      expect(refused.body.total).to.be.greaterThan(0);
      expect(granted.body.total).to.be.greaterThan(0);
      for (const item of refused.body.items) expect(item.probability).to.be.at.least(0.5);
      for (const item of granted.body.items) expect(item.probability).to.be.below(0.5);
      const richest = await signedIn(server).get('/v1/clients?decision=refused&sort=-income&limit=1').expect(200);
      const incomes = refused.body.items.map((i: { income: number | null }) => i.income).filter((v: number | null) => v !== null);
      expect(richest.body.items[0].income).to.equal(Math.max(...incomes));
    });

    it('GET /v1/clients rejects a bad decision and a minimum above its maximum, naming the field and the values', async () => {
      const res = await signedIn(server).get('/v1/clients?decision=maybe&income_min=5000&income_max=100');
      expectProblem(res, 400);
      const errors = res.body.errors as Array<{ field: string; message: string }>;
      expect(errors.find((e) => e.field === 'decision')?.message).to.match(/granted, refused/);
      expect(errors.find((e) => e.field === 'income_min')?.message).to.match(/5000 > 100/);
    });

    it('GET /v1/clients/points returns two model inputs and the probability of every matching client', async () => {
      const all = await signedIn(server).get('/v1/clients/points?x=AGE_YEARS&y=NAME_CONTRACT_TYPE').expect(200);
      expect(all.body).to.include({ x: 'AGE_YEARS', y: 'NAME_CONTRACT_TYPE', total: 40, threshold: 0.5 });
      expect(all.body.id).to.deep.equal(TINY_IDS);
      const detail = await signedIn(server).get(`/v1/clients/${TINY_IDS[3]}`).expect(200);
      expect(all.body.x_values[3]).to.equal(detail.body.features.AGE_YEARS);
      expect(all.body.y_values[3]).to.equal(detail.body.features.NAME_CONTRACT_TYPE);
      const refused = await signedIn(server).get('/v1/clients/points?x=AGE_YEARS&y=AMT_CREDIT&decision=refused').expect(200);
      const list = await signedIn(server).get('/v1/clients?decision=refused&limit=100').expect(200);
      expect(refused.body.id).to.deep.equal(list.body.items.map((i: { id: number }) => i.id).sort((a: number, b: number) => a - b));
      expect(refused.body.probability.every((p: number) => p >= 0.5)).to.equal(true);
    });

    it('GET /v1/clients/points names a missing or unknown axis and refuses paging', async () => {
      const res = await signedIn(server).get('/v1/clients/points?x=HEIGHT&limit=5');
      expectProblem(res, 400);
      const errors = res.body.errors as Array<{ field: string; message: string }>;
      expect(errors.find((e) => e.field === 'x')?.message).to.match(/unknown model input "HEIGHT"/);
      expect(errors.find((e) => e.field === 'y')?.message).to.match(/required/);
      expect(errors.map((e) => e.field)).to.include('limit');
    });

    it('GET /v1/clients/:id returns display fields and every feature (null = missing)', async () => {
      const res = await signedIn(server).get(`/v1/clients/${TINY_IDS[0]}`).expect(200);
      expect(res.body.id).to.equal(TINY_IDS[0]);
      expect(Object.keys(res.body.features)).to.deep.equal(['EXT_SOURCE_2', 'AGE_YEARS', 'AMT_CREDIT', 'NAME_CONTRACT_TYPE', 'FLAG_OWN_CAR', 'CREDIT_INCOME_RATIO']);
      expect(res.body.features.EXT_SOURCE_2).to.equal(null);
      expect(res.body).to.not.have.property('target');
      expect(res.body.own_car).to.be.a('boolean');
    });

    it('GET /v1/clients/:id/score returns probability, decision, threshold, distance', async () => {
      const res = await signedIn(server).get(`/v1/clients/${id}/score`).expect(200);
      expect(res.body).to.have.all.keys('id', 'probability', 'decision', 'threshold', 'distance', 'model_version');
      expect(res.body.distance).to.be.closeTo(res.body.probability - 0.5, 1e-12);
    });

    it('GET /v1/clients/:id/explanation adds up and ranks contributions', async () => {
      const res = await signedIn(server).get(`/v1/clients/${id}/explanation?top=2`).expect(200);
      const body = res.body;
      expect(body.contributions).to.have.length(6);
      expect(body.top).to.have.length(2);
      expect(body.rest.count).to.equal(4);
      const sum = body.contributions.reduce((s: number, c: { shap: number }) => s + c.shap, 0);
      expect(body.base_value + sum).to.be.closeTo(body.log_odds, 1e-6);
      const abs = body.contributions.map((c: { shap: number }) => Math.abs(c.shap));
      expect(abs).to.deep.equal([...abs].sort((a, b) => b - a));
      for (const t of body.top) expect(t.phrase).to.match(/: (raises|lowers|no effect on) the risk$/);
      expect(body.rest.shap_sum).to.be.closeTo(body.contributions.slice(2).reduce((s: number, c: { shap: number }) => s + c.shap, 0), 1e-12);
    });

    it('answers 400 for a non-numeric id and 404 for an unknown one', async () => {
      for (const path of ['/v1/clients/abc', '/v1/clients/-4/score', '/v1/clients/1.5/explanation', '/v1/clients/0']) {
        const res = await signedIn(server).get(path);
        expectProblem(res, 400);
        expect(res.body.errors[0].field).to.equal('id');
      }
      for (const path of ['/v1/clients/999', '/v1/clients/999/score', '/v1/clients/999/explanation']) {
        const res = await signedIn(server).get(path);
        expectProblem(res, 404);
        expect(res.body.errors[0].field).to.equal('id');
      }
    });

    it('rejects top outside 1..50', async () => {
      expectProblem(await signedIn(server).get(`/v1/clients/${id}/explanation?top=51`), 400);
      expectProblem(await signedIn(server).get(`/v1/clients/${id}/explanation?top=0`), 400);
    });
  });
});
