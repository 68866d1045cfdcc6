/**
 * Configuration from environment variables, parsed once and validated.
 * A bad value is a start-up error that names the variable.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAuthSettings } from './auth/auth-config.js';
import type { AuthSettings } from './auth/token-verifier.js';
import { ConfigError } from './config-error.js';

export interface Config {
  artifactsDir: string;
  port: number;
  host: string;
  nodeEnv: string;
  /** Requests per minute per client IP on /v1; 0 disables the limiter. */
  rateLimitPerMinute: number;
  corsOrigins: string[];
  /** Who may call: the OpenID provider whose access tokens the API accepts. */
  auth: AuthSettings;
  /** Folder of the SQLite database (record of access) when DATABASE_URL is not set. */
  dataDir: string;
  /** PostgreSQL connection string; when set, the record of access lives there. */
  databaseUrl: string | undefined;
  /** A request body not fully received within this time is cut (408). */
  bodyTimeoutMs: number;
  /** Simultaneous connections the server accepts; more are refused by the socket layer. */
  maxConnections: number;
  /** Maximum JSON body size in bytes. */
  bodyLimitBytes: number;
  /** Maximum body of POST /v1/applications/batch: 1,000 applications with their histories. */
  batchBodyLimitBytes: number;
  /** Trust X-Forwarded-For (only behind a reverse proxy). */
  trustProxy: boolean;
  logLevel: 'info' | 'silent';
  /** Bytes of stored clients' SHAP values kept in memory (LRU); 0 computes every explanation afresh. */
  shapCacheBytes: number;
}

export const defaults = {
  port: 8000,
  host: '0.0.0.0',
  rateLimitPerMinute: 600,
  corsOrigins: [
    'http://localhost:5173',
    'http://127.0.0.1:5173',
    'http://localhost:4173',
    'http://127.0.0.1:4173',
  ],
  /** A full 1,000-record batch of ~90 features is about 3 MB of JSON. */
  bodyLimitBytes: 5 * 1024 * 1024,
  /**
   * 1,000 sample applications with their whole history are 13 MB of JSON (the densest about 25 MB);
   * batches are read one at a time, inside the work gate (http/work-gate.ts).
   */
  batchBodyLimitBytes: 32 * 1024 * 1024,
  /** ~2.2 KB per client at 86 features: ~15,000 clients (services/scoring.ts, shapCacheDefaults). */
  shapCacheBytes: 32 * 1024 * 1024,
  /** Long enough for a 5 MB batch on a slow uplink, short enough that a trickling client cannot hold a worker. */
  bodyTimeoutMs: 15_000,
  /** Fly's hard_limit is 250 requests; a few more for health checks and keep-alive. */
  maxConnections: 300,
} as const;

export { ConfigError };

/** The package root (backend/), whether running from src/ via a loader or from dist/src/. */
export function packageRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const parts = here.split(path.sep);
  const distIndex = parts.lastIndexOf('dist');
  const srcIndex = parts.lastIndexOf('src');
  const cut = distIndex >= 0 ? distIndex : srcIndex;
  return cut > 0 ? parts.slice(0, cut).join(path.sep) || path.sep : path.resolve(here, '..');
}

/** Default artifact folder: the repository's artifacts/, next to backend/. */
export function defaultArtifactsDir(): string {
  return path.resolve(packageRoot(), '..', 'artifacts');
}

function parseIntVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be an integer, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function parseOrigins(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [...defaults.corsOrigins];
  const origins = raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  for (const origin of origins) {
    // A wildcard would let any site read client data: refuse it outright.
    if (origin === '*' || !/^https?:\/\/[^/\s*]+$/.test(origin)) {
      throw new ConfigError(`CORS_ORIGINS entries must be origins like https://host:port (no "*", no path), got "${origin}"`);
    }
  }
  return origins;
}

/** Default DATA_DIR: the repository's .data/ (git-ignored), next to backend/. */
export function defaultDataDir(): string {
  return path.resolve(packageRoot(), '..', '.data');
}

function nonEmpty(raw: string | undefined): string | undefined {
  return raw !== undefined && raw.trim() !== '' ? raw.trim() : undefined;
}

/** Read and validate the configuration; throws ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env['NODE_ENV'] ?? 'development';
  const production = nodeEnv === 'production';
  // A shared key gave every holder every client: refuse it rather than let it suggest protection.
  if (nonEmpty(env['API_KEY']) !== undefined) throw new ConfigError('API_KEY is no longer used: callers present OpenID access tokens (OIDC_ISSUER, docs/deployment.md); unset API_KEY');
  // A count of entries meant nothing for memory (their size follows the feature count): refuse it rather than ignore it.
  if (nonEmpty(env['SHAP_CACHE_SIZE']) !== undefined) throw new ConfigError('SHAP_CACHE_SIZE is no longer used: the SHAP cache is sized in bytes, set SHAP_CACHE_BYTES (0 turns it off)');
  const databaseUrl = nonEmpty(env['DATABASE_URL']);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  if (production && databaseUrl === undefined && nonEmpty(env['DATA_DIR']) === undefined) {
    throw new ConfigError('DATA_DIR (a writable volume) or DATABASE_URL must be set in production: the record of access must survive a restart');
  }
  const logLevel = env['LOG_LEVEL'] === 'silent' ? 'silent' : 'info';
  return {
    artifactsDir: path.resolve(env['ARTIFACTS_DIR'] && env['ARTIFACTS_DIR'].trim() !== '' ? env['ARTIFACTS_DIR'] : defaultArtifactsDir()),
    port: parseIntVar(env, 'PORT', defaults.port, 0, 65535),
    host: env['HOST'] && env['HOST'].trim() !== '' ? env['HOST'].trim() : defaults.host,
    nodeEnv,
    rateLimitPerMinute: parseIntVar(env, 'RATE_LIMIT_PER_MINUTE', defaults.rateLimitPerMinute, 0, 1_000_000_000),
    corsOrigins: parseOrigins(env['CORS_ORIGINS']),
    auth: loadAuthSettings(env, production),
    dataDir: path.resolve(nonEmpty(env['DATA_DIR']) ?? defaultDataDir()),
    databaseUrl,
    bodyTimeoutMs: parseIntVar(env, 'BODY_TIMEOUT_MS', defaults.bodyTimeoutMs, 100, 600_000),
    maxConnections: parseIntVar(env, 'MAX_CONNECTIONS', defaults.maxConnections, 1, 100_000),
    bodyLimitBytes: parseIntVar(env, 'BODY_LIMIT_BYTES', defaults.bodyLimitBytes, 1024, 64 * 1024 * 1024),
    batchBodyLimitBytes: parseIntVar(env, 'BATCH_BODY_LIMIT_BYTES', defaults.batchBodyLimitBytes, 1024, 64 * 1024 * 1024),
    trustProxy: env['TRUST_PROXY'] === '1' || env['TRUST_PROXY'] === 'true',
    logLevel,
    shapCacheBytes: parseIntVar(env, 'SHAP_CACHE_BYTES', defaults.shapCacheBytes, 0, 1024 * 1024 * 1024),
  };
}
