/**
 * Scoring use cases as plain functions over typed input: score or explain a
 * known client, score a batch of records. Every ONNX run and TreeSHAP call is
 * timed through the observer (Prometheus metrics), never through `ctx`.
 */
import { NotFoundError } from '../errors.js';
import type { ScoreOutput } from '../runtime/onnx.js';
import type { Explanation as ShapResult } from '../runtime/shap.js';
import { ByteBudgetLru } from './byte-budget-lru.js';
import { scoreFields, type ScoreFields } from './decision.js';
import {
  compactExplanation, fullExplanation, prepareExplanation, type CompactExplanation, type ExplanationBody, type PreparedExplanation,
} from './explanation.js';
import type { ModelContext } from './model-context.js';

export type InferenceKind = 'onnx' | 'shap';
export type InferenceObserver = (kind: InferenceKind, seconds: number, rows: number) => void;

export interface ClientScore extends ScoreFields {
  id: number;
  model_version: string;
}

export interface BatchResult extends Omit<ScoreFields, 'threshold'> {
  index: number;
  id?: string | number;
  explanation?: CompactExplanation;
}

export interface BatchResponse {
  model_version: string;
  threshold: number;
  results: BatchResult[];
}

export const shapCacheDefaults = {
  /**
   * Bytes of stored clients' SHAP values kept (config SHAP_CACHE_BYTES): 32 MiB is ~15,000 clients at
   * 86 features (~2.2 KB each), beside the ~250 MB the API holds after load within the 320 MB heap cap of the
   * 512 MB machine (Dockerfile, fly.toml).
   */
  bytes: 32 * 1024 * 1024,
  /**
   * One entry beyond its three typed arrays' contents: the arrays' headers and buffers, the two
   * objects and the map entry (measured on the heap over 5,000 entries of 86 features: scoring.test.ts).
   */
  entryOverheadBytes: 700,
} as const;

/** What one cached explanation holds, in bytes (an estimate, checked against the heap in a test). */
export function preparedBytes(p: PreparedExplanation): number {
  return p.result.shap.byteLength + p.order.byteLength + p.values.byteLength + shapCacheDefaults.entryOverheadBytes;
}

export class ScoringService {
  readonly model: ModelContext;
  private readonly observe: InferenceObserver;
  // A stored client's inputs never change for a given model, so neither do its SHAP values (nor
  // their ranking and printed inputs): advisors reopen the same clients (and the dashboard asks
  // again when it revalidates).
  private readonly storedShap: ByteBudgetLru<number, PreparedExplanation>;

  constructor(model: ModelContext, observe: InferenceObserver = () => undefined,
    shapCacheBytes: number = shapCacheDefaults.bytes) {
    this.model = model;
    this.observe = observe;
    this.storedShap = new ByteBudgetLru(shapCacheBytes, preparedBytes);
  }

  /** Bytes and entries of the stored-SHAP cache now (tests, metrics). */
  get shapCache(): { bytes: number; entries: number; budgetBytes: number } {
    return { bytes: this.storedShap.bytes, entries: this.storedShap.size, budgetBytes: this.storedShap.budgetBytes };
  }

  /** Model inputs of a known client; 404 when the id is not in the store. */
  vectorOf(id: number): Float64Array {
    const vector = this.model.store.vector(id);
    if (!vector) throw new NotFoundError(`No client with id ${id}`, [{ field: 'id', message: `unknown client id ${id}` }]);
    return vector;
  }

  /** One ONNX run over `rowCount` rows (row-major). */
  async run(rows: Float64Array, rowCount: number): Promise<ScoreOutput> {
    const start = process.hrtime.bigint();
    const out = await this.model.scorer.score(rows, rowCount);
    this.observe('onnx', Number(process.hrtime.bigint() - start) / 1e9, rowCount);
    return out;
  }

  /** TreeSHAP values of one row. */
  explain(x: Float64Array): ShapResult {
    const start = process.hrtime.bigint();
    const out = this.model.explainer.explain(x);
    this.observe('shap', Number(process.hrtime.bigint() - start) / 1e9, 1);
    return out;
  }

  async scoreVector(x: Float64Array): Promise<{ probability: number; rawScore: number }> {
    const out = await this.run(x, 1);
    return { probability: out.probability[0]!, rawScore: out.rawScore[0]! };
  }

  async scoreClient(id: number): Promise<ClientScore> {
    const { probability } = await this.scoreVector(this.vectorOf(id));
    return { id, ...scoreFields(probability, this.model.threshold), model_version: this.model.modelVersion };
  }

  /** Explanation of any vector under a client id (a stored client or a what-if variant). */
  async explainVector(id: number, x: Float64Array, top: number): Promise<ExplanationBody> {
    const { probability, rawScore } = await this.scoreVector(x);
    return fullExplanation(this.model, id, x, prepareExplanation(x, this.explain(x)), probability, rawScore, top);
  }

  async explainClient(id: number, top: number): Promise<ExplanationBody> {
    const x = this.vectorOf(id);
    const { probability, rawScore } = await this.scoreVector(x);
    return fullExplanation(this.model, id, x, this.storedExplanation(id, x), probability, rawScore, top);
  }

  /** SHAP values (ranked) of a stored client, computed once; the least recently used go when the budget is full. */
  private storedExplanation(id: number, x: Float64Array): PreparedExplanation {
    const cached = this.storedShap.get(id);
    if (cached) return cached;
    const fresh = prepareExplanation(x, this.explain(x));
    this.storedShap.set(id, fresh);
    return fresh;
  }

  /** Score records given as one row-major matrix (NaN = missing), optionally explained. */
  async scoreBatch(rows: Float64Array, ids: Array<string | number | undefined>, explain: boolean, top: number): Promise<BatchResponse> {
    const f = this.model.featureCount;
    const n = ids.length;
    const out = await this.run(rows, n);
    const results: BatchResult[] = [];
    for (let i = 0; i < n; i++) {
      const { threshold: _unused, ...fields } = scoreFields(out.probability[i]!, this.model.threshold);
      const result: BatchResult = { index: i, ...fields };
      const id = ids[i];
      if (id !== undefined) result.id = id;
      if (explain) {
        const x = rows.subarray(i * f, (i + 1) * f);
        result.explanation = compactExplanation(this.model, x, this.explain(x), out.rawScore[i]!, top);
      }
      results.push(result);
    }
    return { model_version: this.model.modelVersion, threshold: this.model.threshold, results };
  }
}
