import { expect } from 'chai';
import path from 'node:path';
import { realArtifactsDir } from '../testing/real-artifacts.js';
import { ModelLoadError, OnnxScorer } from './onnx.js';
import { loadArtifacts } from '../store/artifacts.js';

describe('ONNX runtime', () => {
  const modelPath = path.join(realArtifactsDir(), 'model.onnx');

  it('loads the model with the feature count of features.json and scores rows', async () => {
    const count = loadArtifacts(realArtifactsDir()).features.length;
    const scorer = await OnnxScorer.create(modelPath, count);
    try {
      const out = await scorer.score(new Float64Array(2 * count).fill(Number.NaN), 2);
      expect(out.probability).to.have.length(2);
      expect(out.probability[0]).to.be.within(0, 1);
      expect(1 / (1 + Math.exp(-out.rawScore[0]!))).to.be.closeTo(out.probability[0]!, 1e-6);
      let rejected: unknown;
      await scorer.score(new Float64Array(3), 1).catch((err: unknown) => {
        rejected = err;
      });
      expect(rejected).to.be.instanceOf(RangeError);
    } finally {
      await scorer.release();
    }
  });

  it('fails fast when the model input width differs from features.json', async () => {
    const count = loadArtifacts(realArtifactsDir()).features.length;
    let error: unknown;
    try {
      await OnnxScorer.create(modelPath, count + 1);
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(ModelLoadError);
    expect((error as Error).message).to.match(new RegExp(`expects ${count} input features, features.json lists ${count + 1}|fails on a row of ${count + 1} features`));
  });
});
