/**
 * Where the time of one request goes (prints figures, asserts nothing). The real app (createApp on
 * the shipped artifacts, SQLite record of access in a temp folder, JSON log to /dev/null, production
 * settings) runs in this process; every Koa middleware and every route-layer function is wrapped
 * with a timer that counts its own time (not the time of what it awaits through next()), and the
 * synchronous helpers that sit inside the first middleware (log line, request metrics, JSON of the
 * answer) are timed apart and taken out of their caller. wrk drives a fixed
 * load (one connection, see profileDefaults) on each route; the table gives microseconds per request.
 * Latency under 10 connections is bench-api's (no timers there).
 *
 * Why timers and not `--cpu-prof`: a CPU profile attributes samples to functions (koa-compose,
 * jose internals, V8 builtins), not to our stages, and shows a blocking fsync inside a native call
 * as a sliver; wrapping the middleware names the stage, and its wall time includes what blocks
 * the event loop (an fsync) or delays the answer (a crypto job on the thread pool).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import type Koa from 'koa';
import type { Middleware } from 'koa';
import { createApp } from '../src/app.js';
import { SCOPES } from '../src/auth/scopes.js';
import { createVerifier } from '../src/auth/token-verifier.js';
import { loadModel, type Loaded } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { jsonLogger, type Logger } from '../src/http/logger.js';
import { Metrics } from '../src/http/metrics.js';
import { signToken, TEST_AUDIENCE, TEST_ISSUER, TEST_JWKS } from '../src/testing/tokens.js';
import { benchApplications, bodyOf } from './applications.js';
import { runWrkAsync, type WrkLoad, type WrkResult } from './wrk.js';

export const profileDefaults = {
  seconds: Number(process.env['PROFILE_SECONDS'] ?? 5),
  warmupSeconds: 2,
  /**
   * One connection: requests do not overlap, so a stage's own time is its cost (CPU, a blocking
   * fsync, a wait on the thread pool), not the other requests that ran while it awaited.
   */
  connections: 1,
  idsInScript: 500,
  /** app.use() order in src/app.ts; the profiler refuses to run when the count differs. */
  appStages: ['request context (id, timer)', 'drain flag', 'security headers', 'error handler', 'CORS', 'rate limit', 'router dispatch', 'unmatched route'],
  /** Route layers of the profiled routes: guard, record, validation, handler. */
  routeStages: ['auth guard (token verification)', 'record of access (until committed)', 'validation', 'handler (service)'],
} as const;

/** Time totals in ms, by stage, for the requests of one run. */
class StageClock {
  readonly totals = new Map<string, number>();
  /** Time of the synchronous helpers so far; a middleware segment subtracts what ran inside it. */
  subtracted = 0;
  depth = 0;
  requests = 0;
  httpMs = 0;
  gcMs = 0;

  add(stage: string, ms: number): void {
    this.totals.set(stage, (this.totals.get(stage) ?? 0) + ms);
  }

  reset(): void {
    this.totals.clear();
    this.requests = 0;
    this.httpMs = 0;
    this.gcMs = 0;
  }

  /** `fn` wrapped: its synchronous time goes to `stage` and out of whichever middleware called it. */
  sync<A extends unknown[], R>(stage: string, fn: (...args: A) => R): (...args: A) => R {
    return (...args: A): R => {
      if (this.depth > 0) return fn(...args);
      const t = performance.now();
      this.depth++;
      try {
        return fn(...args);
      } finally {
        this.depth--;
        const ms = performance.now() - t;
        this.add(stage, ms);
        this.subtracted += ms;
      }
    };
  }

  /** A middleware wrapped: its own segments (before next(), after next() settles) go to `stage`. */
  middleware(stage: string, mw: Middleware): Middleware {
    return async (ctx, next) => {
      let t = performance.now();
      let mark = this.subtracted;
      // Own time: the segment less what was timed inside it (route layers inside the router, helpers).
      const close = (): void => {
        const own = performance.now() - t - (this.subtracted - mark);
        this.add(stage, own);
        this.subtracted += own;
      };
      const timedNext = async (): Promise<void> => {
        close();
        try {
          await next();
        } finally {
          t = performance.now();
          mark = this.subtracted;
        }
      };
      try {
        return await mw(ctx, timedNext);
      } finally {
        close();
      }
    };
  }
}

function instrument(app: Koa, clock: StageClock): void {
  const stages = profileDefaults.appStages;
  if (app.middleware.length !== stages.length) throw new Error(`app.ts has ${app.middleware.length} middleware, the profiler knows ${stages.length}: update profileDefaults.appStages`);
  app.middleware.forEach((mw, i) => {
    const router = (mw as { router?: { stack: Array<{ stack: Middleware[]; path: string }> } }).router;
    if (router) {
      for (const layer of router.stack) {
        if (layer.stack.length !== profileDefaults.routeStages.length) continue;
        layer.stack = layer.stack.map((fn, j) => clock.middleware(profileDefaults.routeStages[j]!, fn));
      }
    }
    app.middleware[i] = clock.middleware(stages[i]!, mw as Middleware);
  });
}

function quietLogger(clock: StageClock): Logger {
  const fd = fs.openSync('/dev/null', 'w');
  // Synchronous, as process.stdout is on a file (the bench's and Docker's default).
  const sink = { write: (line: string) => fs.writeSync(fd, line) };
  const logger = jsonLogger('info', { out: sink, err: sink });
  return { info: clock.sync('JSON log line', logger.info), warn: logger.warn, error: logger.error };
}

export interface Profiled {
  label: string;
  wrk: WrkResult;
  clock: StageClock;
  busyMsPerRequest: number;
  load: number[];
}

