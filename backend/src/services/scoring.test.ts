import { expect } from 'chai';
import v8 from 'node:v8';
import vm from 'node:vm';
import { prepareExplanation, type PreparedExplanation } from './explanation.js';
import { preparedBytes, ScoringService, type InferenceKind } from './scoring.js';
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

  it('computes every explanation afresh when the cache budget is 0 bytes', async () => {
    const calls: InferenceKind[] = [];
    const service = new ScoringService(tiny.deps.model, (kind) => calls.push(kind), 0);
    await service.explainClient(TINY_IDS[2]!, 3);
    await service.explainClient(TINY_IDS[2]!, 3);
    expect(calls.filter((k) => k === 'shap')).to.have.length(2);
  });

  it('keeps the cache within its byte budget, dropping the least recently read client', async () => {
    const calls: InferenceKind[] = [];
    const probe = new ScoringService(tiny.deps.model, () => undefined);
    await probe.explainClient(TINY_IDS[0]!, 3);
    const entryBytes = probe.shapCache.bytes;
    expect(entryBytes).to.be.greaterThan(0);
    const budget = 2 * entryBytes + 1;
    const service = new ScoringService(tiny.deps.model, (kind) => calls.push(kind), budget);
    for (const id of [TINY_IDS[0]!, TINY_IDS[1]!, TINY_IDS[0]!, TINY_IDS[2]!]) {
      await service.explainClient(id, 3);
      expect(service.shapCache.bytes).to.be.at.most(budget);
    }
    expect(service.shapCache.entries).to.equal(2);
    const before = calls.filter((k) => k === 'shap').length;
    await service.explainClient(TINY_IDS[0]!, 3); // read last but one: still there
    expect(calls.filter((k) => k === 'shap').length).to.equal(before);
    await service.explainClient(TINY_IDS[1]!, 3); // the least recently read: it went
    expect(calls.filter((k) => k === 'shap').length).to.equal(before + 1);
  });

  it('estimates an entry\'s bytes within 15 % of what 5,000 entries of 86 features take on the heap', () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const heap = (): number => {
      gc();
      gc();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const n = 86;
    const count = 5000;
    const keep = new Map<number, PreparedExplanation>();
    const start = heap();
    for (let i = 0; i < count; i++) {
      const x = Float64Array.from({ length: n }, (_, j) => ((i * 31 + j) % 97) / 7);
      keep.set(i, prepareExplanation(x, { baseValue: 0.1, shap: Float64Array.from({ length: n }, (_, j) => Math.sin(i + j)) }));
    }
    const measured = (heap() - start) / count;
    const estimate = preparedBytes(keep.get(0)!);
    expect(Math.abs(estimate - measured) / measured, `estimate ${estimate} B, measured ${measured.toFixed(0)} B`).to.be.below(0.15);
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
