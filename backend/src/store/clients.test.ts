import { expect } from 'chai';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTinyApp, TINY_IDS, tinyVector, type TinyApp } from '../testing/tiny-model.js';
import { ArtifactError } from './artifact-schemas.js';
import { SqliteClientStore } from './clients.js';

describe('SQLite client store', () => {
  let tiny: TinyApp;
  before(() => {
    tiny = createTinyApp();
  });
  after(() => tiny.close());

  it('loads every feature vector as float64 copies of the float32 blobs (NaN = missing)', () => {
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

  it('rejects a vector of the wrong length and a different model version, naming the file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-store-'));
    const file = path.join(dir, 'clients.sqlite');
    try {
      const db = new Database(file);
      db.exec("CREATE TABLE clients (id INTEGER PRIMARY KEY, dataset TEXT); CREATE TABLE features (id INTEGER PRIMARY KEY, vector BLOB); CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO clients VALUES (1, 'train'); INSERT INTO meta VALUES ('model_version', '1.0.0');");
      db.prepare('INSERT INTO features VALUES (1, ?)').run(Buffer.alloc(8));
      db.close();
      expect(() => SqliteClientStore.open(file, 3, '1.0.0')).to.throw(ArtifactError, /clients\.sqlite: features\.vector of client 1 has 8 bytes, expected 12/);
      expect(() => SqliteClientStore.open(file, 2, '2.0.0')).to.throw(ArtifactError, /meta\.model_version 1\.0\.0 differs/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
