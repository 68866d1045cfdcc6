/**
 * `node --expose-gc dist/src/testing/touch-every-client.js ARTIFACTS_DIR`: starts the API's model
 * (loadModel, as server.ts does), then reads every client through the store (list pages, inputs,
 * detail, raw rows) and prints one JSON line of resident memory and read timings. Run in a child
 * process so the memory of other tests does not count (store-memory.test.ts).
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadModel } from '../bootstrap.js';
import type { ClientStore } from '../store/clients.js';

export interface TouchReport {
  clients: number;
  rssBeforeMiB: number;
  rssStartedMiB: number;
  /** After the first tenth of the clients: V8's young generation and SQLite's caches have filled. */
  rssTenthMiB: number;
  rssTouchedMiB: number;
  peakMiB: number;
  startupMs: number;
  vectorReadUs: number;
  detailReadUs: number;
  rawReadUs: number;
  /**
   * 50-row pages sorted by probability: the first page without filter, with a filter (its count is a
   * scan), the next page of that filter (count remembered), a page in the middle. `cold`: right after
   * start-up, so most rows' chunks are hashed on the way; `warm`: after every chunk was verified.
   */
  pageMs: { cold: PageTimes; warm: PageTimes };
}

interface PageTimes {
  noFilter: number;
  filtered: number;
  filteredAgain: number;
  deep: number;
}

const touchDefaults = { page: 1000 } as const;

function pageTimes(store: ClientStore, income: { min: number; max: number }): PageTimes {
  const sort = { sort: 'probability', descending: true, limit: 50 } as const;
  const filter = { dataset: 'train', ranges: { income } } as const;
  const [, noFilter] = timed(() => store.list({ offset: 0, ...sort }));
  const [, filtered] = timed(() => store.list({ offset: 0, ...sort, ...filter }));
  const [, filteredAgain] = timed(() => store.list({ offset: 50, ...sort, ...filter }));
  const [, deep] = timed(() => store.list({ offset: Math.floor(store.size / 2), ...sort }));
  return { noFilter, filtered, filteredAgain, deep };
}

function status(key: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${key}:\\s*(\\d+) kB`).exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

function settledRss(): number {
  (globalThis as { gc?: () => void }).gc?.();
  (globalThis as { gc?: () => void }).gc?.();
  return status('VmRSS');
}

function timed<T>(run: () => T): [T, number] {
  const t = performance.now();
  const value = run();
  return [value, performance.now() - t];
}

export async function touchEveryClient(dir: string): Promise<TouchReport> {
  const rssBeforeMiB = settledRss();
  const t0 = performance.now();
  const loaded = await loadModel(dir);
  const startupMs = performance.now() - t0;
  const rssStartedMiB = settledRss();
  const { store } = loaded.model;
  const raw = loaded.applications.rawClients!;
  const cold = pageTimes(store, { min: 100_000, max: 300_000 });
  let vectorMs = 0;
  let detailMs = 0;
  let rawMs = 0;
  let touched = 0;
  let rssTenthMiB = NaN;
  for (let offset = 0; offset < store.size; offset += touchDefaults.page) {
    if (Number.isNaN(rssTenthMiB) && offset >= store.size / 10) rssTenthMiB = settledRss();
    const { items } = store.list({ limit: touchDefaults.page, offset, sort: 'id', descending: false });
    for (const { id } of items) {
      let t = performance.now();
      if (store.vector(id)?.length !== store.featureCount) throw new Error(`client ${id}: no inputs`);
      vectorMs += performance.now() - (t);
      t = performance.now();
      if (store.get(id)?.id !== id) throw new Error(`client ${id}: no detail`);
      detailMs += performance.now() - t;
      t = performance.now();
      raw.application(id);
      rawMs += performance.now() - t;
      touched++;
    }
  }
  if (touched !== store.size) throw new Error(`touched ${touched} of ${store.size} clients`);
  // Another income range: a count not remembered yet.
  const warm = pageTimes(store, { min: 120_000, max: 250_000 });
  const rssTouchedMiB = settledRss();
  const report: TouchReport = {
    clients: touched, rssBeforeMiB, rssStartedMiB, rssTenthMiB, rssTouchedMiB, peakMiB: status('VmHWM'), startupMs,
    // Pure reads: the list page before them verified each chunk (the first read of a chunk hashes its 256 clients).
    vectorReadUs: (1000 * vectorMs) / touched, detailReadUs: (1000 * detailMs) / touched, rawReadUs: (1000 * rawMs) / touched,
    pageMs: { cold, warm },
  };
  await loaded.close();
  return report;
}

if (process.argv[1] && new URL(import.meta.url).pathname === fs.realpathSync(process.argv[1])) {
  touchEveryClient(process.argv[2] ?? '').then(
    (report) => console.log(JSON.stringify(report)),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
