/**
 * What the record of access guarantees: every personal answer that left the API is in the record,
 * even when the process dies the moment after (SIGKILL, the OOM killer). The real server answers
 * reads, is killed right after the last answer, and the record is read back from its store. SQLite
 * runs in WAL mode with synchronous=NORMAL: a commit is written to the WAL file (the OS holds it)
 * before the answer leaves, and fsync'd at checkpoints, so a process crash loses nothing; only a
 * power loss or kernel crash of the machine may lose the commits since the last checkpoint.
 * PostgreSQL commits on its server before the answer leaves.
 */
import { expect } from 'chai';
import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { runServer } from '../testing/spawn-server.js';
import { signToken, TEST_AUDIENCE, TEST_ISSUER, TEST_JWKS } from '../testing/tokens.js';
import { databaseDefaults } from './database.js';

const AUTH_ENV = { OIDC_ISSUER: TEST_ISSUER, OIDC_AUDIENCE: TEST_AUDIENCE, OIDC_JWKS: JSON.stringify(TEST_JWKS), NODE_ENV: 'test' };
const READS = 40;

/** Answers READS concurrent score reads, then SIGKILLs the server at once; returns the request ids answered 200. */
async function answerThenKill(env: Record<string, string>): Promise<{ answered: string[]; prefix: string }> {
  const prefix = `crash-${process.pid}-${Date.now()}-`;
  const token = signToken({ scopes: ['clients:read'], sub: 'crash-test' });
  const answered: string[] = [];
  const run = await runServer({ ...AUTH_ENV, ...env }, async (port, pid) => {
    const clients = (await (await fetch(`http://127.0.0.1:${port}/v1/clients?limit=${READS}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { items: Array<{ id: number }> };
    await Promise.all(clients.items.map(async ({ id }, i) => {
      const res = await fetch(`http://127.0.0.1:${port}/v1/clients/${id}/score`, { headers: { Authorization: `Bearer ${token}`, 'X-Request-Id': `${prefix}${i}` } });
      await res.arrayBuffer();
      if (res.status === 200) answered.push(`${prefix}${i}`);
    }));
    process.kill(pid, 'SIGKILL');
  });
  expect(run.code, run.stderr).to.equal(null); // killed, not exited
  return { answered, prefix };
}

describe('record of access across a process crash', function () {
  this.timeout(60_000);

  it('SQLite: every answered read is in the record after a SIGKILL', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-crash-'));
    try {
      const { answered, prefix } = await answerThenKill({ DATA_DIR: dataDir });
      expect(answered).to.have.length(READS);
      const db = new BetterSqlite3(path.join(dataDir, databaseDefaults.sqliteFile), { readonly: true });
      const rows = db.prepare("SELECT request_id, route, subject, client_id FROM access_log WHERE request_id LIKE ? || '%'").all(prefix) as Array<{ request_id: string; route: string; subject: string; client_id: string }>;
      db.close();
      expect(rows.map((r) => r.request_id).sort()).to.deep.equal([...answered].sort());
      expect(new Set(rows.map((r) => `${r.route} ${r.subject}`))).to.deep.equal(new Set(['/v1/clients/:id/score crash-test']));
      expect(rows.every((r) => /^\d+$/.test(r.client_id))).to.equal(true);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('PostgreSQL: every answered read is in the record after a SIGKILL', async function () {
    const url = process.env['PG_TEST_URL'];
    if (url === undefined) {
      if (process.env['CI'] === 'true') throw new Error('PG_TEST_URL is not set: run through `make test-backend`');
      this.skip();
    }
    const { answered, prefix } = await answerThenKill({ DATABASE_URL: url });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const rows = await client.query<{ request_id: string }>("SELECT request_id FROM access_log WHERE request_id LIKE $1 || '%'", [prefix]);
      expect(answered).to.have.length(READS);
      expect(rows.rows.map((r) => r.request_id).sort()).to.deep.equal([...answered].sort());
    } finally {
      await client.end();
    }
  });
});
