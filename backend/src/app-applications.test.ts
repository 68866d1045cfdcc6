/** The applications endpoints on the tiny model and tiny SQL: scoring raw applications, batches, what-if, errors. */
import { expect } from 'chai';
import type request from 'supertest';
import { predictRaw } from './runtime/trees.js';
import { float32Value } from './services/phrases.js';
import { sigmoid } from './services/reason-groups.js';
import { signedIn } from './testing/signed-in.js';
import { createTinyApplicationsApp, tinyBody } from './testing/tiny-features.js';
import { TINY_FEATURES, TINY_IDS, type TinyApp } from './testing/tiny-model.js';

function expectProblem(res: request.Response, status: number): void {
  expect(res.status).to.equal(status);
  expect(res.headers['content-type']).to.match(/^application\/problem\+json/);
  expect(res.body).to.include.keys('type', 'title', 'status', 'detail');
}

const errorsByField = (res: request.Response): Map<string, { message: string; value?: unknown }> =>
  new Map((res.body.errors ?? []).map((e: { field: string; message: string; value?: unknown }) => [e.field, e]));

describe('applications API (tiny model, tiny SQL on DuckDB)', () => {
  let tiny: TinyApp;
  let server: ReturnType<TinyApp['app']['callback']>;
  before(async () => {
    tiny = await createTinyApplicationsApp();
    server = tiny.app.callback();
  });
  after(() => tiny.close());

  it('scores a raw application through the definitions: inputs, categories as text, missing inputs', async () => {
    const res = await signedIn(server).post('/v1/applications')
      .send(tinyBody({ id: 'walk-in-1', application: { AMT_INCOME_TOTAL: 100000, AMT_CREDIT: 250000, DAYS_BIRTH: -10957, NAME_CONTRACT_TYPE: 'Revolving loans' } })).expect(200);
    expect(res.body.id).to.equal('walk-in-1');
    expect(res.body.inputs).to.deep.equal({
      EXT_SOURCE_2: null, AGE_YEARS: float32Value(Math.fround(10957 / 365.25)),
      AMT_CREDIT: 250000, NAME_CONTRACT_TYPE: 'Revolving loans', FLAG_OWN_CAR: null, CREDIT_INCOME_RATIO: 2.5,
    });
    expect(res.body.missing_inputs).to.deep.equal(['EXT_SOURCE_2', 'FLAG_OWN_CAR']);
    // The probability is the model's on exactly those inputs.
    const x = [Number.NaN, Math.fround(10957 / 365.25), 250000, 1, Number.NaN, 2.5];
    expect(res.body.probability).to.be.closeTo(sigmoid(predictRaw(tiny.deps.model.explainer.ensemble, x)), 1e-6);
    expect(res.body.decision).to.equal(res.body.probability >= 0.5 ? 'refused' : 'granted');
    expect(res.body).to.include({ threshold: 0.5, model_version: '0.1.0' });
    expect(res.body).to.not.have.property('explanation');
  });

  it('explains with grouped reasons that add up in log-odds and in probability points', async () => {
    const res = await signedIn(server).post('/v1/applications?explain=true&top=3').send(tinyBody()).expect(200);
    const e = res.body.explanation;
    expect(e.contributions).to.have.length(3);
    expect(e.contributions[0]).to.include.keys('feature', 'label', 'label_fr', 'value', 'shap', 'phrase', 'phrase_fr');
    const shapSum = e.groups.reduce((s: number, g: { shap: number }) => s + g.shap, 0);
    expect(e.base_value + shapSum).to.be.closeTo(Math.log(res.body.probability / (1 - res.body.probability)), 1e-6);
    const points = e.groups.reduce((s: number, g: { points: number }) => s + g.points, 0);
    expect(points).to.be.closeTo(res.body.probability - e.base_probability, 1e-9);
    expect(e.base_probability).to.be.closeTo(sigmoid(e.base_value), 1e-12);
    for (const g of e.groups) {
      expect(Math.sign(g.points)).to.equal(Math.sign(g.shap));
      expect(g.phrase).to.match(/risk/);
      expect(g.phrase_fr).to.match(/risque/);
    }
    expect(e.groups.flatMap((g: { features: string[] }) => g.features).sort()).to.deep.equal(TINY_FEATURES.map((f) => f.name).sort());
  });

  it('refuses an empty application, listing every missing required field', async () => {
    for (const body of [{}, { application: {} }, { application: { EXT_SOURCE_2: 0.5 } }]) {
      const res = await signedIn(server).post('/v1/applications').send(body);
      expectProblem(res, 400);
      expect([...errorsByField(res).keys()]).to.deep.equal(['application.AMT_INCOME_TOTAL', 'application.AMT_CREDIT', 'application.DAYS_BIRTH']);
    }
  });

  it('names each bad field with the value received', async () => {
    const res = await signedIn(server).post('/v1/applications').send(tinyBody({
      application: { AMT_INCOME_TOTAL: -1, AMT_CREDIT: 1000, DAYS_BIRTH: -100, NAME_CONTRACT_TYPE: 'Leasing', EXT_SOURCE_2: 2 },
      bureau: [{ SK_ID_BUREAU: 1, STATUS: 'C', bureau_balance: [{ MONTHS_BALANCE: 1, STATUS: 'Z' }] }],
    }));
    expectProblem(res, 400);
    const errors = errorsByField(res);
    expect(errors.get('application.AMT_INCOME_TOTAL')!.value).to.equal(-1);
    expect(errors.get('application.DAYS_BIRTH')!.value).to.equal(-100);
    expect(errors.get('application.NAME_CONTRACT_TYPE')!.value).to.equal('Leasing');
    expect(errors.get('application.EXT_SOURCE_2')!.value).to.equal(2);
    expect(errors.get('bureau[0].STATUS')!.message).to.match(/unknown column of bureau/);
    expect(errors.get('bureau[0].bureau_balance[0].MONTHS_BALANCE')!.value).to.equal(1);
    expect(errors.get('bureau[0].bureau_balance[0].STATUS')!.value).to.equal('Z');
    expectProblem(await signedIn(server).post('/v1/applications?explain=maybe').send(tinyBody()), 400);
  });

  it('scores a batch: ids echoed exactly, each invalid application reported in its own result', async () => {
    const res = await signedIn(server).post('/v1/applications/batch?explain=true&top=2').send({
      applications: [tinyBody({ id: 'a-1' }), { id: 7, application: { AMT_CREDIT: -3 } }, tinyBody({ id: 3.5 })],
    }).expect(200);
    const [a, b, c] = res.body.results;
    expect(a).to.include({ index: 0, id: 'a-1' });
    expect(a.explanation.contributions).to.have.length(2);
    expect(b).to.include({ index: 1, id: 7, status: 400 });
    expect(b.errors.map((e: { field: string }) => e.field)).to.include.members(['applications[1].application.AMT_CREDIT', 'applications[1].application.DAYS_BIRTH']);
    expect(c).to.include({ index: 2, id: 3.5 });
    expect(c.probability).to.equal(a.probability);
    expectProblem(await signedIn(server).post('/v1/applications/batch').send({ applications: [] }), 400);
    expectProblem(await signedIn(server).post('/v1/applications/batch').send({ applications: Array.from({ length: 1001 }, () => tinyBody()) }), 400);
  });

  it('refuses with 413 a batch whose explanations would exceed the budget', async () => {
    const applications = Array.from({ length: 1000 }, (_, i) => tinyBody({ id: i }));
    const res = await signedIn(server).post('/v1/applications/batch?explain=true&top=50').send({ applications });
    expectProblem(res, 413);
    expect(res.body.errors[0].field).to.equal('top');
    const plain = await signedIn(server).post('/v1/applications/batch').send({ applications }).expect(200);
    expect(plain.body.results).to.have.length(1000);
  });

  it('what-if on an unsaved application recomputes every dependent input', async () => {
    const res = await signedIn(server).post('/v1/applications/what-if').send({ ...tinyBody(), changes: { AMT_CREDIT: 202500 } }).expect(200);
    expect(res.body.changes).to.deep.equal([{ field: 'AMT_CREDIT', before: 406597.5, after: 202500 }]);
    const moved = new Map(res.body.moved.map((m: { feature: string; before: number; after: number }) => [m.feature, m]));
    expect([...moved.keys()].sort()).to.deep.equal(['AMT_CREDIT', 'CREDIT_INCOME_RATIO']);
    expect(moved.get('CREDIT_INCOME_RATIO')).to.deep.include({ before: float32Value(Math.fround(406597.5 / 202500)), after: 1 });
    expect(res.body.before).to.have.keys('probability', 'decision', 'groups');
    const direct = await signedIn(server).post('/v1/applications').send(tinyBody({ application: { ...(tinyBody()['application'] as object), AMT_CREDIT: 202500 } })).expect(200);
    expect(res.body.after.probability).to.equal(direct.body.probability);
  });

  it('what-if refuses a non-editable, unknown, invalid or removed required field, naming it', async () => {
    const res = await signedIn(server).post('/v1/applications/what-if').send({
      ...tinyBody(), changes: { EXT_SOURCE_2: 0.9, CREDIT_INCOME_RATIO: 1, AMT_INCOME_TOTAL: -5, AMT_CREDIT: null },
    });
    expectProblem(res, 400);
    const errors = errorsByField(res);
    expect(errors.get('changes.EXT_SOURCE_2')!.message).to.match(/not editable/);
    expect(errors.get('changes.CREDIT_INCOME_RATIO')!.message).to.match(/unknown application field/);
    expect(errors.get('changes.AMT_INCOME_TOTAL')!.value).to.equal(-5);
    expect(errors.get('changes.AMT_CREDIT')!.message).to.match(/required/);
    expectProblem(await signedIn(server).post('/v1/applications/what-if').send(tinyBody()), 400);
  });

  it('what-if of a stored client starts from its raw rows', async () => {
    const id = TINY_IDS[2]!;
    const res = await signedIn(server).post(`/v1/clients/${id}/what-if`).send({ changes: { AMT_INCOME_TOTAL: 1000000 } }).expect(200);
    expect(res.body.id).to.equal(id);
    expect(res.body.changes[0]).to.deep.equal({ field: 'AMT_INCOME_TOTAL', before: 52000, after: 1000000 });
    expect(res.body.moved.map((m: { feature: string }) => m.feature)).to.deep.equal(['CREDIT_INCOME_RATIO']);
    expectProblem(await signedIn(server).post('/v1/clients/999/what-if').send({ changes: { AMT_INCOME_TOTAL: 1 } }), 404);
    expectProblem(await signedIn(server).post(`/v1/clients/${id}/what-if`).send({ changes: { EXT_SOURCE_2: 0.5 } }), 400);
  });

  it('serves the application schema', async () => {
    const res = await signedIn(server).get('/v1/applications/schema').expect(200);
    expect(res.body.required).to.deep.equal(['AMT_INCOME_TOTAL', 'AMT_CREDIT', 'DAYS_BIRTH']);
    expect(res.body.tables.application.columns[1].allowed).to.deep.equal(['Cash loans', 'Revolving loans']);
    expect(res.headers['etag']).to.be.a('string');
  });
});

