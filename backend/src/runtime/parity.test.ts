/**
 * The served model against LightGBM itself, on the committed artifacts:
 * ONNX probabilities vs fixtures/predictions.json.gz for every stored client,
 * TreeSHAP vs LightGBM's pred_contrib (fixtures/shap_contrib.json.gz).
 */
import { expect } from 'chai';
import type { Loaded } from '../bootstrap.js';
import { loadReal, readFixture, type PredictionsFixture, type ShapFixture } from '../testing/real-artifacts.js';

describe('model parity on the committed artifacts', function () {
  this.timeout(120_000);
  let loaded: Loaded;

  before(async () => {
    loaded = await loadReal();
  });

  it('ONNX probabilities match LightGBM within 1e-5 for every client in the store', async () => {
    const fixture = readFixture<PredictionsFixture>('predictions.json.gz');
    const { model } = loaded;
    const ids = model.store.sampleIds(model.store.size);
    const expected = new Map(fixture.ids.map((id, i) => [id, i]));
    const f = model.featureCount;
    const rows = new Float64Array(ids.length * f);
    ids.forEach((id, i) => rows.set(model.store.vector(id)!, i * f));
    const out = await model.scorer.score(rows, ids.length);
    let maxProb = 0;
    let maxRaw = 0;
    let decisionsDiffer = 0;
    ids.forEach((id, i) => {
      const k = expected.get(id);
      expect(k, `client ${id} missing from predictions fixture`).to.not.equal(undefined);
      const p = fixture.probability[k!]!;
      maxProb = Math.max(maxProb, Math.abs(out.probability[i]! - p));
      maxRaw = Math.max(maxRaw, Math.abs(out.rawScore[i]! - fixture.raw_score[k!]!));
      if ((out.probability[i]! >= model.threshold) !== (p >= model.threshold)) decisionsDiffer += 1;
    });
    console.log(`      ONNX vs LightGBM on ${ids.length} clients: max |dp| = ${maxProb.toExponential(2)}, max |d raw| = ${maxRaw.toExponential(2)}, decisions differing: ${decisionsDiffer}`);
    expect(ids.length).to.equal(fixture.ids.length);
    expect(maxProb).to.be.at.most(1e-5);
  });

  it('TreeSHAP matches LightGBM pred_contrib within 1e-6 on every fixture client', () => {
    const fixture = readFixture<ShapFixture>('shap_contrib.json.gz');
    const { model } = loaded;
    const f = model.featureCount;
    expect(fixture.ids.length).to.be.at.least(1000);
    let maxContrib = 0;
    let maxBase = 0;
    fixture.ids.forEach((id, k) => {
      const x = model.store.vector(id);
      expect(x, `fixture client ${id} not in the store`).to.not.equal(undefined);
      const row = fixture.contrib[k]!;
      expect(row).to.have.length(f + 1);
      const out = model.explainer.explain(x!);
      for (let j = 0; j < f; j++) maxContrib = Math.max(maxContrib, Math.abs(out.shap[j]! - row[j]!));
      maxBase = Math.max(maxBase, Math.abs(out.baseValue - row[f]!));
    });
    console.log(`      TreeSHAP vs LightGBM pred_contrib on ${fixture.ids.length} clients: max |d contribution| = ${maxContrib.toExponential(2)}, max |d expected value| = ${maxBase.toExponential(2)}`);
    expect(maxContrib).to.be.at.most(1e-6);
    expect(maxBase).to.be.at.most(1e-6);
  });

  it('base value + contributions equal the ONNX raw score within 1e-6 on fixture clients', async () => {
    const fixture = readFixture<ShapFixture>('shap_contrib.json.gz');
    const { model } = loaded;
    const ids = fixture.ids;
    const f = model.featureCount;
    const rows = new Float64Array(ids.length * f);
    ids.forEach((id, i) => rows.set(model.store.vector(id)!, i * f));
    const out = await model.scorer.score(rows, ids.length);
    let worst = 0;
    ids.forEach((_, i) => {
      const e = model.explainer.explain(rows.subarray(i * f, (i + 1) * f));
      worst = Math.max(worst, Math.abs(e.baseValue + e.shap.reduce((a, b) => a + b, 0) - out.rawScore[i]!));
    });
    console.log(`      base + sum(SHAP) vs ONNX raw_score: max diff = ${worst.toExponential(2)}`);
    expect(worst).to.be.at.most(1e-6);
  });
});
