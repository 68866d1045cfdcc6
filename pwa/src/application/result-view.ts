/**
 * What the result of a new application needs from the stored-client views: reason groups in
 * reading order, and the shapes the comparison panel reads (model inputs, contributions).
 */
import type { ApplicationScore, ReasonGroup, RawValue } from '../api/application-types.js';
import type { ClientDetail, Explanation, FeatureInfo } from '../api/types.js';
import { categoryNames } from '../components/feature-meta.js';

/** Groups by how much they move the probability, largest first (ties keep the API's order). */
export function orderedGroups(groups: ReasonGroup[]): ReasonGroup[] {
  return groups.map((g, i) => [g, i] as const).sort(([a, i], [b, j]) => Math.abs(b.points) - Math.abs(a.points) || i - j).map(([g]) => g);
}

/**
 * A served input as the population statistics hold it: numbers as they are, a category text as
 * its model code (population.json keeps codes), anything unknown as missing.
 */
export function inputNumber(value: RawValue, info: FeatureInfo | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || !info) return null;
  const names = categoryNames(info, 'en');
  const code = names?.indexOf(value) ?? -1;
  return code >= 0 ? code : null;
}

/** The comparison panel reads `features` of a client and the ranking of contributions. */
export function comparable(score: ApplicationScore, index: Map<string, FeatureInfo>): { client: ClientDetail; explanation: Explanation } {
  const features = Object.fromEntries(Object.entries(score.inputs).map(([k, v]) => [k, inputNumber(v, index.get(k))]));
  const contributions = [...(score.explanation?.contributions ?? [])]
    .sort((a, b) => Math.abs(b.shap) - Math.abs(a.shap))
    .map((c) => ({ feature: c.feature, label: c.label, label_fr: c.label_fr, value: typeof c.value === 'number' ? c.value : null, shap: c.shap }));
  // Only `features` and the contributions are read by the panel; the other fields are neutral.
  const client = { id: 0, features } as unknown as ClientDetail;
  const explanation = { contributions, top: [] } as unknown as Explanation;
  return { client, explanation };
}
