/**
 * LightGBM trees (trees.json, format "lightgbm-trees/1") flattened into typed
 * arrays once at start-up, with LightGBM's own numerical decision rule.
 *
 * Node numbering: every node of every tree (internal nodes, then leaves) gets
 * one global index, so the TreeSHAP recursion touches only flat arrays.
 */

export const MISSING_NONE = 0;
export const MISSING_ZERO = 1;
export const MISSING_NAN = 2;

/** LightGBM's kZeroThreshold: |x| <= 1e-35 counts as zero for missing_type "Zero". */
const ZERO_THRESHOLD = 1e-35;

export interface RawTree {
  split_feature: number[];
  threshold: number[];
  default_left: boolean[];
  missing_type: string[];
  left_child: number[];
  right_child: number[];
  internal_count: number[];
  leaf_value: number[];
  leaf_count: number[];
}

export interface RawTrees {
  format: string;
  feature_count: number;
  feature_names: string[];
  trees: RawTree[];
}

export class TreesFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TreesFormatError';
  }
}

/** The whole ensemble as flat arrays; leaves have feature === -1. */
export interface TreeEnsemble {
  featureCount: number;
  featureNames: string[];
  treeCount: number;
  /** Global index of each tree's root. */
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  defaultLeft: Uint8Array;
  missingType: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  /** Training cover (internal_count / leaf_count). */
  cover: Float64Array;
  /** Leaf output (0 for internal nodes). */
  value: Float64Array;
  /** Expected value of each tree under its covers. */
  expected: Float64Array;
  /** Largest number of internal nodes on a root-to-leaf path. */
  maxDepth: number;
}

/** LightGBM's NumericalDecision: true when `x` goes to the left child of `node`. */
export function goesLeft(e: TreeEnsemble, node: number, x: number): boolean {
  const missing = e.missingType[node];
  let v = x;
  if (Number.isNaN(v) && missing !== MISSING_NAN) v = 0;
  if ((missing === MISSING_ZERO && v >= -ZERO_THRESHOLD && v <= ZERO_THRESHOLD) || (missing === MISSING_NAN && Number.isNaN(v))) {
    return e.defaultLeft[node] === 1;
  }
  return v <= e.threshold[node]!;
}

/** Raw score (log-odds) of one row: the sum of the leaf values reached. */
export function predictRaw(e: TreeEnsemble, x: ArrayLike<number>): number {
  let sum = 0;
  for (let t = 0; t < e.treeCount; t++) {
    let node = e.roots[t]!;
    while (e.feature[node]! >= 0) {
      node = goesLeft(e, node, x[e.feature[node]!]!) ? e.left[node]! : e.right[node]! ;
    }
    sum += e.value[node]!;
  }
  return sum;
}

function missingCode(raw: string, where: string): number {
  if (raw === 'None') return MISSING_NONE;
  if (raw === 'Zero') return MISSING_ZERO;
  if (raw === 'NaN') return MISSING_NAN;
  throw new TreesFormatError(`${where}: missing_type must be "None", "Zero" or "NaN", got ${JSON.stringify(raw)}`);
}

function checkArray(tree: Record<string, unknown>, key: string, length: number, where: string): unknown[] {
  const value = tree[key];
  if (!Array.isArray(value) || value.length !== length) {
    throw new TreesFormatError(`${where}: ${key} must be an array of ${length} entries`);
  }
  return value;
}

function finite(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TreesFormatError(`${where} must be a finite number, got ${JSON.stringify(value)}`);
  return value;
}

function countNodes(trees: RawTree[]): number {
  let total = 0;
  for (const tree of trees) total += tree.split_feature.length + tree.leaf_value.length;
  return total;
}

