import { expect } from 'chai';
import fc from 'fast-check';
import { TreeShap } from './shap.js';
import { buildEnsemble, predictRaw } from './trees.js';
import { bruteForceShap, randomRow, randomTrees, rng } from '../testing/random-trees.js';

describe('TreeSHAP against brute force over feature subsets', () => {
  it('matches exact Shapley values on a hand-made two-feature tree', () => {
    // Root splits on A; the left child splits on B; covers 10 = 6 + 4, 6 = 2 + 4.
    const e = buildEnsemble({
      format: 'lightgbm-trees/1', feature_count: 2, feature_names: ['A', 'B'],
      trees: [{ split_feature: [0, 1], threshold: [0.5, 0.5], default_left: [true, true], missing_type: ['None', 'None'],
        left_child: [1, -1], right_child: [-3, -2], internal_count: [10, 6], leaf_value: [1, 2, 3], leaf_count: [2, 4, 4] }],
    });
    const explainer = new TreeShap(e);
    const x = [0.2, 0.9];
    // v(empty) = 0.2*1 + 0.4*2 + 0.4*3 = 2.2; v(A) = (2*1 + 4*2)/6 = 5/3; v(B) = 0.6*2 + 0.4*3 = 2.4; v(AB) = 2.
    const phiA = 0.5 * (5 / 3 - 2.2) + 0.5 * (2 - 2.4);
    const phiB = 0.5 * (2.4 - 2.2) + 0.5 * (2 - 5 / 3);
    const out = explainer.explain(x);
    expect(out.baseValue).to.be.closeTo(2.2, 1e-12);
    expect(out.shap[0]).to.be.closeTo(phiA, 1e-12);
    expect(out.shap[1]).to.be.closeTo(phiB, 1e-12);
  });

  it('matches brute force on random ensembles with repeated features, NaN and zeros', () => {
    let worst = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), (seed, features, trees, depth) => {
        const e = buildEnsemble(randomTrees(seed, features, trees, depth));
        const explainer = new TreeShap(e);
        const rand = rng(seed ^ 0x5bd1e995);
        for (let r = 0; r < 5; r++) {
          const x = randomRow(rand, features);
          const exact = bruteForceShap(e, x);
          const got = explainer.explain(x);
          for (let i = 0; i < features; i++) worst = Math.max(worst, Math.abs(got.shap[i]! - exact[i]!));
          worst = Math.max(worst, Math.abs(got.baseValue - exact[features]!));
        }
      }),
      { seed: 20240601, numRuns: 300 },
    );
    console.log(`      brute-force check: max |TreeSHAP - exact Shapley| = ${worst.toExponential(2)}`);
    expect(worst).to.be.below(1e-9);
  });

  it('adds up to the raw score (local accuracy) on deep trees', () => {
    const e = buildEnsemble(randomTrees(7, 12, 40, 8));
    const explainer = new TreeShap(e);
    const rand = rng(99);
    for (let r = 0; r < 200; r++) {
      const x = randomRow(rand, 12);
      const out = explainer.explain(x);
      const total = out.baseValue + out.shap.reduce((a, b) => a + b, 0);
      expect(total).to.be.closeTo(predictRaw(e, x), 1e-9);
    }
  });

  it('gives zero to features the trees never split on', () => {
    const doc = randomTrees(3, 4, 5, 3);
    for (const tree of doc.trees) tree.split_feature = tree.split_feature.map((f) => (f === 2 ? 1 : f));
    const out = new TreeShap(buildEnsemble(doc)).explain([0.1, 0.2, 0.3, Number.NaN]);
    expect(out.shap[2]).to.equal(0);
  });

  it('rejects a row of the wrong length', () => {
    const explainer = new TreeShap(buildEnsemble(randomTrees(1, 3, 2, 2)));
    expect(() => explainer.explain([1, 2])).to.throw(RangeError, /expected 3 features/);
  });
});