describe('POST /v1/score with the feature definitions loaded (tiny)', () => {
  let tiny: TinyApp;
  let server: ReturnType<TinyApp['app']['callback']>;
  before(async () => {
    tiny = await createTinyApplicationsApp();
    server = tiny.app.callback();
  });
  after(() => tiny.close());

  it('refuses an empty or nearly empty record, naming the required fields it lacks', async () => {
    for (const record of [{}, { EXT_SOURCE_2: 0.7 }]) {
      const res = await signedIn(server).post('/v1/score').send({ records: [record] });
      expectProblem(res, 400);
      expect(res.body.errors[0].field).to.equal('records[0]');
      expect(res.body.errors[0].message).to.match(/under-specified.*AMT_INCOME_TOTAL \(CREDIT_INCOME_RATIO\).*AMT_CREDIT \(AMT_CREDIT, CREDIT_INCOME_RATIO\).*DAYS_BIRTH \(AGE_YEARS\)/);
    }
  });

  it('scores a record holding an input of every required field', async () => {
    await signedIn(server).post('/v1/score').send({ records: [{ AGE_YEARS: 40, AMT_CREDIT: 1000, CREDIT_INCOME_RATIO: 0.5 }] }).expect(200);
    const lacksAge = await signedIn(server).post('/v1/score').send({ records: [{ AMT_CREDIT: 1000, CREDIT_INCOME_RATIO: 0.5 }] });
    expect(lacksAge.body.errors[0].message).to.match(/DAYS_BIRTH \(AGE_YEARS\)/).and.not.match(/AMT_CREDIT \(/);
  });
});

describe('batch body limit (tiny)', () => {
  it('takes a batch above the general body limit up to the batch limit, and names the limit past it', async () => {
    const tiny = await createTinyApplicationsApp({ bodyLimitBytes: 4096, batchBodyLimitBytes: 64 * 1024 });
    try {
      const server = tiny.app.callback();
      const applications = Array.from({ length: 40 }, (_, i) => tinyBody({ id: `b-${i}` }));
      expect(JSON.stringify({ applications }).length).to.be.within(4096, 64 * 1024);
      const ok = await signedIn(server).post('/v1/applications/batch').send({ applications }).expect(200);
      expect(ok.body.results).to.have.length(40);
      expectProblem(await signedIn(server).post('/v1/applications').send({ ...tinyBody(), padding: 'x'.repeat(5000) }), 413);
      const tooBig = Array.from({ length: 800 }, (_, i) => tinyBody({ id: `b-${i}` }));
      expectProblem(await signedIn(server).post('/v1/applications/batch').send({ applications: tooBig }), 413);
    } finally {
      tiny.close();
    }
  });
});
