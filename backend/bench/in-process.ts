/** In-process timings on the loaded model: one ONNX run, one TreeSHAP explanation, a 1,000-record batch. */
import type { Loaded } from '../src/bootstrap.js';
import { parseScoreBody } from '../src/schemas/bodies.js';
import { float32Value } from '../src/services/phrases.js';
import { ScoringService } from '../src/services/scoring.js';

export interface Timing {
  medianMs: number;
  p99Ms: number;
  runs: number;
}

function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    medianMs: sorted[Math.floor(sorted.length / 2)]!,
    p99Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!,
    runs: sorted.length,
  };
}

async function time(runs: number, warmup: number, fn: (i: number) => unknown): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return summarise(samples);
}

export interface InProcessFigures {
  onnxOneRow: Timing;
  treeShapOne: Timing;
  explanationService: Timing;
  batchOnnx1000: Timing;
  batchEndToEnd1000: Timing;
}

export async function measureInProcess(loaded: Loaded): Promise<InProcessFigures> {
  const { model } = loaded;
  const service = new ScoringService(model);
  // Ids spread over the store, at most 10,000: the store holds no id list (a 3.5M-client one would be 28 MB).
  const ids = model.store.sampleIds(Math.min(model.store.size, 10_000));
  const vector = (i: number): Float64Array => model.store.vector(ids[i % ids.length]!)!;
  const f = model.featureCount;
  const batchIds = ids.slice(0, 1000);
  const rows = new Float64Array(batchIds.length * f);
  batchIds.forEach((id, i) => rows.set(model.store.vector(id)!, i * f));
  // The end-to-end batch starts from the JSON text a client would send.
  const body = JSON.stringify({
    records: batchIds.map((id) => Object.fromEntries([['id', id], ...model.features.map((feat, j) => [feat.name, float32Value(model.store.vector(id)![j]!)])])),
  });
  return {
    onnxOneRow: await time(3000, 300, (i) => model.scorer.score(vector(i), 1)),
    treeShapOne: await time(3000, 300, (i) => model.explainer.explain(vector(i))),
    explanationService: await time(2000, 200, (i) => service.explainClient(ids[i % ids.length]!, 10)),
    batchOnnx1000: await time(50, 5, () => model.scorer.score(rows, batchIds.length)),
    batchEndToEnd1000: await time(30, 3, async () => {
      const req = parseScoreBody(JSON.parse(body), model.featureIndex, []);
      return JSON.stringify(await service.scoreBatch(req.rows, req.ids, req.explain, req.top));
    }),
  };
}
