/**
 * Worker thread of db/sqlite-checkpointer.ts: its own connection to the API's SQLite file, copying
 * the WAL into the database every few hundred milliseconds. A checkpoint fsyncs the WAL and the
 * database; here that blocks this thread, not the event loop that answers requests.
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';

const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new BetterSqlite3(file);
db.pragma('busy_timeout = 5000');

// PASSIVE never waits for the API's writer: what it cannot copy now, it copies next time.
const checkpoint = (): void => void db.pragma('wal_checkpoint(PASSIVE)');
const timer = setInterval(checkpoint, intervalMs);

parentPort!.on('message', (message: unknown) => {
  if (message !== 'close') return;
  clearInterval(timer);
  db.close();
  // Nothing else keeps this thread alive: closing the port lets it exit.
  parentPort!.close();
});
