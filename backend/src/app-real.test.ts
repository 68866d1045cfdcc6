/**
 * Every endpoint on the committed artifacts (real ONNX session, real store).
 * Each explanation the tests receive is checked: base_value + sum(shap) must
 * equal the ONNX raw score (log_odds) within 1e-6.
 */
import { expect } from 'chai';
import { publicPopulation } from './routes/static-docs.js';
import { signedIn } from './testing/signed-in.js';
import type { Loaded } from './bootstrap.js';
import { float32Value } from './services/phrases.js';
import { pointsDefaults } from './services/client-points.js';
import { loadReal, realApp } from './testing/real-artifacts.js';

interface ExplanationLike {
  base_value: number;
  log_odds: number;
  probability: number;
  contributions: Array<{ feature: string; shap: number; value: number | null }>;
  top: Array<{ feature: string; label_fr: string; shap: number; direction: string; phrase: string; phrase_fr: string; display_value: string }>;
  rest: { count: number; shap_sum: number };
}

let worstAdditivity = 0;

function checkExplanation(e: ExplanationLike, featureCount: number): void {
  expect(e.contributions).to.have.length(featureCount);
  const total = e.contributions.reduce((s, c) => s + c.shap, 0);
  const diff = Math.abs(e.base_value + total - e.log_odds);
  worstAdditivity = Math.max(worstAdditivity, diff);
  expect(diff, 'base_value + sum(shap) vs ONNX log-odds').to.be.at.most(1e-6);
  expect(1 / (1 + Math.exp(-e.log_odds))).to.be.closeTo(e.probability, 1e-6);
  for (const t of e.top) {
    expect(t.direction).to.equal(t.shap > 0 ? 'raises' : 'lowers');
    expect(t.phrase).to.match(/: (raises|lowers|no effect on) the risk$/);
    expect(t.phrase_fr.startsWith(`${t.label_fr} `)).to.equal(true);
    expect(t.phrase_fr).to.match(/, (augmente le risque|réduit le risque|sans effet sur le risque)$/);
  }
}

