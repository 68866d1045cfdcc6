/**
 * Test helper for the committed artifacts (ARTIFACTS_DIR or ../artifacts):
 * one shared load per test process, the app around it, and the fixtures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type Koa from 'koa';
import { createApp } from '../app.js';
import type { AppConfig } from '../app-types.js';
import { loadModel, type Loaded } from '../bootstrap.js';
import { defaultArtifactsDir, defaults } from '../config.js';
import { memoryLogger } from '../http/logger.js';
import { Metrics } from '../http/metrics.js';
import { openSqlite } from '../db/sqlite.js';
import type { AccessLog } from '../db/access-log.js';
import { testVerifier } from './tokens.js';

export function realArtifactsDir(): string {
  const fromEnv = process.env['ARTIFACTS_DIR'];
  return path.resolve(fromEnv && fromEnv !== '' ? fromEnv : defaultArtifactsDir());
}

let shared: Promise<Loaded> | undefined;

/** The real model, loaded once for all suites of this process. */
export function loadReal(): Promise<Loaded> {
  shared ??= loadModel(realArtifactsDir());
  return shared;
}

/** @param accessLog defaults to a fresh in-memory SQLite log (which also holds the reviews) */
export function realApp(loaded: Loaded, config: Partial<AppConfig> = {}, accessLog?: AccessLog): Koa {
  const db = openSqlite(':memory:');
  return createApp({
    config: { corsOrigins: ['http://localhost:5173'], rateLimitPerMinute: 0, bodyLimitBytes: defaults.bodyLimitBytes, trustProxy: false, nodeEnv: 'test', ...config },
    model: loaded.model,
    artifacts: loaded.artifacts,
    logger: memoryLogger(),
    state: { ready: true, shuttingDown: false },
    metrics: new Metrics({ model_version: loaded.model.modelVersion }),
    verifyToken: testVerifier(),
    accessLog: accessLog ?? db.accessLog,
    reviews: db.reviews,
    applications: loaded.applications,
  });
}

export interface PredictionsFixture {
  ids: number[];
  probability: number[];
  raw_score: number[];
}

export interface ShapFixture {
  ids: number[];
  contrib: number[][];
}

export function readFixture<T>(name: string): T {
  const file = path.join(realArtifactsDir(), 'fixtures', name);
  return JSON.parse(gunzipSync(fs.readFileSync(file)).toString('utf8')) as T;
}
