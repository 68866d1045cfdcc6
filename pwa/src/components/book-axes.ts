/**
 * What the explorer's charts need to know about a measure or a model input: its label in the
 * interface language, its categories, whether it counts whole things, and how to write a value
 * with its unit (€ on amounts, years and months on durations).
 */
import type { FeatureInfo, SortKey } from '../api/types.js';
import type { BookAxis } from '../charts/book-scatter.js';
import { localLabel } from '../i18n/feature-text.js';
import { formatNumber, formatPercent, formatValue } from '../i18n/format.js';
import { fill, messages, type Locale } from '../i18n/messages.js';
import { categoryNames } from './feature-meta.js';

/** A value with the unit of the catalogue ("45,2 ans", "250 000 €", "12"). */
export function formatWithUnit(unit: string | null, value: number, locale: Locale): string {
  const x = messages(locale).explore;
  switch (unit) {
    case 'currency':
      return fill(x.euros, { n: formatNumber(value, locale, 0) });
    case 'years':
      return fill(messages(locale).units.years, { n: formatNumber(value, locale, 1) });
    case 'months':
      return fill(x.months, { n: formatNumber(value, locale, 0) });
    case 'days':
      return fill(x.days, { n: formatNumber(value, locale, 0) });
    case 'count':
      return formatNumber(value, locale, 0);
    case 'percent':
      return `${formatValue(value, locale)} %`;
    default:
      return formatValue(value, locale);
  }
}

/** The catalogue entry of a model input as a chart axis in `locale`. */
export function featureAxis(info: FeatureInfo, locale: Locale): BookAxis {
  const categories = categoryNames(info, locale);
  const unitWord = info.unit === 'currency' ? ' (€)' : info.unit === 'years' ? (locale === 'fr' ? ' (ans)' : ' (years)') : info.unit === 'months' ? (locale === 'fr' ? ' (mois)' : ' (months)') : info.unit === 'days' ? (locale === 'fr' ? ' (jours)' : ' (days)') : '';
  return {
    label: `${localLabel(info, locale)}${unitWord}`,
    categories,
    integer: info.unit === 'count',
    format: (value, l) => (categories && Number.isInteger(value) && categories[value] !== undefined ? categories[value]! : formatWithUnit(info.unit, value, l)),
  };
}

/** Measures the ranking offers: the list's sortable numeric columns. */
export const rankingMeasures = ['previous_applications', 'bureau_credits', 'late_months', 'income', 'credit_amount', 'annuity', 'probability', 'age_years'] as const satisfies readonly SortKey[];
export type RankingMeasure = (typeof rankingMeasures)[number];

export function measureLabel(measure: RankingMeasure, locale: Locale): string {
  const c = messages(locale).explore.columns;
  const labels: Record<RankingMeasure, string> = {
    previous_applications: c.previous, bureau_credits: c.bureau, late_months: c.late, income: c.income,
    credit_amount: c.credit, annuity: c.annuity, probability: c.probability, age_years: c.age,
  };
  return labels[measure];
}

export function formatMeasure(measure: RankingMeasure, value: number, locale: Locale): string {
  if (measure === 'probability') return formatPercent(value, locale);
  if (measure === 'income' || measure === 'credit_amount' || measure === 'annuity') return formatWithUnit('currency', value, locale);
  if (measure === 'age_years') return formatWithUnit('years', value, locale);
  return formatNumber(value, locale, 0);
}