describe('API on the committed artifacts', function () {
  this.timeout(60_000);
  let loaded: Loaded;
  let server: ReturnType<ReturnType<typeof realApp>['callback']>;
  let ids: number[];

  before(async () => {
    loaded = await loadReal();
    server = realApp(loaded).callback();
    ids = loaded.model.store.sampleIds(loaded.model.store.size);
  });
  after(() => {
    console.log(`      worst |base_value + sum(shap) - log_odds| over all explanation calls: ${worstAdditivity.toExponential(2)}`);
  });

  it('GET /v1/clients/points on a book larger than its cap shows whole chunks spread over the store, with the full total', async () => {
    const saved = pointsDefaults.maxPoints;
    pointsDefaults.maxPoints = 600; // two chunks of 256 of the 9,000 clients
    try {
      const all = await signedIn(server).get('/v1/clients/points?x=AGE_YEARS&y=AMT_CREDIT').expect(200);
      expect(all.body).to.include({ total: loaded.model.store.size, sampled: true });
      expect(all.body.id).to.have.length(512);
      expect(all.body.id[0]).to.equal(ids[0]);
      expect(all.body.id[256]).to.equal(ids[Math.floor(Math.ceil(loaded.model.store.size / 256) / 2) * 256]);
      const refused = await signedIn(server).get('/v1/clients/points?x=AGE_YEARS&y=AMT_CREDIT&decision=refused').expect(200);
      const list = await signedIn(server).get('/v1/clients?decision=refused&limit=1').expect(200);
      expect(refused.body.total).to.equal(list.body.total);
      expect(refused.body.id.length).to.be.above(0).and.below(512);
      expect(refused.body.id.every((id: number) => all.body.id.includes(id))).to.equal(true);
      expect(refused.body.probability.every((p: number) => p >= loaded.model.threshold)).to.equal(true);
    } finally {
      pointsDefaults.maxPoints = saved;
    }
    const small = await signedIn(server).get('/v1/clients/points?x=AGE_YEARS&y=AMT_CREDIT').expect(200);
    expect(small.body).to.include({ sampled: false });
    expect(small.body.id).to.have.length(loaded.model.store.size);
  });

  it('serves health, readiness, model summary and every artifact document', async () => {
    await signedIn(server).get('/health').expect(200);
    const ready = await signedIn(server).get('/ready').expect(200);
    expect(ready.body.model_version).to.equal(loaded.model.modelVersion);
    const model = await signedIn(server).get('/v1/model').expect(200);
    expect(model.body.threshold).to.equal(loaded.artifacts.manifest.threshold);
    expect(model.body.features).to.have.length(loaded.model.featureCount);
    expect(model.body.metrics.auc_mean).to.be.a('number');
    const metrics = await signedIn(server).get('/v1/model/metrics').expect(200);
    expect(JSON.stringify(metrics.body)).to.equal(JSON.stringify(loaded.artifacts.metrics));
    const pop = await signedIn(server).get('/v1/population/stats').set('Accept-Encoding', 'gzip').expect(200);
    // Compared as JSON text: -0.0 in the file is served as 0, which chai's deep equality would tell apart.
    expect(JSON.stringify(pop.body)).to.equal(JSON.stringify(publicPopulation(loaded.artifacts.population)));
    // No client id and no outcome: joined with /v1/clients/{id} they would name the clients who defaulted.
    expect(pop.body.sample).to.have.keys(['features', 'probability', 'values']);
    expect(pop.body.sample.values).to.have.length((loaded.artifacts.population['sample'] as { ids: unknown[] }).ids.length);
    await signedIn(server).get('/v1/population/stats').set('Accept-Encoding', 'gzip').set('If-None-Match', pop.headers['etag']).expect(304);
    for (const path of ['/v1/model/fairness', '/v1/model/drift', '/v1/population/importance']) {
      const res = await signedIn(server).get(path).expect(200);
      expect(res.headers['etag']).to.be.a('string');
    }
  });

  it('lists, sorts and filters the 9,000 stored clients', async () => {
    const all = await signedIn(server).get('/v1/clients').expect(200);
    expect(all.body.total).to.equal(ids.length);
    expect(all.body.items).to.have.length(25);
    const top = await signedIn(server).get('/v1/clients?sort=-probability&limit=3&dataset=train').expect(200);
    expect(top.body.items[0].probability).to.be.at.least(top.body.items[2].probability);
    const cash = await signedIn(server).get('/v1/clients?contract_type=Cash%20loans&age_min=30&age_max=40&limit=100').expect(200);
    for (const c of cash.body.items) {
      expect(c.contract_type).to.equal('Cash loans');
      expect(c.age_years).to.be.within(30, 40);
    }
  });

  it('answers the advisor\'s questions with one sorted, filtered request each', async () => {
    const names = loaded.model.features.map((f) => f.name);
    const column = (name: string) => ids.map((id) => ({ id, v: loaded.model.store.vector(id)![names.indexOf(name)]! })).filter((r) => Number.isFinite(r.v));
    const maxOf = (rows: Array<{ id: number; v: number }>) => Math.max(...rows.map((r) => r.v));
    // Who has the most previous applications? the most credits at other lenders?
    for (const [sort, feature] of [['previous_applications', 'PREV_APPLICATION_COUNT'], ['bureau_credits', 'BUREAU_CREDIT_COUNT']] as const) {
      const res = await signedIn(server).get(`/v1/clients?sort=-${sort}&limit=1`).expect(200);
      const expected = column(feature);
      expect(res.body.items[0][sort], sort).to.equal(maxOf(expected));
      expect(expected.filter((r) => r.v === maxOf(expected)).map((r) => r.id)).to.include(res.body.items[0].id);
    }
    // The highest income among refused clients.
    const threshold = loaded.model.threshold;
    const res = await signedIn(server).get('/v1/clients?decision=refused&sort=-income&limit=1').expect(200);
    const best = res.body.items[0];
    expect(best.decision).to.equal('refused');
    expect(best.probability).to.be.at.least(threshold);
    const richer = await signedIn(server).get(`/v1/clients?decision=refused&income_min=${best.income + 0.01}`).expect(200);
    expect(richer.body.total).to.equal(0);
    // Filters on history counts leave out clients without the history.
    const busy = await signedIn(server).get('/v1/clients?bureau_credits_min=10&late_months_min=1&limit=100').expect(200);
    expect(busy.body.total).to.be.greaterThan(0);
    for (const c of busy.body.items) {
      expect(c.bureau_credits).to.be.at.least(10);
      expect(c.late_months).to.be.at.least(1);
    }
  });

  it('scores every endpoint of a few clients consistently', async () => {
    for (const id of [ids[0]!, ids[Math.floor(ids.length / 2)]!, ids[ids.length - 1]!]) {
      const detail = await signedIn(server).get(`/v1/clients/${id}`).expect(200);
      expect(Object.keys(detail.body.features)).to.have.length(loaded.model.featureCount);
      const score = await signedIn(server).get(`/v1/clients/${id}/score`).expect(200);
      const exp = await signedIn(server).get(`/v1/clients/${id}/explanation?top=5`).expect(200);
      checkExplanation(exp.body, loaded.model.featureCount);
      expect(exp.body.probability).to.equal(score.body.probability);
      expect(exp.body.top).to.have.length(5);
      expect(exp.body.rest.count).to.equal(loaded.model.featureCount - 5);
      const batch = await signedIn(server).post('/v1/score').send({ records: [{ ...detail.body.features, id }], explain: true }).expect(200);
      expect(batch.body.results[0].probability).to.equal(score.body.probability);
      expect(batch.body.results[0].explanation.log_odds).to.equal(exp.body.log_odds);
    }
  });

  it('groups a stored client\'s reasons as a person reads them: each input once, additive in log-odds and points', async () => {
    const res = await signedIn(server).get('/v1/clients/100002/explanation').expect(200);
    const e = res.body as { base_value: number; log_odds: number; probability: number; groups: Array<{ group: string; shap: number; points: number; features: string[]; phrase_fr: string }> };
    const named = e.groups.flatMap((g) => g.features);
    expect(new Set(named).size).to.equal(loaded.model.featureCount);
    expect(named).to.have.length(loaded.model.featureCount);
    expect(e.base_value + e.groups.reduce((s, g) => s + g.shap, 0)).to.be.closeTo(e.log_odds, 1e-6);
    const base = 1 / (1 + Math.exp(-e.base_value));
    expect(e.groups.reduce((s, g) => s + g.points, 0)).to.be.closeTo(e.probability - base, 1e-9);
    // The external scores are one reason, not four (EXT_SOURCE_3, their mean, minimum and maximum).
    const external = e.groups.filter((g) => g.features.some((f) => f.startsWith('EXT_SOURCE')));
    expect(external).to.have.length(1);
    expect(external[0]!.features.length).to.be.greaterThan(1);
    const points = e.groups.map((g) => Math.abs(g.points));
    expect(points).to.deep.equal([...points].sort((a, b) => b - a));
  });

  it('writes phrases with the population median, category text, yes/no and units', async () => {
    const phrases: string[] = [];
    for (const id of ids.slice(0, 60)) {
      const res = await signedIn(server).get(`/v1/clients/${id}/explanation?top=50`).expect(200);
      checkExplanation(res.body, loaded.model.featureCount);
      phrases.push(...res.body.top.map((t: { phrase: string }) => t.phrase));
    }
    expect(phrases.some((p) => /^External score \d is (low|high|typical) \(0\.\d+\): (raises|lowers) the risk$/.test(p))).to.equal(true);
    expect(phrases.some((p) => /is missing: /.test(p))).to.equal(true);
    // Any category input the model uses (which ones it uses depends on the training run).
    const categories = loaded.model.features.filter((f) => f.type === 'category' && f.categories);
    expect(phrases.some((p) => categories.some((f) => (f.categories as string[]).some((c: string) => p.startsWith(`${f.label} is ${c}: `))))).to.equal(true);
    const binaryLabels = loaded.model.features.filter((f) => f.type === 'binary').map((f) => f.label);
    expect(phrases.some((p) => binaryLabels.some((l) => p.startsWith(`${l} (yes): `) || p.startsWith(`${l} (no): `)))).to.equal(true);
    expect(phrases.some((p) => /^Age is (low|high|typical) \(\d+\.\d years\): /.test(p))).to.equal(true);
    expect(phrases.some((p) => /\(\d{1,3}(,\d{3})+\): /.test(p))).to.equal(true);
  });

  it('writes the same phrases in French with the catalogue\'s French labels (label_fr, else label)', async () => {
    const phrases: string[] = [];
    for (const id of ids.slice(0, 60)) {
      const res = await signedIn(server).get(`/v1/clients/${id}/explanation?top=50`).expect(200);
      phrases.push(...res.body.top.map((t: { phrase_fr: string }) => t.phrase_fr));
    }
    const fr = (name: string): string => loaded.model.features.find((f) => f.name === name)!.label_fr;
    const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(phrases.some((p) => new RegExp(`^${escape(fr('EXT_SOURCE_2'))} : valeur (basse|élevée|médiane) \\(0,\\d+\\), (augmente|réduit) le risque$`).test(p))).to.equal(true);
    expect(phrases.some((p) => / : valeur manquante, /.test(p))).to.equal(true);
    // Some phrase names a category value, in French only.
    const categories = loaded.model.features.filter((f) => f.type === 'category' && Array.isArray(f.categories_fr));
    expect(phrases.some((p) => categories.some((f) => (f.categories_fr as string[]).some((c: string) => p.startsWith(`${f.label_fr} : ${c}, `))))).to.equal(true);
    const english = loaded.model.features.flatMap((f) => (Array.isArray(f.categories) ? f.categories : []).filter((c) => !/^[FM]$/.test(c)));
    expect(phrases.filter((p) => english.some((c) => p.includes(` : ${c},`)))).to.deep.equal([]);
    const binaryLabels = loaded.model.features.filter((f) => f.type === 'binary').map((f) => f.label_fr);
    expect(phrases.some((p) => binaryLabels.some((l) => p.startsWith(`${l} (oui), `) || p.startsWith(`${l} (non), `)))).to.equal(true);
    expect(phrases.some((p) => new RegExp(`^${escape(fr('AGE_YEARS'))} : valeur (basse|élevée|médiane) \\(\\d+,\\d ans\\), `).test(p))).to.equal(true);
    expect(phrases.some((p) => /\(\d{1,3}(\u202f\d{3})+\), /.test(p))).to.equal(true);
    // No English decimal point or comma grouping left in the values.
    expect(phrases.filter((p) => /\(-?\d[^)]*(\.\d|,\d{3}\b)[^)]*\), /.test(p))).to.deep.equal([]);
  });

  it('scores 1,000 stored clients in one batch like one by one', async () => {
    const sample = ids.slice(0, 1000);
    const records = sample.map((id) => {
      const v = loaded.model.store.vector(id)!;
      return Object.fromEntries([['id', id], ...loaded.model.features.map((f, j) => [f.name, float32Value(v[j]!)])]);
    });
    const res = await signedIn(server).post('/v1/score').send({ records }).expect(200);
    const single = await signedIn(server).get(`/v1/clients/${sample[999]}/score`).expect(200);
    expect(res.body.results[999].probability).to.equal(single.body.probability);
    expect(res.body.results[999].id).to.equal(sample[999]);
  });
});
