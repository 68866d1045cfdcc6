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

function byCode(categories: string[] | Record<string, string>): string[] {
  if (Array.isArray(categories)) return categories;
  const entries = Object.entries(categories).map(([code, name]) => [Number(code), name] as const);
  const size = Math.max(...entries.map(([code]) => code)) + 1;
  const names = Array.from({ length: size }, (_, i) => String(i));
  for (const [code, name] of entries) if (Number.isInteger(code) && code >= 0) names[code] = name;
  return names;
}

/**
 * Names of the codes of a category feature in the interface language (the catalogue's
 * categories_fr in French), or yes/no for binary ones.
 */
export function categoryNames(info: FeatureInfo | undefined, locale: Locale): string[] | null {
  if (!info) return null;
  if (info.type === 'binary') return [messages(locale).units.no, messages(locale).units.yes];
  if (info.type !== 'category' || !info.categories) return null;
  const local = locale === 'fr' && info.categories_fr ? info.categories_fr : info.categories;
  return byCode(local);
}

/** Display fields of the client file and list that hold a category's text, by feature. */
export const categoryFields = {
  contract_type: 'NAME_CONTRACT_TYPE',
  gender: 'CODE_GENDER',
  family_status: 'NAME_FAMILY_STATUS',
  education: 'NAME_EDUCATION_TYPE',
  income_type: 'NAME_INCOME_TYPE',
  occupation: 'OCCUPATION_TYPE',
} as const;

/**
 * A category as the Kaggle data writes it ("Cash loans") in the interface language ("Prêt
 * personnel"), from the catalogue; unknown texts come back unchanged, null as null.
 */
export function categoryText(index: FeatureIndex, feature: string, text: string | null, locale: Locale): string | null {
  if (text === null) return null;
  const info = index.get(feature);
  if (!info?.categories) return text;
  const codes = byCode(info.categories);
  const code = codes.indexOf(text);
  if (code < 0) return text;
  return categoryNames(info, locale)?.[code] ?? text;
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
