import { expect } from 'chai';
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseDefaults, openDatabase } from './database.js';
import { checkpointDefaults } from './sqlite-checkpointer.js';

describe('SQLite checkpoints off the event loop', function () {
  this.timeout(30_000);

  it('a worker copies the WAL into the database while the API writes, and nothing is lost at close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-ckpt-'));
    try {
      const db = await openDatabase({ dataDir: dir });
      const file = path.join(dir, databaseDefaults.sqliteFile);
      const emptySize = fs.statSync(file).size;
      for (let i = 0; i < 500; i++) {
        await db.accessLog.append({ at: new Date(), subject: 's', clientApp: null, method: 'GET', route: '/v1/clients/:id', clientId: String(i), applicationId: null, records: 1, modelVersion: 'm', requestId: `r${i}` });
      }
      // 500 rows are ~2,500 WAL pages: below the writer's own threshold, so only the worker copies them
      // (given time: a worker thread starts slowly on a loaded machine).
      const copiedBytes = (): number => fs.statSync(file).size - emptySize;
      for (let waited = 0; copiedBytes() <= 50 * 1024 && waited < 15_000; waited += checkpointDefaults.intervalMs) {
        await new Promise((resolve) => setTimeout(resolve, checkpointDefaults.intervalMs));
      }
      // The rows reached the database file itself, not only the WAL: someone checkpointed, and not the writer.
      const copied = copiedBytes();
      expect(copied, `database file grew by ${copied} bytes`).to.be.greaterThan(50 * 1024);
      expect(fs.statSync(`${file}-wal`).size).to.be.greaterThan(0);
      await db.close();
      const reopened = new BetterSqlite3(file, { readonly: true });
      expect((reopened.prepare('SELECT COUNT(*) AS n FROM access_log').get() as { n: number }).n).to.equal(500);
      reopened.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
