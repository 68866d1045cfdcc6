/**
 * The ONNX model behind a small `Scorer` interface. This file and shap.ts are
 * the runtime layer; only this one imports onnxruntime-node. The session is
 * created once at start-up and checked against features.json.
 */
import ort from 'onnxruntime-node';

export interface ScoreOutput {
  /** Probability of default (class 1), one per row. */
  probability: Float64Array;
  /** Log-odds, one per row. */
  rawScore: Float64Array;
}

/** Scores rows of model inputs (row-major, NaN = missing). Tests may supply their own. */
export interface Scorer {
  readonly featureCount: number;
  score(rows: Float64Array, rowCount: number): Promise<ScoreOutput>;
  release(): Promise<void>;
}

export const onnxNames = { input: 'input', probabilities: 'probabilities', rawScore: 'raw_score' } as const;

export class ModelLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelLoadError';
  }
}

function tensorShape(session: ort.InferenceSession, name: string): ReadonlyArray<number | string> | undefined {
  const meta = session.inputMetadata.find((m) => m.name === name);
  return meta && meta.isTensor ? meta.shape : undefined;
}

export class OnnxScorer implements Scorer {
  readonly featureCount: number;
  private readonly session: ort.InferenceSession;

  private constructor(session: ort.InferenceSession, featureCount: number) {
    this.session = session;
    this.featureCount = featureCount;
  }

  /**
   * Load the model and check its signature: input "input" of [N, featureCount]
   * doubles, outputs "probabilities" [N, 2] and "raw_score" [N, 1].
   * Throws ModelLoadError with a one-line reason.
   */
  static async create(modelPath: string, featureCount: number): Promise<OnnxScorer> {
    let session: ort.InferenceSession;
    try {
      // One thread per op: trees of one row are too small to gain from a pool, and 2 cores are shared with Koa.
      session = await ort.InferenceSession.create(modelPath, {
        executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all', logSeverityLevel: 3,
      });
    } catch (err) {
      throw new ModelLoadError(`cannot be loaded by onnxruntime (${firstLine(err)})`);
    }
    const scorer = new OnnxScorer(session, featureCount);
    try {
      await scorer.checkSignature();
    } catch (err) {
      await session.release();
      throw err;
    }
    return scorer;
  }

  async score(rows: Float64Array, rowCount: number): Promise<ScoreOutput> {
    if (rows.length !== rowCount * this.featureCount) throw new RangeError(`expected ${rowCount} x ${this.featureCount} values, got ${rows.length}`);
    const input = new ort.Tensor('float64', rows, [rowCount, this.featureCount]);
    const out = await this.session.run({ [onnxNames.input]: input }, [onnxNames.probabilities, onnxNames.rawScore]);
    const probs = out[onnxNames.probabilities]!.data as Float32Array | Float64Array;
    const raw = out[onnxNames.rawScore]!.data as Float32Array | Float64Array;
    const probability = new Float64Array(rowCount);
    const rawScore = new Float64Array(rowCount);
    for (let i = 0; i < rowCount; i++) {
      probability[i] = probs[i * 2 + 1]!;
      rawScore[i] = raw[i]!;
    }
    return { probability, rawScore };
  }

  async release(): Promise<void> {
    await this.session.release();
  }

  private async checkSignature(): Promise<void> {
    const s = this.session;
    if (!s.inputNames.includes(onnxNames.input)) throw new ModelLoadError(`has inputs [${s.inputNames.join(', ')}], expected "${onnxNames.input}"`);
    for (const name of [onnxNames.probabilities, onnxNames.rawScore]) {
      if (!s.outputNames.includes(name)) throw new ModelLoadError(`has outputs [${s.outputNames.join(', ')}], expected "${name}"`);
    }
    const shape = tensorShape(s, onnxNames.input);
    const width = shape?.[1];
    if (typeof width === 'number' && width !== this.featureCount) {
      throw new ModelLoadError(`expects ${width} input features, features.json lists ${this.featureCount}`);
    }
    // A probe row catches a model whose metadata is symbolic but whose graph disagrees.
    let probe: ort.InferenceSession.OnnxValueMapType;
    try {
      probe = await s.run({ [onnxNames.input]: new ort.Tensor('float64', new Float64Array(this.featureCount).fill(Number.NaN), [1, this.featureCount]) });
    } catch (err) {
      throw new ModelLoadError(`fails on a row of ${this.featureCount} features (${firstLine(err)})`);
    }
    const probs = probe[onnxNames.probabilities]!;
    const raw = probe[onnxNames.rawScore]!;
    if (probs.dims.join('x') !== '1x2' || raw.dims.join('x') !== '1x1') {
      throw new ModelLoadError(`outputs have shapes probabilities [${probs.dims.join(', ')}], raw_score [${raw.dims.join(', ')}]; expected [1, 2] and [1, 1]`);
    }
  }
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return (message.split('\n')[0] ?? '').slice(0, 200);
}
