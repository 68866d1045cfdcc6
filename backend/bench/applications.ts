/**
 * Applications under load (prints figures, asserts nothing): POST /v1/applications with its
 * explanation for an applicant with a median-sized history at 10 connections, a 1,000-application
 * batch, and resident memory while 4 explained batches arrive at once (the caps answer 413/429).
 */
import type { ChildProcess } from 'node:child_process';
import type { Loaded } from '../src/bootstrap.js';
import { HISTORY_TABLES } from '../src/features/application-schema.js';
import type { RawApplication, Row } from '../src/features/application-body.js';
import { runWrkPost, type WrkResult } from './wrk.js';

export interface ApplicationFigures {
  medianHistoryRows: number;
  single: WrkResult;
  batch1000Ms: number[];
  batchRows: number;
  concurrentBatches: { statuses: number[]; seconds: number };
}

/** A stored client's raw rows as the API body (bureau_balance nested in its credit). */
export function bodyOf(app: RawApplication, id: string | number): Record<string, unknown> {
  const strip = (row: Row, keys: string[]): Row => Object.fromEntries(Object.entries(row).filter(([k, v]) => !keys.includes(k) && v !== null));
  const body: Record<string, unknown> = { id, application: strip(app.tables.application[0]!, []) };
  body['bureau'] = app.tables.bureau.map((b) => ({
    ...strip(b, []),
    bureau_balance: app.tables.bureau_balance.filter((m) => m['SK_ID_BUREAU'] === b['SK_ID_BUREAU']).map((m) => strip(m, ['SK_ID_BUREAU'])),
  }));
  for (const t of HISTORY_TABLES) if (t !== 'bureau') body[t] = app.tables[t].map((r) => strip(r, []));
  return body;
}

const historyRows = (app: RawApplication): number => HISTORY_TABLES.reduce((n, t) => n + app.tables[t].length, app.tables.bureau_balance.length);

async function post(port: number, urlPath: string, body: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  await res.arrayBuffer();
  return res.status;
}

export async function measureApplications(loaded: Loaded, port: number, _child: ChildProcess, seconds: number, connections: number): Promise<ApplicationFigures> {
  const raw = loaded.applications.rawClients!;
  const ids = loaded.model.store.ids();
  const apps = [...raw.applications(ids.slice(0, 1000)).values()];
  const sorted = [...apps].sort((a, b) => historyRows(a) - historyRows(b));
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const single = JSON.stringify(bodyOf(median, 'bench'));
  runWrkPost(port, '/v1/applications?explain=true&top=10', single, 2, connections);
  const singleResult = runWrkPost(port, '/v1/applications?explain=true&top=10', single, seconds, connections);

  const batch = JSON.stringify({ applications: apps.map((a, i) => bodyOf(a, `b-${i}`)) });
  const batchMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const status = await post(port, '/v1/applications/batch', batch);
    if (status !== 200) throw new Error(`batch answered ${status}`);
    batchMs.push(performance.now() - t);
  }
  // Four explained batches at once, at the largest top the budget allows for 1,000 applications.
  const t = performance.now();
  const statuses = await Promise.all(Array.from({ length: 4 }, () => post(port, '/v1/applications/batch?explain=true&top=5', batch)));
  return {
    medianHistoryRows: historyRows(median),
    single: singleResult,
    batch1000Ms: batchMs,
    batchRows: apps.reduce((n, a) => n + historyRows(a), 0),
    concurrentBatches: { statuses, seconds: (performance.now() - t) / 1000 },
  };
}
