/**
 * WAL checkpoints mostly off the event loop. SQLite's automatic checkpoint runs inside the commit
 * that crosses 1,000 WAL pages and fsyncs on the thread that committed: with the record of access
 * written before every personal answer, about one request in 200 waited for it, 4 ms and more on a
 * busy disk (bench/profile.ts, the access-log timings in backend/README.md). A worker thread now
 * copies the WAL every 250 ms. The API's connection keeps an automatic checkpoint, but only past
 * `autoCheckpointPages`: under steady writes a passive checkpoint never quite catches up, and only
 * the writer's own checkpoint, finding almost everything copied already, lets the WAL restart from
 * its beginning. So the WAL stays bounded, and the event loop fsyncs rarely and little.
 */
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

export const checkpointDefaults = {
  intervalMs: 250,
  /** The writer's own checkpoint, past ~40 MB of WAL (~1,800 access rows); SQLite's default is 1,000. */
  autoCheckpointPages: 10_000,
  /** SQLite's own default, restored if the worker fails. */
  sqliteAutoCheckpointPages: 1_000,
  /** The WAL file is cut back to this after a restart (it would otherwise keep its largest size). */
  journalSizeLimitBytes: 64 * 1024 * 1024,
  closeTimeoutMs: 5_000,
} as const;

export interface Checkpointer {
  close(): Promise<void>;
}

export function startCheckpointer(db: BetterSqlite3.Database, file: string, intervalMs: number = checkpointDefaults.intervalMs): Checkpointer {
  const worker = new Worker(new URL('./sqlite-checkpoint-worker.js', import.meta.url), { workerData: { file, intervalMs } });
  db.pragma(`wal_autocheckpoint = ${checkpointDefaults.autoCheckpointPages}`);
  db.pragma(`journal_size_limit = ${checkpointDefaults.journalSizeLimitBytes}`);
  let closing = false;
  // Without the worker, the writer checkpoints as SQLite does by default.
  const fallBack = (): void => {
    if (!closing && db.open) db.pragma(`wal_autocheckpoint = ${checkpointDefaults.sqliteAutoCheckpointPages}`);
  };
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  // A tool or a test that forgets close() must still be able to exit.
  worker.unref();
  return {
    close: () => new Promise<void>((resolve) => {
      closing = true;
      const timer = setTimeout(() => void worker.terminate(), checkpointDefaults.closeTimeoutMs);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.postMessage('close');
    }),
  };
}
