/**
 * Every stored client matching the list's filters as points of a bivariate chart: id, two model
 * inputs and the probability, in columns (about 30 bytes a client instead of a list row's 300).
 */
import type { ClientListQuery } from '../schemas/queries.js';
import { decisionBounds } from './decision.js';
import type { ModelContext } from './model-context.js';
import { float32Value } from './phrases.js';

export interface ClientPoints {
  x: string;
  y: string;
  total: number;
  threshold: number;
  id: number[];
  x_values: Array<number | null>;
  y_values: Array<number | null>;
  probability: number[];
}

export const pointsDefaults = {
  /** Probabilities are shown as whole percents; four decimals keep the order without the bulk. */
  probabilityDecimals: 4,
};

/** Applies `filters` like GET /v1/clients (decision at the model threshold), in id order. */
export function clientPoints(model: ModelContext, x: string, y: string, filters: ClientListQuery): ClientPoints {
  const { decision, ...rest } = filters;
  const query = { ...rest, ...decisionBounds(decision, model.threshold) };
  const { items, total } = model.store.list({ ...query, limit: Math.max(1, model.store.size), offset: 0, sort: 'id', descending: false });
  const xi = model.featureIndex.get(x)!;
  const yi = model.featureIndex.get(y)!;
  const scale = 10 ** pointsDefaults.probabilityDecimals;
  const out: ClientPoints = { x, y, total, threshold: model.threshold, id: [], x_values: [], y_values: [], probability: [] };
  for (const item of items) {
    const vector = model.store.vector(item.id);
    if (!vector) continue;
    out.id.push(item.id);
    out.x_values.push(float32Value(vector[xi]!));
    out.y_values.push(float32Value(vector[yi]!));
    out.probability.push(Math.round(item.probability * scale) / scale);
  }
  return out;
}
