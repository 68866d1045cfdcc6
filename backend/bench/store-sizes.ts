/**
 * Store-size benchmark (prints figures, asserts nothing): the built server on client stores of
 * 9,000 (the sample), 356,255 (the full Kaggle size) and 3,500,000 clients. Per store: time to
 * /ready (median of 3 cold starts), VmRSS / VmHWM idle after ready and after wrk load (10
 * connections, 10 s, random ids over the whole store) on GET /v1/clients/{id}/score and
 * /explanation, their p50/p99. The CPU is shared: the load average is printed beside each figure.
 * BENCH_STORE_SIZES=9000,100000 picks other sizes; BENCH_SECONDS the wrk duration.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig, packageRoot } from '../src/config.js';
import { benchToken, memoryOf, startServer, stopServer, type Memory } from './spawned-server.js';
import { storeFolder, type StoreFolder } from './store-builds.js';
import { runWrk, type WrkResult } from './wrk.js';
import { seededRandom } from '../src/runtime/seeded-random.js';

const storeBenchDefaults = {
  sizes: (process.env['BENCH_STORE_SIZES'] ?? '9000,356255,3500000').split(',').map(Number),
  wrkSeconds: Number(process.env['BENCH_SECONDS'] ?? 10),
  warmupSeconds: 2,
  connections: 10,
  coldStarts: 3,
  /** Distinct random ids in the wrk script (drawn over the whole store; a Lua table of 100k numbers is ~1 MB). */
  idsInScript: 100_000,
  seed: 20_261_202,
  /** Settle time after /ready before the idle reading (start-up garbage, the reference child's exit). */
  idleSettleMs: 1000,
  /** How long the bench waits for the background sweep to verify every chunk (3.5M clients: 13,672 chunks). */
  sweepBoundMs: 600_000,
  targets: { readyMs: 1000, rssMb: 200 },
} as const;


/** `count` ids drawn uniformly (with repeats) over every client of the store. */
function randomIds(file: string, count: number): number[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const all = db.prepare('SELECT id FROM clients ORDER BY id').pluck().all() as number[];
    const next = seededRandom(storeBenchDefaults.seed);
    return Array.from({ length: Math.min(count, Math.max(all.length, 1) * 10) }, () => all[Math.floor(next() * all.length)]!);
  } finally {
    db.close();
  }
}

function countClients(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM clients').pluck().get() as number;
  } finally {
    db.close();
  }
}

const load = (): string => os.loadavg()[0]!.toFixed(2);
const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const mem = (m: Memory): string => `${fmt(m.rssMb)} / ${fmt(m.hwmMb)}`;
const lat = (r: WrkResult): string => `${fmt(r.p50Ms, 2)} / ${fmt(r.p99Ms, 2)} ms (${fmt(r.requestsPerSecond)}/s${r.errors ? `, ${r.errors} errors` : ''})`;

interface StoreFigures {
  store: StoreFolder;
  readyMs: number[];
  readyLoad: string;
  idle: Memory;
  idleLoad: string;
  score: WrkResult;
  scoreMemory: Memory;
  scoreLoad: string;
  explanation: WrkResult;
  explanationMemory: Memory;
  explanationLoad: string;
  /** Seconds from /ready to every chunk verified by the background sweep (wrk runs meanwhile), or null past the bound. */
  sweepSeconds: number | null;
  /** Score and explanation again once every chunk is verified. */
  scoreVerified: WrkResult | null;
  explanationVerified: WrkResult | null;
  verifiedMemory: Memory | null;
}

