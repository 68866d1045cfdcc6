/**
 * Entry point: read the configuration, load and verify the artifacts once,
 * then listen. A start-up problem prints one line naming the variable or file
 * and exits with status 1 (no stack trace). SIGTERM/SIGINT drain and exit 0.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { createVerifier } from './auth/token-verifier.js';
import { openDatabase, type Database } from './db/database.js';
import { onClientError } from './http/client-error.js';
import type { AppState } from './app-types.js';
import { loadModel, type Loaded } from './bootstrap.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { jsonLogger, type Logger } from './http/logger.js';
import { Metrics } from './http/metrics.js';
import { ArtifactError } from './store/artifacts.js';
import { storeCorruption, storeVerification, sweepStores } from './store/store-checksum.js';

export const serverDefaults = {
  shutdownGraceMs: 10_000,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 20_000,
  keepAliveTimeoutMs: 5_000,
  /** How often Node enforces requestTimeout/headersTimeout (its default, 30 s, doubles the wait). */
  connectionsCheckingIntervalMs: 1_000,
} as const;

function fail(message: string): never {
  process.stderr.write(`pad-scoring-api: cannot start: ${message}\n`);
  process.exit(1);
}

function describe(err: unknown): string {
  if (err instanceof ConfigError || err instanceof ArtifactError) return err.message;
  return err instanceof Error ? err.message.split('\n')[0]! : String(err);
}

function listen(server: http.Server, config: Config): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function onSignals(server: http.Server, loaded: Loaded, db: Database, state: AppState, logger: Logger): void {
  const shutdown = (signal: NodeJS.Signals): void => {
    if (state.shuttingDown) return;
    state.shuttingDown = true;
    state.ready = false;
    logger.info({ msg: 'shutting down', signal });
    // In-flight requests get a grace period; past it the process ends anyway.
    setTimeout(() => {
      logger.error({ msg: 'shutdown grace period exceeded, exiting' });
      process.exit(1);
    }, serverDefaults.shutdownGraceMs).unref();
    server.close(() => {
      void Promise.allSettled([loaded.close(), db.close()]).finally(() => {
        logger.info({ msg: 'stopped' });
        process.exit(0);
      });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

async function main(): Promise<void> {
  const started = performance.now();
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    fail(describe(err));
  }
  const logger = jsonLogger(config.logLevel);
  let loaded: Loaded;
  try {
    loaded = await loadModel(config.artifactsDir);
  } catch (err) {
    fail(describe(err));
  }
  let db: Database;
  try {
    db = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  } catch (err) {
    await loaded.close();
    fail(`the record-of-access database (${config.databaseUrl !== undefined ? 'DATABASE_URL' : `DATA_DIR=${config.dataDir}`}) cannot be opened: ${describe(err)}`);
  }
  const state: AppState = { ready: false, shuttingDown: false };
  const metrics = new Metrics({ model_version: loaded.model.modelVersion });
  const verifyToken = createVerifier(config.auth);
  const app = createApp({ config, model: loaded.model, artifacts: loaded.artifacts, logger, state, metrics, verifyToken, accessLog: db.accessLog, reviews: db.reviews, applications: loaded.applications });
  const server = http.createServer({ connectionsCheckingInterval: serverDefaults.connectionsCheckingIntervalMs }, app.callback());
  server.requestTimeout = serverDefaults.requestTimeoutMs;
  server.headersTimeout = serverDefaults.headersTimeoutMs;
  server.keepAliveTimeout = serverDefaults.keepAliveTimeoutMs;
  server.maxConnections = config.maxConnections;
  server.on('clientError', onClientError(logger, config.nodeEnv === 'production'));
  let address: AddressInfo;
  try {
    address = await listen(server, config);
  } catch (err) {
    await Promise.allSettled([loaded.close(), db.close()]);
    const code = (err as NodeJS.ErrnoException).code;
    fail(code === 'EADDRINUSE' ? `port ${config.port} on ${config.host} is already in use (set PORT)` : describe(err));
  }
  state.ready = true;
  onSignals(server, loaded, db, state, logger);
  process.on('unhandledRejection', (reason) => logger.error({ msg: 'unhandled rejection', error: describe(reason) }));
  logger.info({
    msg: 'listening',
    host: address.address,
    port: address.port,
    model_version: loaded.model.modelVersion,
    clients: loaded.model.store.size,
    issuer: config.auth.issuer,
    record_of_access: db.kind,
    // 'stamp': the build's check matched this exact code and artifacts; 'duckdb-child': DuckDB checked the evaluator now.
    startup_check: loaded.startupCheck.reference,
    startup_ms: Math.round(performance.now() - started),
  });
  // Every chunk of the client store verified in the background, so first reads stop paying for it.
  const sweepStarted = performance.now();
  void sweepStores().done.then(() => {
    const { checked, chunks } = storeVerification();
    const corruption = storeCorruption();
    if (corruption !== undefined) logger.error({ msg: 'client store corrupt: /ready answers 503', error: corruption });
    logger.info({ msg: 'client store verified', chunks_checked: checked, chunks, ms: Math.round(performance.now() - sweepStarted) });
  });
}

void main().catch((err: unknown) => fail(describe(err)));
