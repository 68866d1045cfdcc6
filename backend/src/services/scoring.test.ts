import { expect } from 'chai';
import { ScoringService, type InferenceKind } from './scoring.js';
import { createTinyApp, TINY_IDS, type TinyApp } from '../testing/tiny-model.js';

describe('ScoringService', () => {
  let tiny: TinyApp;
  before(() => {
    tiny = createTinyApp();
  });
  after(() => tiny.close());

  it('computes a stored client\'s SHAP values once and serves the same explanation again', async () => {
    const calls: InferenceKind[] = [];
    const service = new ScoringService(tiny.deps.model, (kind) => calls.push(kind));
    const first = await service.explainClient(TINY_IDS[0]!, 3);
    const second = await service.explainClient(TINY_IDS[0]!, 5);
    expect(calls.filter((k) => k === 'shap')).to.have.length(1);
    expect(second.contributions).to.deep.equal(first.contributions);
    expect(second.top).to.have.length(5);
    // The cached values still add up to the model's log-odds for this client.
    const sum = first.contributions.reduce((acc, c) => acc + c.shap, first.base_value);
    expect(sum).to.be.closeTo(first.log_odds, 1e-6);
  });

  it('computes every explanation afresh when the cache size is 0', async () => {
    const calls: InferenceKind[] = [];
    const service = new ScoringService(tiny.deps.model, (kind) => calls.push(kind), 0);
    await service.explainClient(TINY_IDS[2]!, 3);
    await service.explainClient(TINY_IDS[2]!, 3);
    expect(calls.filter((k) => k === 'shap')).to.have.length(2);
  });

  it('never reuses a stored client\'s values for an edited vector (what-if)', async () => {
    const calls: InferenceKind[] = [];
    const service = new ScoringService(tiny.deps.model, (kind) => calls.push(kind));
    const id = TINY_IDS[1]!;
    const stored = await service.explainClient(id, 3);
    const edited = Float64Array.from(service.vectorOf(id));
    edited[0] = edited[0]! + 0.5;
    const changed = await service.explainVector(id, edited, 3);
    expect(calls.filter((k) => k === 'shap')).to.have.length(2);
    expect(changed.log_odds).to.not.equal(stored.log_odds);
  });
});
