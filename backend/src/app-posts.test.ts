/** POST endpoints on the tiny model: batch scoring of model inputs, bodies and errors (what-if: app-applications.test.ts). */
import { expect } from 'chai';
import type request from 'supertest';
import { signedIn } from './testing/signed-in.js';
import { createTinyApp, TINY_IDS, type TinyApp } from './testing/tiny-model.js';

function expectProblem(res: request.Response, status: number): void {
  expect(res.status).to.equal(status);
  expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
  expect(res.body).to.include.keys('type', 'title', 'status', 'detail');
}

function fields(res: request.Response): string[] {
  return (res.body.errors ?? []).map((e: { field: string }) => e.field);
}

describe('API POST endpoints (tiny model)', () => {
  let tiny: TinyApp;
  let server: ReturnType<TinyApp['app']['callback']>;
  const id = TINY_IDS[2]!;

  before(() => {
    tiny = createTinyApp();
    server = tiny.app.callback();
  });
  after(() => tiny.close());

  describe('POST /v1/score', () => {
    it('scores records in order, echoes ids, treats absent features as missing', async () => {
      const res = await signedIn(server).post('/v1/score')
        .send({ records: [{ id: 'a', EXT_SOURCE_2: 0.1, AGE_YEARS: 30 }, { EXT_SOURCE_2: null }, { id: 7, FLAG_OWN_CAR: 1 }] })
        .expect(200);
      expect(res.body.model_version).to.equal('0.1.0');
      expect(res.body.threshold).to.equal(0.5);
      expect(res.body.results.map((r: { index: number }) => r.index)).to.deep.equal([0, 1, 2]);
      expect(res.body.results[0].id).to.equal('a');
      expect(res.body.results[1]).to.not.have.property('id');
      expect(res.body.results[2].id).to.equal(7);
      for (const r of res.body.results) {
        expect(r).to.not.have.property('explanation');
        expect(r.decision).to.equal(r.probability >= 0.5 ? 'refused' : 'granted');
        expect(r.distance).to.be.closeTo(r.probability - 0.5, 1e-12);
      }
    });

    it('scores a stored client like GET /score when given its features', async () => {
      const detail = await signedIn(server).get(`/v1/clients/${id}`).expect(200);
      const score = await signedIn(server).get(`/v1/clients/${id}/score`).expect(200);
      const res = await signedIn(server).post('/v1/score').send({ records: [detail.body.features] }).expect(200);
      expect(res.body.results[0].probability).to.equal(score.body.probability);
    });

    it('explains records when asked, with top N phrases', async () => {
      const res = await signedIn(server).post('/v1/score').send({ records: [{ EXT_SOURCE_2: 0.3 }], explain: true, top: 3 }).expect(200);
      const exp = res.body.results[0].explanation;
      expect(exp).to.have.all.keys('base_value', 'log_odds', 'top');
      expect(exp.top).to.have.length(3);
      expect(1 / (1 + Math.exp(-exp.log_odds))).to.be.closeTo(res.body.results[0].probability, 1e-6);
    });

    it('names the record index and field of every bad value', async () => {
      const res = await signedIn(server).post('/v1/score').send({ records: [{ AGE_YEARS: 30 }, { BAD: 1, AGE_YEARS: '30' }, 5, { id: {} }] });
      expectProblem(res, 400);
      expect(fields(res)).to.include.members(['records[1].BAD', 'records[1].AGE_YEARS', 'records[2]', 'records[3].id']);
    });

    it('rejects empty, oversized and malformed batches', async () => {
      expectProblem(await signedIn(server).post('/v1/score').send({ records: [] }), 400);
      expectProblem(await signedIn(server).post('/v1/score').send({ records: Array.from({ length: 1001 }, () => ({})) }), 400);
      expectProblem(await signedIn(server).post('/v1/score').send({ records: [{}], explain: 'yes', top: 0 }), 400);
      expectProblem(await signedIn(server).post('/v1/score').send({}), 400);
    });

    it('accepts a full batch of 1,000 records', async () => {
      const records = Array.from({ length: 1000 }, (_, i) => ({ id: i, EXT_SOURCE_2: (i % 100) / 100, AGE_YEARS: 20 + (i % 50) }));
      const res = await signedIn(server).post('/v1/score').send({ records }).expect(200);
      expect(res.body.results).to.have.length(1000);
      expect(res.body.results[999].id).to.equal(999);
    });
  });

  describe('body handling', () => {
    it('answers 400 for malformed or empty JSON', async () => {
      const bad = await signedIn(server).post('/v1/score').set('Content-Type', 'application/json').send('{"records": [');
      expectProblem(bad, 400);
      expect(fields(bad)).to.deep.equal(['body']);
      expectProblem(await signedIn(server).post('/v1/score').set('Content-Type', 'application/json').send(''), 400);
    });

    it('answers 415 for another media type or a compressed body', async () => {
      const res = await signedIn(server).post('/v1/score').set('Content-Type', 'text/plain').send('{"records":[{}]}');
      expectProblem(res, 415);
      expect(fields(res)).to.deep.equal(['Content-Type']);
      expectProblem(await signedIn(server).post('/v1/score').type('form').send({ records: 1 }), 415);
      expectProblem(await signedIn(server).post('/v1/score').set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('{}'), 415);
    });

    it('answers 413 past the body limit', async () => {
      const big = JSON.stringify({ records: [{ id: 'x'.repeat(3 * 1024 * 1024) }] });
      const res = await signedIn(server).post('/v1/score').set('Content-Type', 'application/json').send(big);
      expectProblem(res, 413);
    });
  });
  it('does not echo a malformed JSON body back (it may hold personal data)', async () => {
    const res = await signedIn(server).post('/v1/score').set('Content-Type', 'application/json').send('{"name": Jeanne Dupont, "income": 1}');
    expectProblem(res, 400);
    expect(res.text).to.not.match(/Jeanne|Dupont/);
    expect(res.body.errors[0]).to.deep.equal({ field: 'body', message: 'malformed JSON (the body is not echoed back)' });
  });
});
