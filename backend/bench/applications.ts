/**
 * Applications under load (prints figures, asserts nothing): POST /v1/applications with its
 * explanation for an applicant with a median-sized history at 10 connections, a 1,000-application
 * batch, and resident memory while 4 explained batches arrive at once (the caps answer 413/429);
 * first, feature building alone: the TypeScript evaluator against DuckDB on the shipped SQL.
 */
import type { ChildProcess } from 'node:child_process';
import type { Loaded } from '../src/bootstrap.js';
import { HISTORY_TABLES } from '../src/features/application-schema.js';
import type { RawApplication, Row } from '../src/features/application-body.js';
import { FeatureEngine } from '../src/features/engine.js';
import { FeatureEvaluator } from '../src/features/evaluator/model-inputs.js';
import { loadSqlBundle } from '../src/features/sql-bundle.js';
import { SCOPES } from '../src/auth/scopes.js';
import { signToken } from '../src/testing/tokens.js';
import { runWrkPost, type WrkResult } from './wrk.js';

export interface ApplicationFigures {
  engines: EngineFigures;
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

/** A tool's token for the application routes, valid for the whole run (the server trusts the bench issuer). */
const toolAuthorization = (): string =>
  `Bearer ${signToken({ scopes: [SCOPES.applicationsScore, SCOPES.applicationsBatch], sub: 'bench-tool', claims: { exp: Math.floor(Date.now() / 1000) + 3600 } })}`;

async function post(port: number, urlPath: string, body: string, authorization: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: authorization }, body });
  await res.arrayBuffer();
  return res.status;
}

/** Median and 99th percentile of per-call times, in ms. */
export interface CallTiming {
  medianMs: number;
  p99Ms: number;
  runs: number;
}

export interface EngineFigures {
  medianHistoryRows: number;
  evaluator: { median: CallTiming; noHistory: CallTiming; batch1000: CallTiming };
  duckdb: { median: CallTiming; noHistory: CallTiming; batch1000: CallTiming };
}

async function timeCalls(runs: number, fn: () => unknown): Promise<CallTiming> {
  for (let i = 0; i < Math.max(3, Math.floor(runs / 10)); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[Math.floor(runs / 2)]!, p99Ms: samples[Math.min(runs - 1, Math.floor(runs * 0.99))]!, runs };
}

/** The raw rows of 1,000 stored clients spread over the store, the one with the median history, and an applicant without any. */
export function benchApplications(loaded: Loaded): { apps: RawApplication[]; median: RawApplication; bare: RawApplication } {
  const apps = [...loaded.applications.rawClients!.applications(loaded.model.store.sampleIds(1000)).values()];
  const median = [...apps].sort((a, b) => historyRows(a) - historyRows(b))[Math.floor(apps.length / 2)]!;
  const bare: RawApplication = { tables: { ...median.tables, bureau: [], bureau_balance: [], previous_application: [], POS_CASH_balance: [], credit_card_balance: [], installments_payments: [] } };
  return { apps, median, bare };
}

/**
 * Feature building alone, in process: the TypeScript evaluator that serves requests against
 * DuckDB on the shipped SQL (the reference, a fresh instance: the server closes its own).
 */
export async function measureFeatureEngines(loaded: Loaded): Promise<EngineFigures> {
  const { apps, median, bare } = benchApplications(loaded);
  const evaluator = new FeatureEvaluator(loaded.artifacts.features);
  const duckdb = await FeatureEngine.create(loadSqlBundle(loaded.artifacts.dir, loaded.artifacts.manifest), loaded.artifacts.features, { connections: 1 });
  try {
    const figures: EngineFigures = {
      medianHistoryRows: historyRows(median),
      evaluator: {
        median: await timeCalls(5000, () => evaluator.evaluate([median])),
        noHistory: await timeCalls(5000, () => evaluator.evaluate([bare])),
        batch1000: await timeCalls(50, () => evaluator.evaluate(apps)),
      },
      duckdb: {
        median: await timeCalls(200, () => duckdb.reference([median])),
        noHistory: await timeCalls(200, () => duckdb.reference([bare])),
        batch1000: await timeCalls(10, () => duckdb.reference(apps)),
      },
    };
    const row = (label: string, e: CallTiming, d: CallTiming): string =>
      `  ${label.padEnd(44)} evaluator median ${e.medianMs.toFixed(3)} ms (p99 ${e.p99Ms.toFixed(3)}, ${e.runs} runs)   DuckDB median ${d.medianMs.toFixed(1)} ms (p99 ${d.p99Ms.toFixed(1)}, ${d.runs} runs)   x${(d.medianMs / e.medianMs).toFixed(0)}`;
    console.log(`\nfeature building in process (model inputs from raw rows, ${loaded.model.featureCount} inputs):`);
    console.log(row(`one application, median history (${figures.medianHistoryRows} rows)`, figures.evaluator.median, figures.duckdb.median));
    console.log(row('one application, no history', figures.evaluator.noHistory, figures.duckdb.noHistory));
    console.log(row(`1,000 stored clients (${apps.reduce((n, a) => n + historyRows(a), 0)} history rows)`, figures.evaluator.batch1000, figures.duckdb.batch1000));
    return figures;
  } finally {
    duckdb.close();
  }
}

export async function measureApplications(loaded: Loaded, port: number, _child: ChildProcess, seconds: number, connections: number): Promise<ApplicationFigures> {
  const engines = await measureFeatureEngines(loaded);
  const { apps, median } = benchApplications(loaded);
  const single = JSON.stringify(bodyOf(median, 'bench'));
  const authorization = toolAuthorization();
  runWrkPost(port, '/v1/applications?explain=true&top=10', single, 2, connections, { Authorization: authorization });
  const singleResult = runWrkPost(port, '/v1/applications?explain=true&top=10', single, seconds, connections, { Authorization: authorization });

  const batch = JSON.stringify({ applications: apps.map((a, i) => bodyOf(a, `b-${i}`)) });
  const batchMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const status = await post(port, '/v1/applications/batch', batch, authorization);
    if (status !== 200) throw new Error(`batch answered ${status}`);
    batchMs.push(performance.now() - t);
  }
  // Four explained batches at once, at the largest top the budget allows for 1,000 applications.
  const t = performance.now();
  const statuses = await Promise.all(Array.from({ length: 4 }, () => post(port, '/v1/applications/batch?explain=true&top=5', batch, authorization)));
  return {
    engines,
    medianHistoryRows: historyRows(median),
    single: singleResult,
    batch1000Ms: batchMs,
    batchRows: apps.reduce((n, a) => n + historyRows(a), 0),
    concurrentBatches: { statuses, seconds: (performance.now() - t) / 1000 },
  };
}
