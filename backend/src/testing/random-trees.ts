/**
 * Test helper: seeded random LightGBM-style trees (trees.json shape) with
 * consistent covers, and a brute-force Shapley computation over feature
 * subsets to check TreeSHAP against.
 */
import type { RawTree, RawTrees, TreeEnsemble } from '../runtime/trees.js';
import { goesLeft } from '../runtime/trees.js';
import { seededRandom } from '../runtime/seeded-random.js';

/** Seeded generator (runtime/seeded-random.ts) so fixtures are reproducible. */
export const rng = seededRandom;

const MISSING_TYPES = ['None', 'NaN', 'Zero'];

/** Random tree of at most `maxDepth` levels over `featureCount` features. */
export function randomTree(rand: () => number, featureCount: number, maxDepth: number): RawTree {
  const tree: RawTree = {
    split_feature: [], threshold: [], default_left: [], missing_type: [], left_child: [], right_child: [],
    internal_count: [], leaf_value: [], leaf_count: [],
  };
  // Returns [child code, cover]; internal nodes are numbered in creation order.
  const grow = (depth: number): [number, number] => {
    if (depth >= maxDepth || (depth > 0 && rand() < 0.3)) {
      const count = 1 + Math.floor(rand() * 100);
      tree.leaf_value.push(Math.round((rand() * 2 - 1) * 1000) / 1000);
      tree.leaf_count.push(count);
      return [-tree.leaf_value.length, count];
    }
    const index = tree.split_feature.length;
    tree.split_feature.push(Math.floor(rand() * featureCount));
    // Coarse thresholds (tenths) so test rows often land exactly on them.
    tree.threshold.push(Math.round(rand() * 10) / 10 - 0.2);
    tree.default_left.push(rand() < 0.5);
    tree.missing_type.push(MISSING_TYPES[Math.floor(rand() * MISSING_TYPES.length)]!);
    tree.left_child.push(0);
    tree.right_child.push(0);
    tree.internal_count.push(0);
    const [left, leftCount] = grow(depth + 1);
    const [right, rightCount] = grow(depth + 1);
    tree.left_child[index] = left;
    tree.right_child[index] = right;
    tree.internal_count[index] = leftCount + rightCount;
    return [index, leftCount + rightCount];
  };
  grow(0);
  return tree;
}

export function randomTrees(seed: number, featureCount: number, treeCount: number, maxDepth: number): RawTrees {
  const rand = rng(seed);
  return {
    format: 'lightgbm-trees/1',
    feature_count: featureCount,
    feature_names: Array.from({ length: featureCount }, (_, i) => `F${i}`),
    trees: Array.from({ length: treeCount }, () => randomTree(rand, featureCount, maxDepth)),
  };
}

/** Random row: values near the thresholds, exact zeros and NaNs. */
export function randomRow(rand: () => number, featureCount: number): Float64Array {
  const row = new Float64Array(featureCount);
  for (let i = 0; i < featureCount; i++) {
    const r = rand();
    row[i] = r < 0.15 ? Number.NaN : r < 0.25 ? 0 : r < 0.45 ? Math.round(rand() * 10) / 10 - 0.2 : rand() * 1.2 - 0.3;
  }
  return row;
}

/** Path-dependent conditional expectation E[f(x) | x_S] of one tree. */
function conditional(e: TreeEnsemble, node: number, x: ArrayLike<number>, inS: (f: number) => boolean): number {
  const f = e.feature[node]!;
  if (f < 0) return e.value[node]!;
  const left = e.left[node]!;
  const right = e.right[node]!;
  if (inS(f)) return conditional(e, goesLeft(e, node, x[f]!) ? left : right, x, inS);
  return (e.cover[left]! * conditional(e, left, x, inS) + e.cover[right]! * conditional(e, right, x, inS)) / e.cover[node]!;
}

function valueOf(e: TreeEnsemble, x: ArrayLike<number>, mask: number): number {
  let sum = 0;
  for (let t = 0; t < e.treeCount; t++) sum += conditional(e, e.roots[t]!, x, (f) => (mask & (1 << f)) !== 0);
  return sum;
}

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

/** Shapley values by enumerating all 2^M subsets (M <= ~12). Returns [phi..., v(empty)]. */
export function bruteForceShap(e: TreeEnsemble, x: ArrayLike<number>): Float64Array {
  const m = e.featureCount;
  const values = new Float64Array(1 << m);
  for (let mask = 0; mask < 1 << m; mask++) values[mask] = valueOf(e, x, mask);
  const out = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) {
    let phi = 0;
    for (let mask = 0; mask < 1 << m; mask++) {
      if (mask & (1 << i)) continue;
      let size = 0;
      for (let b = mask; b; b &= b - 1) size++;
      const weight = (factorial(size) * factorial(m - size - 1)) / factorial(m);
      phi += weight * (values[mask | (1 << i)]! - values[mask]!);
    }
    out[i] = phi;
  }
  out[m] = values[0]!;
  return out;
}