/** Seconds until /ready says every chunk of the store is verified, polling; null after `boundMs`. */
async function sweepDone(port: number, since: number, boundMs: number): Promise<number | null> {
  while (performance.now() - since < boundMs) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/ready`);
      const body = (await res.json()) as { store_verified?: number };
      if (body.store_verified === 1) return (performance.now() - since) / 1000;
    } catch {
      // A kept-alive socket the server closed during wrk ("other side closed"): the next poll opens another.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return null;
}

/** The build's start-up check on this store (as `make backend-stamp` and the image do for theirs): starts are timed as deployed. */
function stamp(dir: string): void {
  // Under the server's heap cap: a store the server cannot load fails here fast instead of growing into the shared machine.
  try {
    execFileSync(process.execPath, ['--max-old-space-size=320', path.join(packageRoot(), 'dist', 'src', 'features', 'write-startup-stamp.js'), dir], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  } catch (err) {
    const lines = String((err as { stderr?: unknown }).stderr ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
    throw new Error(`the start-up check could not be stamped: ${lines.find((l) => /FATAL ERROR|write-startup-stamp:/.test(l)) ?? lines.at(-1) ?? (err as Error).message}`);
  }
}

async function measure(store: StoreFolder): Promise<StoreFigures> {
  stamp(store.dir);
  // Every explanation runs TreeSHAP: random ids over a large store would rarely hit the cache anyway.
  const env = { SHAP_CACHE_BYTES: '0' };
  const readyMs: number[] = [];
  for (let i = 0; i < storeBenchDefaults.coldStarts - 1; i++) {
    const s = await startServer(store.dir, env);
    readyMs.push(s.readyMs);
    await stopServer(s);
  }
  const server = await startServer(store.dir, env);
  const readyAt = performance.now();
  readyMs.push(server.readyMs);
  const readyLoad = load();
  try {
    await new Promise((r) => setTimeout(r, storeBenchDefaults.idleSettleMs));
    const idle = memoryOf(server.child.pid!);
    const idleLoad = load();
    const ids = randomIds(path.join(store.dir, 'clients.sqlite'), storeBenchDefaults.idsInScript);
    const { connections: c, wrkSeconds: s, warmupSeconds: w } = storeBenchDefaults;
    runWrk(server.port, '/v1/clients/{id}/score', ids, w, c, benchToken);
    const score = runWrk(server.port, '/v1/clients/{id}/score', ids, s, c, benchToken);
    const scoreMemory = memoryOf(server.child.pid!);
    const scoreLoad = load();
    runWrk(server.port, '/v1/clients/{id}/explanation', ids, w, c, benchToken);
    const explanation = runWrk(server.port, '/v1/clients/{id}/explanation', ids, s, c, benchToken);
    const explanationMemory = memoryOf(server.child.pid!);
    const explanationLoad = load();
    // The figures above are first reads (their chunks verified on the way); the same once the sweep is done.
    const sweepSeconds = await sweepDone(server.port, readyAt, storeBenchDefaults.sweepBoundMs);
    const scoreVerified = sweepSeconds === null ? null : runWrk(server.port, '/v1/clients/{id}/score', ids, s, c, benchToken);
    const explanationVerified = sweepSeconds === null ? null : runWrk(server.port, '/v1/clients/{id}/explanation', ids, s, c, benchToken);
    const verifiedMemory = sweepSeconds === null ? null : memoryOf(server.child.pid!);
    return { store, readyMs, readyLoad, idle, idleLoad, score, scoreMemory, scoreLoad, explanation, explanationMemory, explanationLoad,
      sweepSeconds, scoreVerified, explanationVerified, verifiedMemory };
  } finally {
    await stopServer(server);
  }
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
  rows.forEach((r, i) => {
    console.log(r.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join(' | '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-+-'));
  });
}

async function main(): Promise<void> {
  const source = loadConfig().artifactsDir;
  const sampleClients = countClients(path.join(source, 'clients.sqlite'));
  const figures: StoreFigures[] = [];
  const notes: string[] = [];
  for (const clients of storeBenchDefaults.sizes) {
    const store = storeFolder(source, clients, sampleClients);
    if ('skipped' in store) {
      notes.push(`${clients.toLocaleString('en')} clients: skipped (${store.skipped})`);
      continue;
    }
    if (store.origin === 'built') notes.push(`${clients.toLocaleString('en')} clients: store built in ${fmt(store.buildSeconds!)} s into ${store.dir}`);
    try {
      figures.push(await measure(store));
    } catch (err) {
      // A store the server cannot serve is a result too (e.g. out of heap under the 320 MB cap): the next size still runs.
      notes.push(`${clients.toLocaleString('en')} clients (${fmt(store.bytes / 1024 ** 2, 1)} MiB): FAILED at load average ${load()}: ${(err as Error).message.split("\n")[0]}${(err as { cause?: Error }).cause ? ` (${String((err as { cause?: Error }).cause?.message)})` : ""}`);
    }
  }
  console.log(`\nbench-store: ${storeBenchDefaults.connections} connections, ${storeBenchDefaults.wrkSeconds} s per endpoint, random ids over the whole store, SHAP cache off, start-up check stamped at build, `
    + `node --max-old-space-size=320, Node ${process.version}, ${os.cpus().length} cores shared (load average = 1-minute, read when the figure was taken)`);
  printTable([
    ['clients', 'file MiB', 'time to /ready (median of 3)', 'load', 'idle VmRSS / VmHWM MiB', 'load', 'score p50 / p99', 'VmRSS / VmHWM after', 'load',
      'explanation p50 / p99', 'VmRSS / VmHWM after', 'load', 'all chunks verified after', 'score p50 / p99, verified', 'explanation p50 / p99, verified', 'VmRSS / VmHWM after'],
    ...figures.map((f) => {
      const sorted = [...f.readyMs].sort((a, b) => a - b);
      return [f.store.clients.toLocaleString('en'), fmt(f.store.bytes / 1024 ** 2, 1), `${fmt(sorted[Math.floor(sorted.length / 2)]!)} ms [${f.readyMs.map((m) => fmt(m)).join(', ')}]`,
        f.readyLoad, mem(f.idle), f.idleLoad, lat(f.score), mem(f.scoreMemory), f.scoreLoad, lat(f.explanation), mem(f.explanationMemory), f.explanationLoad,
        f.sweepSeconds === null ? `> ${fmt(storeBenchDefaults.sweepBoundMs / 1000)} s` : `${fmt(f.sweepSeconds, 1)} s`,
        f.scoreVerified ? lat(f.scoreVerified) : '-', f.explanationVerified ? lat(f.explanationVerified) : '-', f.verifiedMemory ? mem(f.verifiedMemory) : '-'];
    }),
  ]);
  const t = storeBenchDefaults.targets;
  console.log(`targets (issue 15): time to /ready < ${t.readyMs} ms at 356k; VmRSS < ${t.rssMb} MiB at 356k and independent of the store size`);
  for (const note of notes) console.log(note);
}

main().catch((err: unknown) => {
  console.error(`bench-store failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
