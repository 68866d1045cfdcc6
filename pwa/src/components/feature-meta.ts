/** Feature metadata helpers: labels, category names and readable values. */
import type { FeatureInfo } from '../api/types.js';
import { localLabel } from '../i18n/feature-text.js';
import { formatValue } from '../i18n/format.js';
import { messages, type Locale } from '../i18n/messages.js';

export type FeatureIndex = Map<string, FeatureInfo>;

export function indexFeatures(features: FeatureInfo[] | undefined): FeatureIndex {
  return new Map((features ?? []).map((f) => [f.name, f]));
}

/** The catalogue's label of a feature in the interface language, or its raw name when unknown. */
export function featureLabel(index: FeatureIndex, name: string, locale: Locale): string {
  const info = index.get(name);
  return info ? localLabel(info, locale) : name;
}

/**
 * Give entries that carry only an English label (importance.json, drift.json) the catalogue's
 * French label, matched by feature name.
 */
export function withCatalogueLabels<T extends { name: string; label: string }>(items: T[], index: FeatureIndex): (T & { label_fr?: string })[] {
  return items.map((item) => {
    const labelFr = index.get(item.name)?.label_fr;
    return labelFr ? { ...item, label_fr: labelFr } : item;
  });
}

/** Names of the codes of a category feature (array or {code: name} map), or yes/no for binary ones. */
export function categoryNames(info: FeatureInfo | undefined, locale: Locale): string[] | null {
  if (!info) return null;
  if (info.type === 'binary') return [messages(locale).units.no, messages(locale).units.yes];
  if (info.type !== 'category' || !info.categories) return null;
  if (Array.isArray(info.categories)) return info.categories;
  const entries = Object.entries(info.categories).map(([code, name]) => [Number(code), name] as const);
  const size = Math.max(...entries.map(([code]) => code)) + 1;
  const names = Array.from({ length: size }, (_, i) => String(i));
  for (const [code, name] of entries) if (Number.isInteger(code) && code >= 0) names[code] = name;
  return names;
}

/** A feature value as an advisor reads it: category name, yes/no, or a number with its unit. */
export function valueText(info: FeatureInfo | undefined, value: number | null, locale: Locale): string {
  const u = messages(locale).units;
  if (value === null || value === undefined || Number.isNaN(value)) return u.missing;
  const names = categoryNames(info, locale);
  if (names && Number.isInteger(value) && names[value] !== undefined) return names[value]!;
  if (info?.unit === 'years') return u.years.replace('{n}', formatValue(value, locale));
  if (info?.unit === 'percent') return `${formatValue(value, locale)} %`;
  return formatValue(value, locale);
}
