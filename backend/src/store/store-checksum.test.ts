import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createApp } from '../app.js';
import { StoreCorruptError } from '../errors.js';
import { tinySchema } from '../testing/tiny-features.js';
import { createTinyApp, tinyClients, TINY_FEATURES, type TinyApp } from '../testing/tiny-model.js';
import { writeClientStore, type StoreEntry, type StoredClient } from '../testing/store-writer.js';
import { signedIn } from '../testing/signed-in.js';
import { buildModelContext } from '../services/model-context.js';
import { ArtifactError } from './artifact-schemas.js';
import { SqliteClientStore } from './clients.js';
import { SqliteRawClients } from './raw-clients.js';
import { checkStoreContent, storeCorruption, storeVerification, sweepStores } from './store-checksum.js';

const F = TINY_FEATURES.length;

/** `n` tiny-shaped clients with fresh ids (the 40 tiny ones repeated), each with ~`pad` bytes of raw text. */
function manyClients(n: number, pad = 0): StoredClient[] {
  const base = tinyClients();
  return Array.from({ length: n }, (_, i) => {
    const c = base[i % base.length]!;
    const raw = structuredClone(c.raw)!;
    if (pad > 0) raw.application![0]!['OCCUPATION_TYPE'] = `${i}`.padEnd(pad, String.fromCharCode(97 + (i % 26)));
    return { ...c, id: 200_000 + i * 7, raw };
  });
}

/** Bytes this process read through read(2)/pread(2), cached or not (/proc/self/io rchar). */
function bytesRead(): number {
  return Number(/rchar:\s*(\d+)/.exec(fs.readFileSync('/proc/self/io', 'utf8'))![1]);
}

describe('client store checksums (store format 2)', () => {
  let dir: string;
  let file: string;
  let entry: StoreEntry;
  const clients = manyClients(1000);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-checksum-'));
    file = path.join(dir, 'clients.sqlite');
    entry = writeClientStore(file, clients, { modelVersion: '0.1.0', featureCount: F });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const edit = (sql: string, ...params: unknown[]): void => {
    const db = new Database(file);
    db.prepare(sql).run(...params);
    db.close();
  };

  it('accepts the digest the writer gave and refuses another digest or client count', () => {
    expect(() => checkStoreContent(file, entry)).to.not.throw();
    expect(() => checkStoreContent(file, { ...entry, content_sha256: '0'.repeat(64) })).to.throw(ArtifactError, /clients\.sqlite: content_sha256 mismatch/);
    expect(() => checkStoreContent(file, { ...entry, clients: 999 })).to.throw(ArtifactError, /covers 1000 clients, manifest\.json says 999/);
    expect(() => checkStoreContent(file, { sha256: entry.sha256 } as never)).to.throw(ArtifactError, /must give content_sha256 and clients/);
  });

  it('refuses a store whose checksums table was edited, at start-up', () => {
    const forged = 'f'.repeat(64);
    edit('UPDATE checksums SET sha256 = ? WHERE chunk = 2', forged);
    expect(() => checkStoreContent(file, entry)).to.throw(ArtifactError, /content_sha256 mismatch/);
    expect(() => SqliteClientStore.open(file, F, '0.1.0', { contentSha256: entry.content_sha256 })).to.throw(ArtifactError, /content_sha256 mismatch/);
    edit('UPDATE checksums SET clients = 255 WHERE chunk = 1');
    expect(() => checkStoreContent(file, entry)).to.throw(ArtifactError, /checksums row 1 holds 255 clients, expected 256/);
    edit("UPDATE meta SET value = 'dataset,probability' WHERE key = 'checksum_columns'");
    expect(() => checkStoreContent(file, entry)).to.throw(ArtifactError, /checksum_columns does not cover gender/);
  });

  it('checks the digest without reading the file whole (bytes read at start-up < 5% of the file)', () => {
    const big = path.join(dir, 'big.sqlite');
    const bigEntry = writeClientStore(big, manyClients(8000, 600), { modelVersion: '0.1.0', featureCount: F });
    const before = bytesRead();
    checkStoreContent(big, bigEntry);
    const store = SqliteClientStore.open(big, F, '0.1.0', { contentSha256: bigEntry.content_sha256 });
    const read = bytesRead() - before;
    store.close();
    console.log(`      start-up read ${read} of ${bigEntry.bytes} bytes (${((100 * read) / bigEntry.bytes).toFixed(2)} %)`);
    expect(bigEntry.bytes).to.be.above(4_000_000);
    expect(read).to.be.below(bigEntry.bytes * 0.05);
  });

  it('answers a client of a chunk that does not match with StoreCorruptError, and still serves other chunks', () => {
    const victim = clients[300]!.id;
    const db = new Database(file);
    const blob = db.prepare('SELECT vector FROM features WHERE id = ?').pluck().get(victim) as Buffer;
    blob[5] = blob[5]! ^ 0x01;
    db.prepare('UPDATE features SET vector = ? WHERE id = ?').run(blob, victim);
    db.close();
    const store = SqliteClientStore.open(file, F, '0.1.0', { contentSha256: entry.content_sha256 });
    const raw = SqliteRawClients.open(file, tinySchema());
    try {
      expect(storeCorruption()).to.equal(undefined);
      expect(store.vector(clients[10]!.id)).to.have.length(F);
      expect(() => store.vector(victim)).to.throw(StoreCorruptError, /clients\.sqlite is corrupt: chunk 1 does not match its checksum/);
      // Every read path of the chunk, and the same chunk again, refuses: never the unverified data.
      expect(() => store.get(clients[257]!.id)).to.throw(StoreCorruptError, /chunk 1/);
      expect(() => raw.application(clients[258]!.id)).to.throw(StoreCorruptError, /chunk 1/);
      expect(() => store.list({ limit: 5, offset: 256, sort: 'id', descending: false })).to.throw(StoreCorruptError, /chunk 1/);
      expect(storeCorruption()).to.match(/chunk 1/);
      expect(store.get(clients[600]!.id)?.id).to.equal(clients[600]!.id);
      expect(raw.application(clients[900]!.id)?.tables.application).to.have.length(1);
      expect(store.list({ limit: 5, offset: 0, sort: 'id', descending: false }).items).to.have.length(5);
    } finally {
      raw.close();
      store.close();
    }
    expect(storeCorruption()).to.equal(undefined);
  });

  it('verifies every chunk in the background, between other work, and finds a corrupt one nobody read', async () => {
    const victim = clients[700]!.id; // chunk 2 of 4
    const db = new Database(file);
    db.prepare("UPDATE clients SET gender = 'X' WHERE id = ?").run(victim);
    db.close();
    const store = SqliteClientStore.open(file, F, '0.1.0', { contentSha256: entry.content_sha256 });
    try {
      const before = storeVerification(); // other tests' stores may be open too
      expect(before.checked).to.be.below(before.chunks);
      const sweep = sweepStores();
      // A read meanwhile, and a turn of the event loop before the sweep is over: it yields between chunks.
      expect(store.vector(clients[0]!.id)).to.have.length(F);
      const midway = await new Promise<{ checked: number; chunks: number }>((resolve) => setImmediate(() => resolve(storeVerification())));
      expect(midway.checked).to.be.below(midway.chunks);
      await sweep.done;
      const after = storeVerification();
      expect(after.checked).to.equal(after.chunks);
      expect(storeCorruption()).to.match(/chunk 2 does not match/);
      expect(() => store.get(victim)).to.throw(StoreCorruptError, /chunk 2/);
      expect(store.get(clients[999]!.id)?.id).to.equal(clients[999]!.id);
    } finally {
      store.close();
    }
  });

  it('serves no row added after the checksums were written', () => {
    edit("INSERT INTO clients (id, dataset, probability) VALUES (1, 'train', 0.5)");
    edit('INSERT INTO features VALUES (1, ?)', Buffer.alloc(F * 4));
    const store = SqliteClientStore.open(file, F, '0.1.0', { contentSha256: entry.content_sha256 });
    try {
      expect(store.vector(1)).to.equal(undefined);
      expect(store.get(1)).to.equal(undefined);
      expect(store.sampleIds(store.size)).to.not.include(1);
      expect(() => store.list({ limit: 1, offset: 0, sort: 'id', descending: false })).to.throw(StoreCorruptError, /outside every checksum chunk/);
    } finally {
      store.close();
    }
  });

  it('detects a raw body and a display column changed under an unchanged checksums table', () => {
    const store = SqliteClientStore.open(file, F, '0.1.0');
    try {
      edit('UPDATE raw SET body = ? WHERE id = ?', Buffer.from('x'), clients[5]!.id);
      expect(() => store.vector(clients[6]!.id)).to.throw(StoreCorruptError, /chunk 0/);
      edit("UPDATE clients SET gender = 'M' WHERE id = ?", clients[700]!.id);
      expect(() => store.get(clients[701]!.id)).to.throw(StoreCorruptError, /chunk 2/);
      expect(store.vector(clients[999]!.id)).to.have.length(F);
    } finally {
      store.close();
    }
  });
});

