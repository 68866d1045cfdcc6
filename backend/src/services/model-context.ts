/**
 * The loaded model as services see it: feature catalogue, decision threshold,
 * population medians for phrases, the scorer, the explainer and the store.
 */
import type { Scorer } from '../runtime/onnx.js';
import type { TreeShap } from '../runtime/shap.js';
import type { Artifacts, FeatureInfo, GroupInfo, Manifest } from '../store/artifacts.js';
import type { ClientStore } from '../store/clients.js';

export interface ModelContext {
  manifest: Manifest;
  modelVersion: string;
  threshold: number;
  features: FeatureInfo[];
  featureCount: number;
  featureIndex: Map<string, number>;
  /** Reason groups, and the group index of each feature. */
  groups: GroupInfo[];
  groupOf: Uint16Array;
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

/** Group index of each feature; a feature without a group gets its own (named after it). */
export function groupIndex(features: FeatureInfo[], groups: GroupInfo[]): { groups: GroupInfo[]; groupOf: Uint16Array } {
  const all = [...groups];
  const at = new Map(all.map((g, i) => [g.group, i]));
  const groupOf = new Uint16Array(features.length);
  features.forEach((f, i) => {
    const id = f.group ?? f.name;
    if (!at.has(id)) {
      at.set(id, all.length);
      all.push({ group: id, label: f.label, label_fr: f.label_fr });
    }
    groupOf[i] = at.get(id)!;
  });
  return { groups: all, groupOf };
}

export function buildModelContext(artifacts: Pick<Artifacts, 'manifest' | 'features' | 'population'> & Partial<Pick<Artifacts, 'groups'>>,
  scorer: Scorer, explainer: TreeShap, store: ClientStore): ModelContext {
  return {
    ...groupIndex(artifacts.features, artifacts.groups ?? []),
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
