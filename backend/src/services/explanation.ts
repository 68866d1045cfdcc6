/**
 * Turns SHAP values into the Explanation body of the API: every contribution
 * sorted by |shap|, the top N with phrases, and the rest summed.
 */
import type { Explanation as ShapResult } from '../runtime/shap.js';
import type { ModelContext } from './model-context.js';
import { directionOf, displayValue, float32Value, phrase, type Direction } from './phrases.js';
import { decide, type Decision } from './decision.js';

export interface Contribution {
  feature: string;
  label: string;
  value: number | null;
  shap: number;
}

export interface TopContribution extends Contribution {
  display_value: string;
  direction: Direction;
  phrase: string;
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
}

/** Feature indices by decreasing |shap|; ties keep model-input order so output is stable. */
export function rankByImpact(shap: Float64Array): number[] {
  const order = Array.from(shap, (_, i) => i);
  order.sort((a, b) => Math.abs(shap[b]!) - Math.abs(shap[a]!) || a - b);
  return order;
}

function contribution(model: ModelContext, x: ArrayLike<number>, shap: Float64Array, i: number): Contribution {
  const feature = model.features[i]!;
  return { feature: feature.name, label: feature.label, value: float32Value(x[i]!), shap: shap[i]! };
}

function topContribution(model: ModelContext, x: ArrayLike<number>, shap: Float64Array, i: number): TopContribution {
  const feature = model.features[i]!;
  const value = x[i]!;
  return {
    ...contribution(model, x, shap, i),
    display_value: displayValue(feature, value),
    direction: directionOf(shap[i]!),
    phrase: phrase(feature, value, shap[i]!, model.medians[i]!),
  };
}

/** base_value, log_odds and the top N contributions (for batch results). */
export function compactExplanation(model: ModelContext, x: ArrayLike<number>, result: ShapResult, rawScore: number, top: number): CompactExplanation {
  const order = rankByImpact(result.shap);
  return {
    base_value: result.baseValue,
    log_odds: rawScore,
    top: order.slice(0, top).map((i) => topContribution(model, x, result.shap, i)),
  };
}

/** The full Explanation of one client (or one what-if variant). */
export function fullExplanation(
  model: ModelContext, id: number, x: ArrayLike<number>, result: ShapResult, probability: number, rawScore: number, top: number,
): ExplanationBody {
  const order = rankByImpact(result.shap);
  let restSum = 0;
  for (const i of order.slice(top)) restSum += result.shap[i]!;
  return {
    id,
    model_version: model.modelVersion,
    probability,
    decision: decide(probability, model.threshold),
    threshold: model.threshold,
    base_value: result.baseValue,
    log_odds: rawScore,
    contributions: order.map((i) => contribution(model, x, result.shap, i)),
    top: order.slice(0, top).map((i) => topContribution(model, x, result.shap, i)),
    rest: { count: Math.max(0, order.length - top), shap_sum: restSum },
  };
}