describe('API on a corrupt store', () => {
  let tiny: TinyApp;
  let dir: string;
  let store: SqliteClientStore;
  before(() => {
    tiny = createTinyApp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-corrupt-'));
    const file = path.join(dir, 'clients.sqlite');
    const clients = tinyClients();
    writeClientStore(file, clients, { modelVersion: '0.1.0', featureCount: F, chunk: 8 });
    const db = new Database(file);
    db.prepare('UPDATE features SET vector = ? WHERE id = ?').run(Buffer.alloc(F * 4, 0x41), clients[20]!.id);
    db.close();
    store = SqliteClientStore.open(file, F, '0.1.0');
  });
  after(() => {
    store.close();
    tiny.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 problem+json store-corrupt for that client, turns /ready 503, and serves another chunk', async () => {
    const { model } = tiny.deps;
    const app = createApp({ ...tiny.deps, model: buildModelContext({ ...tiny.deps.artifacts }, model.scorer, model.explainer, store) });
    const server = app.callback();
    const ids = tinyClients().map((c) => c.id);
    await signedIn(server).get('/ready').expect(200);
    const res = await signedIn(server).get(`/v1/clients/${ids[21]}/score`).expect(503);
    expect(res.headers['content-type']).to.match(/application\/problem\+json/);
    expect(res.body).to.deep.include({ type: 'https://pad.example/problems/store-corrupt', status: 503, detail: 'clients.sqlite is corrupt: chunk 2 does not match its checksum' });
    expect(JSON.stringify(res.body)).to.not.match(/probability|features|AMT_/);
    await signedIn(server).get(`/v1/clients/${ids[16]}`).expect(503);
    const ready = await signedIn(server).get('/ready').expect(503);
    expect(ready.body.type).to.equal('https://pad.example/problems/store-corrupt');
    const other = await signedIn(server).get(`/v1/clients/${ids[3]}/score`).expect(200);
    expect(other.body.probability).to.be.a('number');
  });
});
