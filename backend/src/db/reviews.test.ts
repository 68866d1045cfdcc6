/**
 * The review store on both implementations (SQLite in a temp folder,
 * PostgreSQL at PG_TEST_URL, as in access-log.test.ts): append-only,
 * idempotent on the browser-made id, newest first, latest per client.
 */
import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from './database.js';
import type { ReviewEntry } from './reviews.js';

const pgUrl = process.env['PG_TEST_URL'];
let sqliteDir = '';

const backends = [
  {
    name: 'SQLite', available: () => true, open: () => openDatabase({ dataDir: sqliteDir }),
    reset: () => {
      if (sqliteDir !== '') fs.rmSync(sqliteDir, { recursive: true, force: true });
      sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-rev-'));
      return Promise.resolve();
    },
  },
  {
    name: 'PostgreSQL', available: () => pgUrl !== undefined, open: () => openDatabase({ dataDir: '/nonexistent', databaseUrl: pgUrl }),
    reset: async () => {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query('DROP TABLE IF EXISTS access_log, reviews, schema_migrations');
      await client.end();
    },
  },
];

let counter = 0;
function review(overrides: Partial<ReviewEntry> = {}): ReviewEntry {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`, clientId: '100002', outcome: 'agree', justification: null,
    note: 'Vu en agence', reviewedAt: new Date('2026-03-02T09:00:00.000Z'), receivedAt: new Date('2026-03-02T10:00:00.000Z'),
    subject: 'advisor-1', clientApp: 'pad-dashboard',
    seen: { probability: 0.0625, decision: 'granted', modelVersion: '1.2.0', reasons: ['EXT_SOURCE_2', 'AGE_YEARS'] }, ...overrides,
  };
}

for (const backend of backends) {
  describe(`review store on ${backend.name}`, function () {
    let db: Database;

    before(function () {
      if (!backend.available()) {
        if (process.env['CI'] === 'true') throw new Error('PG_TEST_URL is not set: run through `make test-backend` (scripts/with-postgres.sh)');
        this.skip();
      }
    });
    beforeEach(async () => {
      await backend.reset();
      db = await backend.open();
    });
    afterEach(async () => db?.close());

    it('stores every field and gives it back unchanged', async () => {
      const first = review({ outcome: 'override_refuse', justification: 'Revenus non justifiés', note: 'Accent é — "quotes"' });
      expect((await db.reviews.add(first)).status).to.equal('created');
      const [stored] = await db.reviews.forClient('100002');
      expect(stored).to.deep.equal(first);
    });

    it('recognises a resend of the same id: one row, duplicate; other content under that id: conflict, nothing changed', async () => {
      const first = review();
      await db.reviews.add(first);
      const again = await db.reviews.add({ ...first, receivedAt: new Date('2026-03-02T11:00:00.000Z'), clientApp: 'other' });
      expect(again.status).to.equal('duplicate');
      const other = await db.reviews.add({ ...first, outcome: 'override_grant', justification: 'x' });
      expect(other.status).to.equal('conflict');
      expect(other.review.outcome).to.equal('agree');
      const rows = await db.reviews.forClient('100002');
      expect(rows).to.have.length(1);
      expect(rows[0]!.receivedAt.toISOString()).to.equal('2026-03-02T10:00:00.000Z');
    });

    it('keeps two advisors\' reviews of one client, newest first, and knows the latest per client', async () => {
      await db.reviews.add(review({ subject: 'advisor-1', outcome: 'override_grant', justification: 'Garant', reviewedAt: new Date('2026-03-02T09:00:00Z') }));
      await db.reviews.add(review({ subject: 'advisor-2', outcome: 'agree', reviewedAt: new Date('2026-03-02T09:30:00Z') }));
      await db.reviews.add(review({ clientId: '100003', outcome: 'override_refuse', justification: 'Dettes' }));
      const history = await db.reviews.forClient('100002');
      expect(history.map((r) => r.subject)).to.deep.equal(['advisor-2', 'advisor-1']);
      expect([...(await db.reviews.reviewedClients(false))].sort()).to.deep.equal(['100002', '100003']);
      // 100002's latest review agrees: it is reviewed but no longer overridden.
      expect([...(await db.reviews.reviewedClients(true))]).to.deep.equal(['100003']);
    });

    it('pages by advisor, overrides and time, newest first with a total', async () => {
      for (let i = 0; i < 5; i += 1) {
        await db.reviews.add(review({
          subject: i % 2 === 0 ? 'advisor-1' : 'advisor-2', outcome: i < 2 ? 'override_grant' : 'agree', justification: i < 2 ? 'ok' : null,
          reviewedAt: new Date(Date.UTC(2026, 2, 2, 9, i)), note: `n${i}`,
        }));
      }
      const notes = async (q: Parameters<Database['reviews']['page']>[0]): Promise<Array<string | null>> => (await db.reviews.page(q)).items.map((r) => r.note);
      expect(await notes({ offset: 0, limit: 10, subject: 'advisor-1' })).to.deep.equal(['n4', 'n2', 'n0']);
      expect(await notes({ offset: 0, limit: 10, overridesOnly: true })).to.deep.equal(['n1', 'n0']);
      expect(await notes({ offset: 0, limit: 10, from: new Date(Date.UTC(2026, 2, 2, 9, 3)) })).to.deep.equal(['n4', 'n3']);
      expect(await notes({ offset: 1, limit: 2 })).to.deep.equal(['n3', 'n2']);
      expect((await db.reviews.page({ offset: 0, limit: 1, subject: "x' OR '1'='1" })).total).to.equal(0);
    });

    it('survives a reopen (migrations applied once)', async () => {
      await db.reviews.add(review());
      await db.close();
      db = await backend.open();
      expect(await db.reviews.forClient('100002')).to.have.length(1);
    });
  });
}

after(() => {
  if (sqliteDir !== '') fs.rmSync(sqliteDir, { recursive: true, force: true });
});
