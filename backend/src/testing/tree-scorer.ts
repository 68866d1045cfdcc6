/**
 * Test runtime: a Scorer that walks trees.json instead of running ONNX, so API
 * tests need no model file. Probabilities are rounded to float32 like ONNX's.
 */
import type { Scorer, ScoreOutput } from '../runtime/onnx.js';
import { predictRaw, type TreeEnsemble } from '../runtime/trees.js';

export class TreeScorer implements Scorer {
  readonly featureCount: number;
  calls = 0;
  private readonly ensemble: TreeEnsemble;

  constructor(ensemble: TreeEnsemble) {
    this.ensemble = ensemble;
    this.featureCount = ensemble.featureCount;
  }

  async score(rows: Float64Array, rowCount: number): Promise<ScoreOutput> {
    this.calls += 1;
    const probability = new Float64Array(rowCount);
    const rawScore = new Float64Array(rowCount);
    for (let i = 0; i < rowCount; i++) {
      const raw = predictRaw(this.ensemble, rows.subarray(i * this.featureCount, (i + 1) * this.featureCount));
      rawScore[i] = Math.fround(raw);
      probability[i] = Math.fround(1 / (1 + Math.exp(-raw)));
    }
    return { probability, rawScore };
  }

  async release(): Promise<void> {
    return undefined;
  }
}
