/**
 * The loaded model as services see it: feature catalogue, decision threshold,
 * population medians for phrases, the scorer, the explainer and the store.
 */
import type { Scorer } from '../runtime/onnx.js';
import type { TreeShap } from '../runtime/shap.js';
import type { Artifacts, FeatureInfo, Manifest } from '../store/artifacts.js';
import type { ClientStore } from '../store/clients.js';

export interface ModelContext {
  manifest: Manifest;
  modelVersion: string;
  threshold: number;
  features: FeatureInfo[];
  featureCount: number;
  featureIndex: Map<string, number>;
  /** Population median of each feature (NaN when population.json has none). */
  medians: Float64Array;
  scorer: Scorer;
  explainer: TreeShap;
  store: ClientStore;
}

/** Median (level 0.5) of each feature from population.json quantiles.all. */
export function populationMedians(population: Record<string, unknown>, features: FeatureInfo[]): Float64Array {
  const medians = new Float64Array(features.length).fill(Number.NaN);
  const levels = population['quantile_levels'];
  const perFeature = population['features'] as Record<string, { quantiles?: { all?: unknown } }> | undefined;
  if (!Array.isArray(levels) || !perFeature || typeof perFeature !== 'object') return medians;
  const at = levels.findIndex((l) => Math.abs(Number(l) - 0.5) < 1e-9);
  if (at < 0) return medians;
  features.forEach((f, i) => {
    const all = perFeature[f.name]?.quantiles?.all;
    const value = Array.isArray(all) ? all[at] : undefined;
    if (typeof value === 'number' && Number.isFinite(value)) medians[i] = value;
  });
  return medians;
}

export function buildModelContext(artifacts: Artifacts, scorer: Scorer, explainer: TreeShap, store: ClientStore): ModelContext {
  return {
    manifest: artifacts.manifest,
    modelVersion: artifacts.manifest.model_version,
    threshold: artifacts.manifest.threshold,
    features: artifacts.features,
    featureCount: artifacts.features.length,
    featureIndex: new Map(artifacts.features.map((f, i) => [f.name, i])),
    medians: populationMedians(artifacts.population, artifacts.features),
    scorer,
    explainer,
    store,
  };
}
