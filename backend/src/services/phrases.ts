/**
 * Plain-language rendering of feature values and SHAP contributions, in English
 * ("External score 2 is low (0.21): raises the risk") or French ("Score externe 2 :
 * valeur basse (0,21), augmente le risque"). Low/high is relative to the population
 * median; categories use their text; binaries read yes/no (oui/non).
 */
import { categoryText, type FeatureInfo } from '../store/artifact-schemas.js';
import { wordings, type Language } from './phrase-wording.js';

export type Direction = 'raises' | 'lowers';
export type { Language };

/** Stored values are float32: print the shortest decimal that maps back to the same float32. */
export function float32Value(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  if (Number.isInteger(value) || Math.fround(value) !== value) return value;
  // More digits never break a round trip, so binary-search the shortest count in 1..9.
  let lo = 1;
  let hi = 9;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (Math.fround(Number(value.toPrecision(mid))) === value) hi = mid;
    else lo = mid + 1;
  }
  return Number(value.toPrecision(lo));
}

/** A number formatted by its unit: years 1 decimal, currency with separators, ratio 2 decimals. */
export function formatNumber(value: number, unit: FeatureInfo['unit'], lang: Language = 'en'): string {
  const w = wordings[lang];
  switch (unit) {
    case 'years':
      // Singular or plural follows the number as printed, hence the same rounding.
      return w.years(w.oneDecimal(value), Number(value.toFixed(1)));
    case 'months':
      return w.months(Number.isInteger(value) ? w.integer(value) : w.oneDecimal(value));
    case 'days':
      return w.days(w.integer(value), Number(value.toFixed(0)));
    case 'currency':
      return w.integer(value);
    case 'ratio':
      return w.twoDecimals(value);
    case 'percent':
      return w.percent(w.oneDecimal(value));
    case 'count':
      return Number.isInteger(value) ? w.integer(value) : w.oneDecimal(value);
    default:
      return Math.abs(value) >= 100 ? w.integer(value) : w.upToTwo(value);
  }
}

/** The value as an advisor reads it: "0.21", "34.5 years", "Cash loans", "yes", "missing" (or in French). */
export function displayValue(feature: FeatureInfo, value: number, lang: Language = 'en'): string {
  const w = wordings[lang];
  if (Number.isNaN(value)) return w.missing;
  if (feature.type === 'category') return categoryText(feature, value, lang) ?? `${w.code} ${formatNumber(value, null, lang)}`;
  if (feature.type === 'binary' && (value === 0 || value === 1)) return value === 1 ? w.yes : w.no;
  return formatNumber(value, feature.unit, lang);
}

export function directionOf(shap: number): Direction {
  return shap > 0 ? 'raises' : 'lowers';
}

function effect(shap: number, lang: Language): string {
  const e = wordings[lang].effect;
  if (shap === 0) return e.none;
  return shap > 0 ? e.raises : e.lowers;
}

/** Where a numeric value sits against the population median. */
function level(value: number, median: number, lang: Language): string | undefined {
  if (Number.isNaN(median)) return undefined;
  const l = wordings[lang].level;
  if (value < median) return l.low;
  if (value > median) return l.high;
  return l.typical;
}

/**
 * One sentence for one contribution, in English (with `label`) or French (with `label_fr`).
 * @param median population median of the feature (NaN when unknown)
 */
export function phrase(feature: FeatureInfo, value: number, shap: number, median: number, lang: Language = 'en'): string {
  const w = wordings[lang];
  const label = lang === 'fr' ? feature.label_fr : feature.label;
  const tail = `${w.colon}${effect(shap, lang)}`;
  if (Number.isNaN(value)) return `${label} ${w.isMissing}${tail}`;
  const shown = displayValue(feature, value, lang);
  if (feature.type === 'category') return `${label} ${w.isCategory} ${shown}${tail}`;
  if (feature.type === 'binary') return `${label} (${shown})${tail}`;
  const where = level(value, median, lang);
  return where === undefined ? `${label} ${w.isValue} ${shown}${tail}` : `${label} ${where} (${shown})${tail}`;
}
