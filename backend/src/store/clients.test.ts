import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spreadSample } from '../features/stored-inputs.js';
import { createTinyApp, TINY_IDS, tinyClients, tinyVector, type TinyApp } from '../testing/tiny-model.js';
import { writeClientStore } from '../testing/store-writer.js';
import { ArtifactError } from './artifact-schemas.js';
import { SqliteClientStore } from './clients.js';

describe('SQLite client store (format 2)', () => {
  let tiny: TinyApp;
  before(() => {
    tiny = createTinyApp();
  });
  after(() => tiny.close());

  it('reads every feature vector as float64 copies of the float32 blobs (NaN = missing)', () => {
    const store = tiny.deps.model.store;
    expect(store.size).to.equal(TINY_IDS.length);
    TINY_IDS.forEach((id, i) => {
      expect(Array.from(store.vector(id)!)).to.deep.equal(tinyVector(i));
    });
    expect(store.vector(5)).to.equal(undefined);
  });

  it('lists with filters, ranges, id prefix, sorting and paging', () => {
    const store = tiny.deps.model.store;
    const all = store.list({ limit: 100, offset: 0, sort: 'id', descending: false });
    expect(all.total).to.equal(40);
    expect(all.items.map((c) => c.id)).to.deep.equal(TINY_IDS);
    const page = store.list({ limit: 5, offset: 5, sort: 'credit_amount', descending: true });
    const credits = page.items.map((c) => c.credit_amount!);
    expect(credits).to.deep.equal([...credits].sort((a, b) => b - a));
    const ranged = store.list({ limit: 100, offset: 0, sort: 'id', descending: false, ranges: { age: { min: 30, max: 50 } }, dataset: 'train' });
    for (const c of ranged.items) {
      expect(c.age_years).to.be.within(30, 50);
      expect(c.dataset).to.equal('train');
    }
    expect(store.list({ limit: 10, offset: 0, sort: 'id', descending: false, q: '10001' }).items.every((c) => String(c.id).startsWith('10001'))).to.equal(true);
  });

  it('returns client details without the target', () => {
    const c = tiny.deps.model.store.get(TINY_IDS[1]!)!;
    expect(c).to.not.have.property('target');
    expect(c.own_realty).to.equal(true);
    expect(tiny.deps.model.store.get(1)).to.equal(undefined);
  });

  it('samples ids spread over the store by SQL, as spreadSample does over every id', () => {
    const store = tiny.deps.model.store;
    const all = store.sampleIds(store.size);
    expect(all).to.deep.equal(TINY_IDS);
    for (const n of [1, 2, 7, 39]) expect(store.sampleIds(n)).to.deep.equal(n === 1 ? [TINY_IDS[0]] : spreadSample(TINY_IDS, n));
    expect(store.sampleIds(0)).to.deep.equal([]);
  });

  it('rejects a store of another model version or feature count, naming the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-store-'));
    const file = path.join(dir, 'clients.sqlite');
    try {
      writeClientStore(file, tinyClients(), { modelVersion: '1.0.0', featureCount: 6 });
      expect(() => SqliteClientStore.open(file, 6, '2.0.0')).to.throw(ArtifactError, /clients\.sqlite: meta\.model_version 1\.0\.0 differs/);
      expect(() => SqliteClientStore.open(file, 5, '1.0.0')).to.throw(ArtifactError, /meta\.feature_count 6 differs from manifest\.json \(5\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
