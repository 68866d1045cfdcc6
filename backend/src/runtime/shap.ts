/**
 * Exact path-dependent TreeSHAP (Lundberg et al. 2018, Algorithm 2, with
 * EXTEND / UNWIND), written to match LightGBM's `pred_contrib`: same decision
 * rule, same covers, same expected value per tree.
 *
 * The path is kept in four preallocated typed arrays; each recursion level
 * works on its own segment, so an explanation allocates nothing but its output.
 */
import { goesLeft, type TreeEnsemble } from './trees.js';

export interface Explanation {
  /** Expected value of the model (log-odds): sum of the trees' expected values. */
  baseValue: number;
  /** One contribution per feature, in log-odds. */
  shap: Float64Array;
}

const EMPTY = new Float64Array(0);

export class TreeShap {
  readonly ensemble: TreeEnsemble;
  readonly baseValue: number;
  private readonly pathFeature: Int32Array;
  private readonly pathZero: Float64Array;
  private readonly pathOne: Float64Array;
  private readonly pathWeight: Float64Array;
  // Always a Float64Array: one element kind keeps the hot recursion monomorphic.
  private x: Float64Array = EMPTY;
  private phi: Float64Array = new Float64Array(0);

  constructor(ensemble: TreeEnsemble) {
    this.ensemble = ensemble;
    let base = 0;
    for (let t = 0; t < ensemble.treeCount; t++) base += ensemble.expected[t]!;
    this.baseValue = base;
    // Segments for depths 0..D+1 laid end to end: sum of (d + 1) for d <= D + 1.
    const size = ((ensemble.maxDepth + 2) * (ensemble.maxDepth + 3)) / 2 + 1;
    this.pathFeature = new Int32Array(size);
    this.pathZero = new Float64Array(size);
    this.pathOne = new Float64Array(size);
    this.pathWeight = new Float64Array(size);
  }

  /** SHAP values of one row (NaN = missing). Synchronous and not re-entrant. */
  explain(x: ArrayLike<number>): Explanation {
    const e = this.ensemble;
    if (x.length !== e.featureCount) throw new RangeError(`expected ${e.featureCount} features, got ${x.length}`);
    this.x = x instanceof Float64Array ? x : Float64Array.from(x);
    this.phi = new Float64Array(e.featureCount);
    for (let t = 0; t < e.treeCount; t++) {
      const root = e.roots[t]!;
      if (e.feature[root]! >= 0) this.recurse(root, 0, 0, 1, 1, -1);
    }
    const out = { baseValue: this.baseValue, shap: this.phi };
    this.x = EMPTY;
    return out;
  }

  private recurse(node: number, depth: number, parentOffset: number, zeroFraction: number, oneFraction: number, featureIndex: number): void {
    const e = this.ensemble;
    const pf = this.pathFeature;
    const pz = this.pathZero;
    const po = this.pathOne;
    const pw = this.pathWeight;
    const offset = parentOffset + depth;
    // Plain loops: paths are a few elements long, where copyWithin's call overhead dominates.
    for (let i = 0; i < depth; i++) {
      pf[offset + i] = pf[parentOffset + i]!;
      pz[offset + i] = pz[parentOffset + i]!;
      po[offset + i] = po[parentOffset + i]!;
      pw[offset + i] = pw[parentOffset + i]!;
    }
    this.extend(offset, depth, zeroFraction, oneFraction, featureIndex);

    const split = e.feature[node]!;
    if (split < 0) {
      const leafValue = e.value[node]!;
      for (let i = 1; i <= depth; i++) {
        const w = this.unwoundSum(offset, depth, i);
        this.phi[pf[offset + i]!]! += w * (po[offset + i]! - pz[offset + i]!) * leafValue;
      }
      return;
    }

    const left = e.left[node]!;
    const right = e.right[node]!;
    const hot = goesLeft(e, node, this.x[split]!) ? left : right;
    const cold = hot === left ? right : left;
    const cover = e.cover[node]!;
    let incomingZero = 1;
    let incomingOne = 1;
    let uniqueDepth = depth;
    // A feature already on the path is unwound so this split can redo it.
    let pathIndex = 0;
    while (pathIndex <= uniqueDepth && pf[offset + pathIndex] !== split) pathIndex++;
    if (pathIndex !== uniqueDepth + 1) {
      incomingZero = pz[offset + pathIndex]!;
      incomingOne = po[offset + pathIndex]!;
      this.unwind(offset, uniqueDepth, pathIndex);
      uniqueDepth -= 1;
    }
    this.recurse(hot, uniqueDepth + 1, offset, (e.cover[hot]! / cover) * incomingZero, incomingOne, split);
    this.recurse(cold, uniqueDepth + 1, offset, (e.cover[cold]! / cover) * incomingZero, 0, split);
  }

  private extend(o: number, depth: number, zero: number, one: number, feature: number): void {
    const pw = this.pathWeight;
    this.pathFeature[o + depth] = feature;
    this.pathZero[o + depth] = zero;
    this.pathOne[o + depth] = one;
    pw[o + depth] = depth === 0 ? 1 : 0;
    for (let i = depth - 1; i >= 0; i--) {
      pw[o + i + 1]! += (one * pw[o + i]! * (i + 1)) / (depth + 1);
      pw[o + i] = (zero * pw[o + i]! * (depth - i)) / (depth + 1);
    }
  }

  private unwind(o: number, depth: number, pathIndex: number): void {
    const pw = this.pathWeight;
    const one = this.pathOne[o + pathIndex]!;
    const zero = this.pathZero[o + pathIndex]!;
    let nextOne = pw[o + depth]!;
    for (let i = depth - 1; i >= 0; i--) {
      if (one !== 0) {
        const tmp = pw[o + i]!;
        pw[o + i] = (nextOne * (depth + 1)) / ((i + 1) * one);
        nextOne = tmp - (pw[o + i]! * zero * (depth - i)) / (depth + 1);
      } else {
        pw[o + i] = (pw[o + i]! * (depth + 1)) / (zero * (depth - i));
      }
    }
    for (let i = pathIndex; i < depth; i++) {
      this.pathFeature[o + i] = this.pathFeature[o + i + 1]!;
      this.pathZero[o + i] = this.pathZero[o + i + 1]!;
      this.pathOne[o + i] = this.pathOne[o + i + 1]!;
    }
  }

  private unwoundSum(o: number, depth: number, pathIndex: number): number {
    const pw = this.pathWeight;
    const one = this.pathOne[o + pathIndex]!;
    const zero = this.pathZero[o + pathIndex]!;
    let total = 0;
    if (one !== 0) {
      let nextOne = pw[o + depth]!;
      for (let i = depth - 1; i >= 0; i--) {
        const tmp = nextOne / ((i + 1) * one);
        total += tmp;
        nextOne = pw[o + i]! - tmp * zero * (depth - i);
      }
    } else {
      for (let i = depth - 1; i >= 0; i--) total += pw[o + i]! / (zero * (depth - i));
    }
    return total * (depth + 1);
  }
}
