import { expect } from 'chai';
import { buildEnsemble, goesLeft, predictRaw, TreesFormatError, type RawTrees } from './trees.js';

/** One split on feature 0 at 0.5, with the given missing handling. */
function stump(missingType: string, defaultLeft: boolean): RawTrees {
  return {
    format: 'lightgbm-trees/1', feature_count: 1, feature_names: ['A'],
    trees: [{
      split_feature: [0], threshold: [0.5], default_left: [defaultLeft], missing_type: [missingType],
      left_child: [-1], right_child: [-2], internal_count: [10], leaf_value: [-1, 1], leaf_count: [4, 6],
    }],
  };
}

describe('trees: LightGBM decision rule', () => {
  it('sends x <= threshold left and x > threshold right', () => {
    const e = buildEnsemble(stump('None', false));
    expect(goesLeft(e, 0, 0.5)).to.equal(true);
    expect(goesLeft(e, 0, 0.5000001)).to.equal(false);
    expect(predictRaw(e, [0.2])).to.equal(-1);
    expect(predictRaw(e, [0.9])).to.equal(1);
  });

  it('sends NaN along default_left when missing_type is NaN', () => {
    expect(predictRaw(buildEnsemble(stump('NaN', true)), [Number.NaN])).to.equal(-1);
    expect(predictRaw(buildEnsemble(stump('NaN', false)), [Number.NaN])).to.equal(1);
  });

  it('treats NaN as 0.0 when missing_type is None, whatever default_left says', () => {
    // 0 <= 0.5 goes left even though default_left is false.
    expect(predictRaw(buildEnsemble(stump('None', false)), [Number.NaN])).to.equal(-1);
    const negative = stump('None', true);
    negative.trees[0]!.threshold = [-0.5];
    expect(predictRaw(buildEnsemble(negative), [Number.NaN])).to.equal(1);
  });

  it('sends zero and NaN along default_left when missing_type is Zero', () => {
    const e = buildEnsemble(stump('Zero', false));
    expect(predictRaw(e, [0])).to.equal(1);
    expect(predictRaw(e, [Number.NaN])).to.equal(1);
    expect(predictRaw(e, [0.1])).to.equal(-1);
  });

  it('computes the expected value from leaf counts', () => {
    const e = buildEnsemble(stump('None', false));
    expect(e.expected[0]).to.be.closeTo(-1 * 0.4 + 1 * 0.6, 1e-15);
  });

  it('accepts single-leaf trees', () => {
    const doc = stump('None', false);
    doc.trees.push({ split_feature: [], threshold: [], default_left: [], missing_type: [], left_child: [], right_child: [], internal_count: [], leaf_value: [0.25], leaf_count: [10] });
    const e = buildEnsemble(doc);
    expect(predictRaw(e, [0.9])).to.equal(1.25);
    expect(e.expected[1]).to.equal(0.25);
  });

  it('rejects a wrong format, bad children and out-of-range features with a message naming the tree', () => {
    expect(() => buildEnsemble({ ...stump('None', true), format: 'xgboost' })).to.throw(TreesFormatError, /format/);
    const badChild = stump('None', true);
    badChild.trees[0]!.right_child = [-5];
    expect(() => buildEnsemble(badChild)).to.throw(TreesFormatError, /tree 0: right_child/);
    const badFeature = stump('None', true);
    badFeature.trees[0]!.split_feature = [3];
    expect(() => buildEnsemble(badFeature)).to.throw(TreesFormatError, /tree 0: split_feature/);
    const badMissing = stump('Sometimes', true);
    expect(() => buildEnsemble(badMissing)).to.throw(TreesFormatError, /missing_type/);
    const short = stump('None', true);
    short.trees[0]!.leaf_count = [1];
    expect(() => buildEnsemble(short)).to.throw(TreesFormatError, /leaf_count/);
  });
});
