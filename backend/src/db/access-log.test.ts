/**
 * One suite, run against both implementations: SQLite in a temp folder and
 * PostgreSQL at PG_TEST_URL (`make test-backend` starts a throwaway cluster
 * with scripts/with-postgres.sh; under CI a missing PG_TEST_URL fails).
 */
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { AccessEntry } from './access-log.js';
import type { Database } from './database.js';
import { openDatabase } from './database.js';
import { readMigrations } from './migrations.js';

interface Backend {
  name: string;
  available: () => boolean;
  open: () => Promise<Database>;
  reset: () => Promise<void>;
}

const pgUrl = process.env['PG_TEST_URL'];
let sqliteDir = '';

const backends: Backend[] = [
  {
    name: 'SQLite',
    available: () => true,
    open: () => openDatabase({ dataDir: sqliteDir }),
    reset: () => {
      if (sqliteDir !== '') fs.rmSync(sqliteDir, { recursive: true, force: true });
      sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-db-'));
      return Promise.resolve();
    },
  },
  {
    name: 'PostgreSQL',
    available: () => pgUrl !== undefined,
    open: () => openDatabase({ dataDir: '/nonexistent', databaseUrl: pgUrl }),
    reset: async () => {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query('DROP TABLE IF EXISTS access_log, reviews, schema_migrations');
      await client.end();
    },
  },
];

function entry(overrides: Partial<AccessEntry> = {}): AccessEntry {
  return {
    at: new Date('2026-03-02T09:00:00.000Z'), subject: 'advisor-1', clientApp: 'pad-dashboard', method: 'GET', route: '/v1/clients/:id',
    clientId: '100002', applicationId: null, records: 1, modelVersion: '1.2.0', requestId: 'req-1', ...overrides,
  };
}

for (const backend of backends) {
  describe(`record of access on ${backend.name}`, function () {
    let db: Database;

    before(function () {
      if (!backend.available()) {
        if (process.env['CI'] === 'true') throw new Error('PG_TEST_URL is not set: run through `make test-backend` (scripts/with-postgres.sh)');
        console.warn(`      (${backend.name} skipped: PG_TEST_URL not set; make test-backend sets it)`);
        this.skip();
      }
    });
    beforeEach(async () => {
      await backend.reset();
      db = await backend.open();
    });
    afterEach(async () => db?.close());

    it('stores every field and pages newest first with a total', async () => {
      const first = entry();
      await db.accessLog.append(first);
      await db.accessLog.append(entry({ requestId: 'req-2', route: '/v1/clients', clientId: null, records: 25, at: new Date('2026-03-02T09:01:00.123Z') }));
      const page = await db.accessLog.page({ offset: 0, limit: 10 });
      expect(page.total).to.equal(2);
      expect(page.items.map((r) => r.requestId)).to.deep.equal(['req-2', 'req-1']);
      const { id, ...stored } = page.items[1]!;
      expect(id).to.be.a('number');
      expect(stored).to.deep.equal(first);
      expect(page.items[0]!.at.toISOString()).to.equal('2026-03-02T09:01:00.123Z');
    });

    it('filters by client, subject and a half-open time window, and pages', async () => {
      for (let i = 0; i < 6; i += 1) {
        await db.accessLog.append(entry({
          subject: i % 2 === 0 ? 'advisor-1' : 'advisor-2', clientId: i < 3 ? '100002' : '100003', requestId: `r${i}`,
          at: new Date(Date.UTC(2026, 2, 2, 9, i)),
        }));
      }
      const ids = async (q: Parameters<Database['accessLog']['page']>[0]): Promise<string[]> => (await db.accessLog.page(q)).items.map((r) => r.requestId);
      expect(await ids({ offset: 0, limit: 10, clientId: '100003' })).to.deep.equal(['r5', 'r4', 'r3']);
      expect(await ids({ offset: 0, limit: 10, subject: 'advisor-2', clientId: '100002' })).to.deep.equal(['r1']);
      expect(await ids({ offset: 0, limit: 10, from: new Date(Date.UTC(2026, 2, 2, 9, 2)), to: new Date(Date.UTC(2026, 2, 2, 9, 4)) })).to.deep.equal(['r3', 'r2']);
      expect(await ids({ offset: 2, limit: 2 })).to.deep.equal(['r3', 'r2']);
      expect((await db.accessLog.page({ offset: 0, limit: 1, subject: 'advisor-1' })).total).to.equal(3);
    });

    it('applies each migration once: reopening keeps the rows', async () => {
      await db.accessLog.append(entry());
      await db.close();
      db = await backend.open();
      expect((await db.accessLog.page({ offset: 0, limit: 10 })).total).to.equal(1);
    });

    it('records concurrent appends each once (one transaction for those of one turn)', async () => {
      await Promise.all(Array.from({ length: 60 }, (_, i) => db.accessLog.append(entry({ requestId: `c${i}` }))));
      const page = await db.accessLog.page({ offset: 0, limit: 100 });
      expect(page.total).to.equal(60);
      expect(page.items.map((r) => r.requestId).sort()).to.deep.equal(Array.from({ length: 60 }, (_, i) => `c${i}`).sort());
    });

    it('fails only the append whose row cannot be stored', async () => {
      const bad = entry({ requestId: 'bad', subject: null as unknown as string });
      const results = await Promise.allSettled([entry({ requestId: 'g1' }), bad, entry({ requestId: 'g2' })].map((e) => db.accessLog.append(e)));
      expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
      expect((await db.accessLog.page({ offset: 0, limit: 10 })).items.map((r) => r.requestId).sort()).to.deep.equal(['g1', 'g2']);
    });

    it('treats filter values as data, not SQL', async () => {
      await db.accessLog.append(entry());
      const page = await db.accessLog.page({ offset: 0, limit: 10, subject: "x' OR '1'='1" });
      expect(page.total).to.equal(0);
    });
  });
}

describe('migrations', () => {
  it('are numbered and present for both dialects with the same versions', () => {
    const versions = (d: 'sqlite' | 'postgres'): string[] => readMigrations(d).map((m) => `${m.version}-${m.name}`);
    expect(versions('sqlite')).to.deep.equal(versions('postgres'));
    expect(versions('sqlite')[0]).to.equal('1-access-log');
  });

  it('refuses a file that is not named NNN-name.sql', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-mig-'));
    fs.writeFileSync(path.join(dir, 'reviews.sql'), 'SELECT 1');
    expect(() => readMigrations('sqlite', dir)).to.throw(/reviews\.sql must be named NNN-name\.sql/);
    fs.rmSync(dir, { recursive: true });
  });
});

after(() => {
  if (sqliteDir !== '') fs.rmSync(sqliteDir, { recursive: true, force: true });
});
