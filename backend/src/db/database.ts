/**
 * The API's writable state: DATABASE_URL (PostgreSQL) when set, else an SQLite
 * file in DATA_DIR. Services receive these interfaces, never a driver.
 */
import path from 'node:path';
import type { AccessLog } from './access-log.js';
import type { ReviewStore } from './reviews.js';
import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';

export interface Database {
  kind: 'sqlite' | 'postgres';
  accessLog: AccessLog;
  reviews: ReviewStore;
  close(): Promise<void>;
}

export const databaseDefaults = { sqliteFile: 'pad.sqlite' } as const;

export async function openDatabase(options: { dataDir: string; databaseUrl?: string | undefined }): Promise<Database> {
  if (options.databaseUrl !== undefined) return openPostgres(options.databaseUrl);
  return openSqlite(path.join(options.dataDir, databaseDefaults.sqliteFile));
}