async function profileRoute(port: number, clock: StageClock, label: string, load: WrkLoad): Promise<Profiled> {
  await runWrkAsync(port, load, profileDefaults.warmupSeconds, profileDefaults.connections);
  clock.reset();
  const elu = performance.eventLoopUtilization();
  const wrk = await runWrkAsync(port, load, profileDefaults.seconds, profileDefaults.connections);
  const used = performance.eventLoopUtilization(elu);
  return { label, wrk, clock: Object.assign(new StageClock(), { totals: new Map(clock.totals), requests: clock.requests, httpMs: clock.httpMs, gcMs: clock.gcMs }),
    busyMsPerRequest: used.active / Math.max(1, clock.requests), load: os.loadavg() };
}

export function printProfile(p: Profiled): void {
  const n = Math.max(1, p.clock.requests);
  const us = (ms: number): string => (ms * 1000 / n).toFixed(1).padStart(8);
  const koa = [...p.clock.totals.values()].reduce((a, b) => a + b, 0);
  console.log(`\n${p.label}: ${p.clock.requests} requests, wrk ${profileDefaults.connections} conns ${profileDefaults.seconds}s: ${p.wrk.requestsPerSecond.toFixed(0)} req/s, p50 ${p.wrk.p50Ms.toFixed(2)} ms, p99 ${p.wrk.p99Ms.toFixed(2)} ms, errors ${p.wrk.errors} (timers on); load average ${p.load.map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`  ${'stage'.padEnd(44)} µs/request  share of Koa time`);
  const rows = [...p.clock.totals.entries()].sort((a, b) => b[1] - a[1]);
  for (const [stage, ms] of rows) console.log(`  ${stage.padEnd(44)} ${us(ms)}    ${(100 * ms / Math.max(koa, 1e-9)).toFixed(1).padStart(5)} %`);
  console.log(`  ${'= inside Koa (sum of the stages)'.padEnd(44)} ${us(koa)}`);
  console.log(`  ${'Node HTTP + Koa respond (request → finish − Koa)'.padEnd(44)} ${us(p.clock.httpMs - koa)}`);
  console.log(`  ${'= request event → response finished'.padEnd(44)} ${us(p.clock.httpMs)}`);
  console.log(`  ${'event loop busy per request (ELU)'.padEnd(44)} ${(p.busyMsPerRequest * 1000).toFixed(1).padStart(8)}   (GC ${us(p.clock.gcMs).trim()} µs of it)`);
}

async function startProfiledServer(loaded: Loaded, clock: StageClock): Promise<{ server: http.Server; close: () => Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pad-profile-'));
  const config = loadConfig({
    ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0', SHAP_CACHE_BYTES: '0',
    OIDC_ISSUER: TEST_ISSUER, OIDC_AUDIENCE: TEST_AUDIENCE, OIDC_JWKS: JSON.stringify(TEST_JWKS),
  });
  const db = await openDatabase({ dataDir: config.dataDir });
  const metrics = new Metrics({ model_version: loaded.model.modelVersion });
  metrics.observeRequest = clock.sync('request metrics', metrics.observeRequest.bind(metrics));
  const app = createApp({ config, model: loaded.model, artifacts: loaded.artifacts, logger: quietLogger(clock), state: { ready: true, shuttingDown: false },
    metrics, verifyToken: createVerifier(config.auth), accessLog: db.accessLog, reviews: db.reviews, applications: loaded.applications });
  instrument(app, clock);
  const handle = app.callback();
  const server = http.createServer((req, res) => {
    const t = performance.now();
    res.once('finish', () => {
      clock.httpMs += performance.now() - t;
      clock.requests++;
    });
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Profiles score, explanation (SHAP cache off) and one explained application; returns the tables' figures. */
export async function profileRequests(loaded: Loaded): Promise<Profiled[]> {
  const clock = new StageClock();
  const stringify = JSON.stringify;
  JSON.stringify = clock.sync('JSON of the answer', stringify) as typeof JSON.stringify;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) clock.gcMs += entry.duration;
  });
  gc.observe({ entryTypes: ['gc'] });
  const { server, close } = await startProfiledServer(loaded, clock);
  try {
    const port = (server.address() as AddressInfo).port;
    const ids = loaded.model.store.sampleIds(profileDefaults.idsInScript);
    const token = signToken({ scopes: [SCOPES.clientsRead], sub: 'bench', claims: { exp: Math.floor(Date.now() / 1000) + 3600 } });
    const tool = signToken({ scopes: [SCOPES.applicationsScore], sub: 'bench-tool', claims: { exp: Math.floor(Date.now() / 1000) + 3600 } });
    const { median } = benchApplications(loaded);
    const results = [
      await profileRoute(port, clock, 'GET /v1/clients/{id}/score', { kind: 'get', pathTemplate: '/v1/clients/{id}/score', ids, token }),
      await profileRoute(port, clock, 'GET /v1/clients/{id}/explanation (SHAP cache off)', { kind: 'get', pathTemplate: '/v1/clients/{id}/explanation', ids, token }),
      await profileRoute(port, clock, 'POST /v1/applications?explain=true (median history)', {
        kind: 'post', urlPath: '/v1/applications?explain=true&top=10', body: stringify(bodyOf(median, 'bench')), headers: { Authorization: `Bearer ${tool}` },
      }),
    ];
    return results;
  } finally {
    JSON.stringify = stringify;
    gc.disconnect();
    await close();
  }
}

async function main(): Promise<void> {
  const loaded = await loadModel(loadConfig().artifactsDir);
  try {
    console.log(`\nprofile: where one request's time goes (${os.cpus().length} cores, Node ${process.version}, SQLite record of access, JSON log to /dev/null)`);
    for (const p of await profileRequests(loaded)) printProfile(p);
  } finally {
    await loaded.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(`profile failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    process.exit(1);
  });
}
