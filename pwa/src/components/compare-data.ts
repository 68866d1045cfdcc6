/** Builds the data of the comparison charts from population.json, the client and the catalogue. */
import type { ClientDetail, Explanation, Population } from '../api/types.js';
import type { DistributionData } from '../charts/distribution.js';
import type { ScatterData } from '../charts/scatter.js';
import type { Locale } from '../i18n/messages.js';
import { categoryNames, featureLabel, valueText, type FeatureIndex } from './feature-meta.js';

/** Features that have a histogram, the client's most influential first. */
export function distributionChoices(population: Population, explanation: Explanation): string[] {
  const available = new Set(Object.keys(population.features));
  const byInfluence = explanation.contributions.map((c) => c.feature).filter((f) => available.has(f));
  const rest = Object.keys(population.features).filter((f) => !byInfluence.includes(f));
  return [...byInfluence, ...rest];
}

/** Sample features, the client's most influential first; the default pair is the first two. */
export function scatterChoices(population: Population, explanation: Explanation): string[] {
  const inSample = population.sample.features;
  const rank = new Map(explanation.contributions.map((c, i) => [c.feature, i]));
  return [...inSample].sort((a, b) => (rank.get(a) ?? 1e9) - (rank.get(b) ?? 1e9));
}

export function distributionData(
  feature: string, population: Population, client: ClientDetail, index: FeatureIndex, locale: Locale,
): DistributionData | null {
  const dist = population.features[feature];
  if (!dist) return null;
  const info = index.get(feature);
  const value = client.features[feature] ?? null;
  const categories = categoryNames(info, locale) ?? undefined;
  return {
    label: featureLabel(index, feature, locale),
    edges: dist.histogram.edges,
    repaid: dist.histogram.repaid,
    defaulted: dist.histogram.defaulted,
    clientValue: value,
    clientDisplay: value === null ? undefined : valueText(info, value, locale),
    categories,
  };
}

export function scatterData(
  xFeature: string, yFeature: string, population: Population, client: ClientDetail, probability: number, threshold: number, index: FeatureIndex,
  locale: Locale,
): ScatterData {
  const s = population.sample;
  const xi = s.features.indexOf(xFeature);
  const yi = s.features.indexOf(yFeature);
  return {
    xLabel: featureLabel(index, xFeature, locale),
    yLabel: featureLabel(index, yFeature, locale),
    threshold,
    // The API serves the sample without client ids or outcomes: points are numbered, not named.
    points: s.values.map((_, i) => ({
      id: i + 1,
      x: xi >= 0 ? (s.values[i]?.[xi] ?? null) : null,
      y: yi >= 0 ? (s.values[i]?.[yi] ?? null) : null,
      probability: s.probability[i] ?? 0,
    })),
    client: { x: client.features[xFeature] ?? null, y: client.features[yFeature] ?? null, probability },
  };
}
