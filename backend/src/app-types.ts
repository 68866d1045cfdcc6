/** What createApp() needs; tests build these from a tiny model and fake parts. */
import type { VerifyToken } from './auth/token-verifier.js';
import type { Config } from './config.js';
import type { AccessLog } from './db/access-log.js';
import type { ReviewStore } from './db/reviews.js';
import type { ApplicationSchema } from './features/application-schema.js';
import type { InputsEngine } from './features/engine-types.js';
import type { ScoreRequirement } from './features/score-requirements.js';
import type { RawClientSource } from './store/raw-clients.js';
import type { Logger } from './http/logger.js';
import type { Metrics } from './http/metrics.js';
import type { ModelContext } from './services/model-context.js';
import type { Artifacts } from './store/artifacts.js';

export interface AppState {
  /** False until loaded and again while shutting down: /ready answers 503. */
  ready: boolean;
  shuttingDown: boolean;
}

export type AppConfig = Pick<Config, 'corsOrigins' | 'rateLimitPerMinute' | 'bodyLimitBytes' | 'trustProxy' | 'nodeEnv'> & Partial<Pick<Config, 'shapCacheBytes' | 'bodyTimeoutMs' | 'batchBodyLimitBytes'>>;

export interface AppDeps {
  config: AppConfig;
  model: ModelContext;
  artifacts: Pick<Artifacts, 'manifest' | 'features' | 'metrics' | 'fairness' | 'drift' | 'population' | 'importance'>;
  logger: Logger;
  state: AppState;
  metrics: Metrics;
  /** Verifies bearer access tokens (auth/token-verifier.ts). */
  verifyToken: VerifyToken;
  /** The record of access to personal data (db/). */
  accessLog: AccessLog;
  /** Advisors' reviews (db/reviews.ts). */
  reviews: ReviewStore;
  /** The feature engine and application schema; absent, the applications endpoints are not served. */
  applications?: ApplicationDeps;
}

export interface ApplicationDeps {
  engine: InputsEngine;
  schema: ApplicationSchema;
  /** Raw rows of the stored clients (for their what-if). */
  rawClients?: RawClientSource;
  /** Required application fields and the inputs derived from them (the under-specified rule of POST /v1/score). */
  scoreRequirements?: ScoreRequirement[];
}
