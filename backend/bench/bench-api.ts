/**
 * API benchmark (prints figures, asserts nothing): cold start to the first
 * /ready, wrk load on score, explanation (SHAP cache on and off) and an explained
 * application, each run 3 times (median by p99, every run with the load average:
 * the 2 cores are shared), resident memory, in-process timings, then the per-stage
 * profile (bench/profile.ts). Only 127.0.0.1 receives traffic; every run is bounded in time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadModel } from '../src/bootstrap.js';
import { loadConfig, packageRoot } from '../src/config.js';
import { SCOPES } from '../src/auth/scopes.js';
import { benchApplications, bodyOf, measureApplications, type ApplicationFigures } from './applications.js';
import { measureInProcess, type Timing } from './in-process.js';
import { printProfile, profileRequests } from './profile.js';
import { signToken, TEST_AUDIENCE, TEST_ISSUER, TEST_JWKS } from '../src/testing/tokens.js';
import { runWrk, runWrkPost, type WrkResult } from './wrk.js';
import { freePort } from './spawned-server.js';

const benchDefaults = {
  wrkSeconds: Number(process.env['BENCH_SECONDS'] ?? 10),
  connections: 10,
  /** Each wrk figure is run this many times and the median (by p99) reported: the 2 cores are shared. */
  runs: 3,
  coldStarts: 3,
  idsInScript: 500,
  readyTimeoutMs: 15_000,
  targets: { scoreP99Ms: 1.5, explanationP99Ms: 4, coldStartMs: 1000, memoryMb: 464, // the 512 MB Fly machine (fly.toml) less 48 MB for its kernel
  applicationP99Ms: 15, batchMs: 1000 },
} as const;

const SERVER = path.join(packageRoot(), 'dist', 'src', 'server.js');

/** Production settings need a real issuer and a volume: a test issuer (keys inline) and a temp folder stand in. */
const benchAuth = {
  OIDC_ISSUER: TEST_ISSUER, OIDC_AUDIENCE: TEST_AUDIENCE, OIDC_JWKS: JSON.stringify(TEST_JWKS),
  DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'pad-bench-data-')),
};
/** An advisor's token valid for the whole run; every wrk request carries it (and is recorded, as in production). */
const benchToken = signToken({ scopes: ['clients:read'], sub: 'bench', claims: { exp: Math.floor(Date.now() / 1000) + 3600 } });

