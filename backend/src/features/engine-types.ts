/**
 * The feature engine's error and output type, apart from engine.ts: the serving process
 * imports these without loading @duckdb/node-api (DuckDB runs only in the start-up check's
 * child process, reference-child.ts).
 */
import type { RawApplication } from './application-body.js';

export class FeatureEngineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeatureEngineError';
  }
}

/** Model inputs of n applications, row-major in features.json order (NaN = missing). */
export interface EngineOutput {
  rows: Float64Array;
  count: number;
}

/**
 * What serves a request's inputs: the DuckDB engine (tests, the parity suite) or, in the
 * server, the TypeScript evaluator once the start-up check showed it equal to DuckDB.
 */
export interface InputsEngine {
  readonly featureNames: string[];
  compute(applications: RawApplication[]): Promise<EngineOutput>;
  /** DuckDB's inputs from the shipped SQL; rejects when this process holds no DuckDB. */
  reference(applications: RawApplication[]): Promise<EngineOutput>;
  readonly mode: 'duckdb' | 'evaluator';
  /** Whether reference() works in this process. */
  readonly referenceOpen: boolean;
}
