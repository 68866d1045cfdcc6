/** Model and population documents served from precomputed bodies with ETags. */
import type Router from '@koa/router';
import type { AppDeps } from '../app-types.js';
import type { Guard } from '../auth/guard.js';
import { sendStaticDoc, staticDoc, type StaticDoc } from '../http/static-doc.js';

const NESTED_CV_KEYS = ['auc_mean', 'auc_std', 'cost_per_1000', 'recall', 'precision'] as const;

/** GET /v1/model: summary of the served model, from manifest, metrics.json and features.json. */
export function modelSummary(deps: AppDeps): Record<string, unknown> {
  const { manifest, features } = deps.artifacts;
  const chosen = deps.artifacts.metrics['chosen'] as { nested_cv?: Record<string, unknown> } | undefined;
  const nested = chosen?.nested_cv ?? {};
  const metrics = Object.fromEntries(NESTED_CV_KEYS.map((k) => [k, typeof nested[k] === 'number' ? nested[k] : null]));
  return {
    model_version: manifest.model_version,
    trained_at: manifest.trained_at,
    threshold: manifest.threshold,
    cost: { fn_cost: manifest.cost.fn_cost, fp_cost: manifest.cost.fp_cost },
    metrics,
    feature_count: manifest.feature_count,
    features,
  };
}

/**
 * The population sample serves feature values and model probabilities only: the client ids and
 * outcomes of the artifact would let anyone with clients:read name the clients who defaulted.
 */
export function publicPopulation(population: Record<string, unknown>): Record<string, unknown> {
  const sample = population['sample'] as Record<string, unknown> | undefined;
  if (sample === undefined) return population;
  const { ids: _ids, target: _target, ...kept } = sample;
  return { ...population, sample: kept };
}

/** Any signed-in user may read these: aggregates and model documents, no client id, no outcome. */
export function staticDocRoutes(router: Router, deps: AppDeps, auth: Guard): void {
  const docs: Array<[string, StaticDoc]> = [
    ['/v1/model', staticDoc(modelSummary(deps))],
    ['/v1/model/metrics', staticDoc(deps.artifacts.metrics)],
    ['/v1/model/fairness', staticDoc(deps.artifacts.fairness)],
    ['/v1/model/drift', staticDoc(deps.artifacts.drift)],
    ['/v1/population/stats', staticDoc(publicPopulation(deps.artifacts.population as unknown as Record<string, unknown>))],
    ['/v1/population/importance', staticDoc(deps.artifacts.importance)],
  ];
  for (const [path, doc] of docs) {
    router.get(path, auth.need('signed-in'), (ctx) => sendStaticDoc(ctx, doc));
  }
}
