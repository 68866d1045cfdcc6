/**
 * Turns SHAP values into the Explanation body of the API: every contribution
 * sorted by |shap|, the top N with phrases, and the rest summed. Labels and
 * phrases come in English (`label`, `phrase`) and French (`label_fr`, `phrase_fr`).
 */
import type { Explanation as ShapResult } from '../runtime/shap.js';
import type { ModelContext } from './model-context.js';
import { directionOf, displayValue, float32Value, phrase, type Direction } from './phrases.js';
import { decide, type Decision } from './decision.js';
import { reasonGroups, type ReasonGroup } from './reason-groups.js';

export interface Contribution {
  feature: string;
  label: string;
  label_fr: string;
  value: number | null;
  shap: number;
}

export interface TopContribution extends Contribution {
  display_value: string;
  direction: Direction;
  phrase: string;
  phrase_fr: string;
}

export interface CompactExplanation {
  base_value: number;
  log_odds: number;
  top: TopContribution[];
}

export interface ExplanationBody extends CompactExplanation {
  id: number;
  model_version: string;
  probability: number;
  decision: Decision;
  threshold: number;
  contributions: Contribution[];
  rest: { count: number; shap_sum: number };
  /** The reasons a person recognises (features.json groups), additive in log-odds and in probability points. */
  groups: ReasonGroup[];
}

/** Feature indices by decreasing |shap|; ties keep model-input order so output is stable. */
export function rankByImpact(shap: Float64Array): number[] {
  const order = Array.from(shap, (_, i) => i);
  order.sort((a, b) => Math.abs(shap[b]!) - Math.abs(shap[a]!) || a - b);
  return order;
}

/**
 * The part of an explanation that depends only on the model inputs: SHAP values, their
 * ranking and the inputs as printed. A stored client's never changes, so it can be kept.
 */
export interface PreparedExplanation {
  result: ShapResult;
  /** Feature indices by decreasing |shap|. */
  order: Uint16Array;
  /** Each input as printed (shortest float32 decimal); NaN = missing. */
  values: Float64Array;
}

export function prepareExplanation(x: ArrayLike<number>, result: ShapResult): PreparedExplanation {
  const values = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) values[i] = float32Value(x[i]!) ?? Number.NaN;
  return { result, order: Uint16Array.from(rankByImpact(result.shap)), values };
}

function contribution(model: ModelContext, values: Float64Array, shap: Float64Array, i: number): Contribution {
  const feature = model.features[i]!;
  const value = values[i]!;
  return { feature: feature.name, label: feature.label, label_fr: feature.label_fr, value: Number.isNaN(value) ? null : value, shap: shap[i]! };
}

// Built field by field (no spread of the contribution): this runs on every explanation request.
function topContribution(model: ModelContext, x: ArrayLike<number>, c: Contribution, i: number): TopContribution {
  const feature = model.features[i]!;
  const value = x[i]!;
  const median = model.medians[i]!;
  return {
    feature: c.feature,
    label: c.label,
    label_fr: c.label_fr,
    value: c.value,
    shap: c.shap,
    display_value: displayValue(feature, value),
    direction: directionOf(c.shap),
    phrase: phrase(feature, value, c.shap, median),
    phrase_fr: phrase(feature, value, c.shap, median, 'fr'),
  };
}

/** base_value, log_odds and the top N contributions (for batch results). */
export function compactExplanation(model: ModelContext, x: ArrayLike<number>, result: ShapResult, rawScore: number, top: number): CompactExplanation {
  const order = rankByImpact(result.shap).slice(0, top);
  const values = new Float64Array(x.length);
  for (const i of order) values[i] = float32Value(x[i]!) ?? Number.NaN;
  return {
    base_value: result.baseValue,
    log_odds: rawScore,
    top: order.map((i) => topContribution(model, x, contribution(model, values, result.shap, i), i)),
  };
}

/** The full Explanation of one client (or one what-if variant). */
export function fullExplanation(
  model: ModelContext, id: number, x: ArrayLike<number>, prepared: PreparedExplanation, probability: number, rawScore: number, top: number,
): ExplanationBody {
  const { result, order, values } = prepared;
  const contributions = Array.from(order, (i) => contribution(model, values, result.shap, i));
  const shown = Math.min(top, order.length);
  const topEntries: TopContribution[] = [];
  for (let k = 0; k < shown; k++) topEntries.push(topContribution(model, x, contributions[k]!, order[k]!));
  let restSum = 0;
  for (let k = shown; k < order.length; k++) restSum += result.shap[order[k]!]!;
  return {
    id,
    model_version: model.modelVersion,
    probability,
    decision: decide(probability, model.threshold),
    threshold: model.threshold,
    base_value: result.baseValue,
    log_odds: rawScore,
    contributions,
    top: topEntries,
    rest: { count: Math.max(0, order.length - top), shap_sum: restSum },
    groups: reasonGroups(model, result.shap, result.baseValue, probability),
  };
}
