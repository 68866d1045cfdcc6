/**
 * Scoring use cases as plain functions over typed input: score or explain a
 * known client, score a batch of records. Every ONNX run and TreeSHAP call is
 * timed through the observer (Prometheus metrics), never through `ctx`.
 */
import { NotFoundError } from '../errors.js';
import type { ScoreOutput } from '../runtime/onnx.js';
import type { Explanation as ShapResult } from '../runtime/shap.js';
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

/** How many stored clients' SHAP values are kept (about 1.6 KB each for 86 features, with their ranking and printed inputs). */
export const STORED_SHAP_CACHE_SIZE = 20_000;

export class ScoringService {
  readonly model: ModelContext;
  private readonly observe: InferenceObserver;
  // A stored client's inputs never change for a given model, so neither do its SHAP values (nor
  // their ranking and printed inputs): advisors reopen the same clients (and the dashboard asks
  // again when it revalidates).
  private readonly storedShap = new Map<number, PreparedExplanation>();

  private readonly shapCacheSize: number;

  constructor(model: ModelContext, observe: InferenceObserver = () => undefined,
    shapCacheSize: number = STORED_SHAP_CACHE_SIZE) {
    this.model = model;
    this.observe = observe;
    this.shapCacheSize = shapCacheSize;
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

  /** SHAP values (ranked) of a stored client, computed once; the oldest entry goes when the cache is full. */
  private storedExplanation(id: number, x: Float64Array): PreparedExplanation {
    const cached = this.storedShap.get(id);
    if (cached) return cached;
    const fresh = prepareExplanation(x, this.explain(x));
    if (this.shapCacheSize === 0) return fresh;
    if (this.storedShap.size >= this.shapCacheSize) {
      this.storedShap.delete(this.storedShap.keys().next().value as number);
    }
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