function startServer(port: number, extraEnv: Record<string, string> = {}): ChildProcess {
  // The Dockerfile's CMD flags (the V8 heap cap of the 512 MB Fly machine), so memory reads as deployed.
  return spawn(process.execPath, ['--max-old-space-size=320', SERVER], {
    // A 1,000-application batch with full histories is about 10 MB of JSON: above the default body limit.
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '0', NODE_ENV: 'production', BODY_LIMIT_BYTES: String(32 * 1024 * 1024), ...benchAuth, ...extraEnv },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Milliseconds from spawn to the first 200 from /ready. */
async function waitReady(port: number, started: number, child: ChildProcess): Promise<number> {
  while (performance.now() - started < benchDefaults.readyTimeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/ready`);
      if (res.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error('server not ready in time');
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function memoryOf(pid: number): { rssMb: number; hwmMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

const fmt = (n: number, digits = 2): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const verdict = (value: number, target: number): string => (value < target ? 'ok' : 'MISSED');

async function measureColdStarts(): Promise<number[]> {
  const coldStarts: number[] = [];
  for (let i = 0; i < benchDefaults.coldStarts; i++) {
    const port = await freePort();
    const t0 = performance.now();
    const child = startServer(port);
    coldStarts.push(await waitReady(port, t0, child));
    await stop(child);
  }
  return coldStarts;
}

/** One wrk figure run `runs` times: every run with the load average after it, and the median run by p99. */
interface Repeated {
  median: WrkResult;
  runs: Array<WrkResult & { load: number }>;
}

function repeated(run: () => WrkResult): Repeated {
  const runs = Array.from({ length: benchDefaults.runs }, () => ({ ...run(), load: os.loadavg()[0]! }));
  const byP99 = [...runs].sort((a, b) => a.p99Ms - b.p99Ms);
  return { median: byP99[Math.floor(byP99.length / 2)]!, runs };
}

interface LoadFigures {
  score: Repeated;
  explanation: Repeated;
  explanationUncached: Repeated;
  application: Repeated;
  memory: { rssMb: number; hwmMb: number };
  applications: ApplicationFigures;
  applicationsMemory: { rssMb: number; hwmMb: number };
}

async function measureUnderLoad(ids: number[], loaded: Awaited<ReturnType<typeof loadModel>>): Promise<LoadFigures> {
  const port = await freePort();
  const child = startServer(port);
  await waitReady(port, performance.now(), child);
  try {
    // Warm-up: let V8 optimise both paths before measuring.
    runWrk(port, '/v1/clients/{id}/score', ids, 2, benchDefaults.connections, benchToken);
    runWrk(port, '/v1/clients/{id}/explanation', ids, 2, benchDefaults.connections, benchToken);
    const score = repeated(() => runWrk(port, '/v1/clients/{id}/score', ids, benchDefaults.wrkSeconds, benchDefaults.connections, benchToken));
    const explanation = repeated(() => runWrk(port, '/v1/clients/{id}/explanation', ids, benchDefaults.wrkSeconds, benchDefaults.connections, benchToken));
    const memory = memoryOf(child.pid!);
    const applications = await measureApplications(loaded, port, child, benchDefaults.wrkSeconds, benchDefaults.connections);
    const applicationsMemory = memoryOf(child.pid!);
    const body = JSON.stringify(bodyOf(benchApplications(loaded).median, 'bench'));
    const tool = { Authorization: `Bearer ${signToken({ scopes: [SCOPES.applicationsScore], sub: 'bench-tool', claims: { exp: Math.floor(Date.now() / 1000) + 3600 } })}` };
    const application = repeated(() => runWrkPost(port, '/v1/applications?explain=true&top=10', body, benchDefaults.wrkSeconds, benchDefaults.connections, tool));
    return { score, explanation, explanationUncached: await measureUncachedExplanations(ids), application, memory, applications, applicationsMemory };
  } finally {
    await stop(child);
  }
}

/** The same load with the stored-client SHAP cache off: every request runs TreeSHAP. */
async function measureUncachedExplanations(ids: number[]): Promise<Repeated> {
  const port = await freePort();
  const child = startServer(port, { SHAP_CACHE_BYTES: '0' });
  await waitReady(port, performance.now(), child);
  try {
    runWrk(port, '/v1/clients/{id}/explanation', ids, 2, benchDefaults.connections, benchToken);
    return repeated(() => runWrk(port, '/v1/clients/{id}/explanation', ids, benchDefaults.wrkSeconds, benchDefaults.connections, benchToken));
  } finally {
    await stop(child);
  }
}

function printTable(header: string[], rows: Array<[string, string, string]>): void {
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  for (const line of header) console.log(line);
  console.log(`${'figure'.padEnd(w0)} | ${'value'.padEnd(w1)} | target`);
  console.log(`${'-'.repeat(w0)}-+-${'-'.repeat(w1)}-+-${'-'.repeat(24)}`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)} | ${b.padEnd(w1)} | ${c}`);
}

const timingRow = (label: string, t: Timing, digits = 3): [string, string, string] =>
  [label, `median ${fmt(t.medianMs, digits)} ms, p99 ${fmt(t.p99Ms, digits)} ms`, `${t.runs} runs`];

async function main(): Promise<void> {
  const loadBefore = os.loadavg();
  const coldStarts = await measureColdStarts();
  const coldStartMs = [...coldStarts].sort((a, b) => a - b)[Math.floor(coldStarts.length / 2)]!;
  const loaded = await loadModel(loadConfig().artifactsDir);
  const { score, explanation, explanationUncached, application, memory, applications, applicationsMemory } = await measureUnderLoad(
    loaded.model.store.sampleIds(benchDefaults.idsInScript), loaded);
  const inProcess = await measureInProcess(loaded);
  // Last, with no server child running: the app in this process, timers around every stage.
  console.log(`\nprofile (bench/profile.ts): where one request's time goes, one connection, SQLite record of access, JSON log to /dev/null`);
  for (const p of await profileRequests(loaded)) printProfile(p);
  await loaded.close();

  const t = benchDefaults.targets;
  const wrkRow = (label: string, r: Repeated, target: number): [string, string, string] => [
    `${label}, wrk ${benchDefaults.connections} conns ${benchDefaults.wrkSeconds}s, median of ${r.runs.length}`,
    `${fmt(r.median.requestsPerSecond, 0)} req/s, p50 ${fmt(r.median.p50Ms)} ms, p99 ${fmt(r.median.p99Ms)} ms, errors ${r.runs.reduce((n, x) => n + x.errors, 0)}  [p99 ${r.runs.map((x) => `${fmt(x.p99Ms)} ms at load ${fmt(x.load)}`).join(', ')}]`,
    `p99 < ${target} ms: ${verdict(r.median.p99Ms, target)}`,
  ];
  const ensemble = loaded.model.explainer.ensemble;
  printTable([
    `\nbench-api: model ${loaded.model.modelVersion}, ${loaded.model.store.size} clients, ${loaded.model.featureCount} features, ${ensemble.treeCount} trees (max depth ${ensemble.maxDepth}), Node ${process.version}, ${os.cpus().length} cores`,
    // Tail latencies on 2 shared cores depend on what else runs: print the load so figures can be read.
    `load average before / after: ${loadBefore.map((l) => l.toFixed(2)).join(' ')} / ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  ], [
    ['cold start to first /ready (median of 3)', `${fmt(coldStartMs, 0)} ms  [${coldStarts.map((c) => fmt(c, 0)).join(', ')}]`, `< ${t.coldStartMs} ms: ${verdict(coldStartMs, t.coldStartMs)}`],
    wrkRow('GET /score', score, t.scoreP99Ms),
    wrkRow('GET /explanation (stored SHAP cached)', explanation, t.explanationP99Ms),
    wrkRow('GET /explanation (SHAP_CACHE_BYTES=0)', explanationUncached, t.explanationP99Ms),
    ['resident memory after load (VmRSS / VmHWM)', `${fmt(memory.rssMb, 0)} MB / ${fmt(memory.hwmMb, 0)} MB`, `< ${t.memoryMb} MB: ${verdict(memory.hwmMb, t.memoryMb)}`],
    wrkRow(`POST /v1/applications?explain=true (history of ${applications.medianHistoryRows} rows, the median)`, application, t.applicationP99Ms),
    ['POST /v1/applications/batch, 1,000 stored clients\' raw rows (5 runs)', `median ${fmt([...applications.batch1000Ms].sort((a, b) => a - b)[2]!, 0)} ms [${applications.batch1000Ms.map((m) => fmt(m, 0)).join(', ')}], ${applications.batchRows} history rows`, `< ${t.batchMs} ms: ${verdict([...applications.batch1000Ms].sort((a, b) => a - b)[2]!, t.batchMs)}`],
    ['4 explained 1,000-application batches at once (top=5)', `statuses ${applications.concurrentBatches.statuses.join(' ')} in ${fmt(applications.concurrentBatches.seconds, 1)} s`, 'the caps answer 429 beyond 1 running + 2 waiting'],
    ['resident memory after the applications load (VmRSS / VmHWM)', `${fmt(applicationsMemory.rssMb, 0)} MB / ${fmt(applicationsMemory.hwmMb, 0)} MB`, `< ${t.memoryMb} MB: ${verdict(applicationsMemory.hwmMb, t.memoryMb)}`],
    timingRow('in-process: one ONNX inference (1 row)', inProcess.onnxOneRow),
    timingRow('in-process: one TreeSHAP explanation', inProcess.treeShapOne),
    timingRow('in-process: explanation service (ONNX+SHAP+phrases)', inProcess.explanationService),
    timingRow('in-process: ONNX on a 1,000-record batch', inProcess.batchOnnx1000, 2),
    timingRow('in-process: 1,000-record POST body (parse+score+JSON)', inProcess.batchEndToEnd1000, 2),
  ]);
}

main().catch((err: unknown) => {
  console.error(`bench-api failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
