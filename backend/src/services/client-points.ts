/**
 * Every stored client matching the list's filters as points of a bivariate chart: id, two model
 * inputs and the probability, in columns (about 30 bytes a client instead of a list row's 300).
 */
import type { ClientListQuery } from '../schemas/queries.js';
import type { ClientQuery, ClientSummary } from '../store/clients.js';
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
  /** True when the points are a sample of the matching clients (a book larger than `maxPoints`). */
  sampled: boolean;
}

export const pointsDefaults = {
  /** Probabilities are shown as whole percents; four decimals keep the order without the bulk. */
  probabilityDecimals: 4,
  /**
   * Above this many clients the chart shows the matching clients of evenly spaced chunks of the store
   * (about 600 KB of JSON; a scatter of more is no more readable, and every point read verifies its chunk).
   */
  maxPoints: 20_000,
};

/** The sample's ids that the review filter (only these / all but these) keeps. */
function restrict(sample: number[], filter: ClientQuery['ids']): { only: true; ids: string[] } {
  if (!filter) return { only: true, ids: sample.map(String) };
  const listed = new Set(filter.ids.map(Number));
  return { only: true, ids: sample.filter((id) => listed.has(id) === filter.only).map(String) };
}

/** Applies `filters` like GET /v1/clients (decision at the model threshold), in id order. */
export function clientPoints(model: ModelContext, x: string, y: string, filters: ClientListQuery): ClientPoints {
  const { decision, ...rest } = filters;
  const query = { ...rest, ...decisionBounds(decision, model.threshold) };
  const base = { ...query, offset: 0, sort: 'id' as const, descending: false };
  const sampled = model.store.size > pointsDefaults.maxPoints;
  let items: ClientSummary[];
  let total: number;
  if (!sampled) {
    ({ items, total } = model.store.list({ ...base, limit: Math.max(1, model.store.size) }));
  } else {
    total = model.store.list({ ...base, limit: 0 }).total;
    items = model.store.list({ ...base, ids: restrict(model.store.chunkSample(pointsDefaults.maxPoints), query.ids), limit: pointsDefaults.maxPoints }).items;
  }
  const xi = model.featureIndex.get(x)!;
  const yi = model.featureIndex.get(y)!;
  const scale = 10 ** pointsDefaults.probabilityDecimals;
  const out: ClientPoints = { x, y, total, threshold: model.threshold, id: [], x_values: [], y_values: [], probability: [], sampled };
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
