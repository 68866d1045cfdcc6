/** PostgreSQL implementation (DATABASE_URL): for an API on more than one machine. */
import pg from 'pg';
import { accessFilter, type AccessEntry, type AccessLog, type AccessPage, type AccessQuery } from './access-log.js';
import type { Database } from './database.js';
import { GroupCommit } from './group-commit.js';
import { readMigrations } from './migrations.js';
import { PostgresReviewStore } from './postgres-reviews.js';
import { rowToAccess } from './sqlite.js';

export const postgresDefaults = { maxConnections: 5, connectTimeoutMs: 5_000, migrationLock: 4_211_011 } as const;

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    // Two machines starting at once must not both run a migration.
    await client.query('SELECT pg_advisory_lock($1)', [postgresDefaults.migrationLock]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    for (const migration of readMigrations('postgres')) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [postgresDefaults.migrationLock]).catch(() => undefined);
    client.release();
  }
}

const ACCESS_COLUMNS = 10;

class PostgresAccessLog implements AccessLog {
  private readonly commits: GroupCommit<AccessEntry>;

  constructor(private readonly pool: pg.Pool) {
    // One multi-row INSERT is one statement, hence one transaction: all rows or none.
    const insert = async (entries: AccessEntry[]): Promise<void> => {
      const rows = entries.map((_, r) => `(${Array.from({ length: ACCESS_COLUMNS }, (_v, c) => `$${r * ACCESS_COLUMNS + c + 1}`).join(', ')})`);
      await this.pool.query(
        `INSERT INTO access_log (at, subject, client_app, method, route, client_id, application_id, records, model_version, request_id) VALUES ${rows.join(', ')}`,
        entries.flatMap((e) => [e.at, e.subject, e.clientApp, e.method, e.route, e.clientId, e.applicationId, e.records, e.modelVersion, e.requestId]),
      );
    };
    this.commits = new GroupCommit<AccessEntry>(insert, (e) => insert([e]));
  }

  /** Settles once the row is committed (db/group-commit.ts). */
  append(e: AccessEntry): Promise<void> {
    return this.commits.append(e);
  }

  drain(): Promise<void> {
    return this.commits.drain();
  }

  async page(query: AccessQuery): Promise<AccessPage> {
    const { where, values } = accessFilter(query, (i) => `$${i}`);
    const total = Number((await this.pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM access_log ${where}`, values)).rows[0]!.n);
    const n = values.length;
    const rows = await this.pool.query(`SELECT * FROM access_log ${where} ORDER BY id DESC LIMIT $${n + 1} OFFSET $${n + 2}`, [...values, query.limit, query.offset]);
    return { total, items: rows.rows.map(rowToAccess) };
  }
}

export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: postgresDefaults.maxConnections, connectionTimeoutMillis: postgresDefaults.connectTimeoutMs });
  // An idle client losing its server must not crash the process.
  pool.on('error', () => undefined);
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  const accessLog = new PostgresAccessLog(pool);
  return {
    kind: 'postgres', accessLog, reviews: new PostgresReviewStore(pool),
    close: async () => {
      await accessLog.drain();
      await pool.end();
    },
  };
}