/** Parse and check trees.json; throws TreesFormatError naming the tree and field. */
export function buildEnsemble(raw: unknown): TreeEnsemble {
  const doc = raw as Partial<RawTrees> | null;
  if (!doc || typeof doc !== 'object') throw new TreesFormatError('not a JSON object');
  if (doc.format !== 'lightgbm-trees/1') throw new TreesFormatError(`format must be "lightgbm-trees/1", got ${JSON.stringify(doc.format)}`);
  const featureCount = doc.feature_count;
  if (typeof featureCount !== 'number' || !Number.isInteger(featureCount) || featureCount < 1) throw new TreesFormatError('feature_count must be a positive integer');
  if (!Array.isArray(doc.feature_names) || doc.feature_names.length !== featureCount) throw new TreesFormatError('feature_names must list feature_count names');
  if (!Array.isArray(doc.trees) || doc.trees.length === 0) throw new TreesFormatError('trees must be a non-empty array');

  doc.trees.forEach((tree, t) => {
    const where = `tree ${t}`;
    if (!tree || typeof tree !== 'object') throw new TreesFormatError(`${where} is not an object`);
    const rec = tree as unknown as Record<string, unknown>;
    const nInternal = Array.isArray(rec['split_feature']) ? (rec['split_feature'] as unknown[]).length : -1;
    if (nInternal < 0) throw new TreesFormatError(`${where}: split_feature must be an array`);
    for (const key of ['threshold', 'default_left', 'missing_type', 'left_child', 'right_child', 'internal_count']) checkArray(rec, key, nInternal, where);
    for (const key of ['leaf_value', 'leaf_count']) checkArray(rec, key, nInternal + 1, where);
  });

  const trees = doc.trees;
  const total = countNodes(trees);
  const e: TreeEnsemble = {
    featureCount,
    featureNames: doc.feature_names.map(String),
    treeCount: trees.length,
    roots: new Int32Array(trees.length),
    feature: new Int32Array(total).fill(-1),
    threshold: new Float64Array(total),
    defaultLeft: new Uint8Array(total),
    missingType: new Uint8Array(total),
    left: new Int32Array(total).fill(-1),
    right: new Int32Array(total).fill(-1),
    cover: new Float64Array(total),
    value: new Float64Array(total),
    expected: new Float64Array(trees.length),
    maxDepth: 0,
  };
  let base = 0;
  trees.forEach((tree, t) => {
    fillTree(e, tree, t, base);
    base += tree.split_feature.length + tree.leaf_value.length;
  });
  return e;
}

function fillTree(e: TreeEnsemble, tree: RawTree, t: number, base: number): void {
  const nInternal = tree.split_feature.length;
  const nLeaves = tree.leaf_value.length;
  const where = `tree ${t}`;
  const globalChild = (c: number, field: string): number => {
    if (!Number.isInteger(c)) throw new TreesFormatError(`${where}: ${field} entries must be integers`);
    if (c >= 0 && c < nInternal) return base + c;
    const leaf = -c - 1;
    if (c < 0 && leaf < nLeaves) return base + nInternal + leaf;
    throw new TreesFormatError(`${where}: ${field} refers to missing node ${c}`);
  };
  for (let i = 0; i < nInternal; i++) {
    const g = base + i;
    const f = tree.split_feature[i]!;
    if (!Number.isInteger(f) || f < 0 || f >= e.featureCount) throw new TreesFormatError(`${where}: split_feature[${i}] = ${f} is out of range`);
    e.feature[g] = f;
    e.threshold[g] = finite(tree.threshold[i], `${where}: threshold[${i}]`);
    e.defaultLeft[g] = tree.default_left[i] === true ? 1 : 0;
    e.missingType[g] = missingCode(tree.missing_type[i]!, `${where}: missing_type[${i}]`);
    e.left[g] = globalChild(tree.left_child[i]!, 'left_child');
    e.right[g] = globalChild(tree.right_child[i]!, 'right_child');
    e.cover[g] = finite(tree.internal_count[i], `${where}: internal_count[${i}]`);
  }
  for (let j = 0; j < nLeaves; j++) {
    const g = base + nInternal + j;
    e.value[g] = finite(tree.leaf_value[j], `${where}: leaf_value[${j}]`);
    e.cover[g] = finite(tree.leaf_count[j], `${where}: leaf_count[${j}]`);
  }
  e.roots[t] = base;
  e.maxDepth = Math.max(e.maxDepth, checkShape(e, base, nInternal + nLeaves, where));
  e.expected[t] = expectedValue(e, base, nInternal, nLeaves);
}

/** Every node reached exactly once from the root (a tree, not a DAG); returns the depth. */
function checkShape(e: TreeEnsemble, root: number, size: number, where: string): number {
  const seen = new Uint8Array(size);
  let maxDepth = 0;
  const stack: Array<[number, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (seen[node - root] === 1) throw new TreesFormatError(`${where}: node reached twice (not a tree)`);
    seen[node - root] = 1;
    if (e.feature[node]! >= 0) {
      stack.push([e.left[node]!, depth + 1], [e.right[node]!, depth + 1]);
    } else {
      maxDepth = Math.max(maxDepth, depth);
    }
  }
  if (seen.includes(0)) throw new TreesFormatError(`${where}: some nodes are unreachable from the root`);
  return maxDepth;
}

/** LightGBM's Tree::ExpectedValue: leaf values weighted by leaf_count / root count. */
function expectedValue(e: TreeEnsemble, base: number, nInternal: number, nLeaves: number): number {
  if (nInternal === 0) return e.value[base]!;
  const total = e.cover[base]!;
  let sum = 0;
  for (let j = 0; j < nLeaves; j++) sum += (e.cover[base + nInternal + j]! / total) * e.value[base + nInternal + j]!;
  return sum;
}
