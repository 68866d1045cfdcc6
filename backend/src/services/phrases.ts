/**
 * Plain-language rendering of feature values and SHAP contributions, e.g.
 * "External score 2 is low (0.21): raises the risk". Low/high is relative to
 * the population median; categories use their text; binaries read yes/no.
 */
import { categoryText, type FeatureInfo } from '../store/artifact-schemas.js';

export type Direction = 'raises' | 'lowers';

const formatters = {
  integer: new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }),
  oneDecimal: new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  twoDecimals: new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  upToTwo: new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }),
};

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
export function formatNumber(value: number, unit: FeatureInfo['unit']): string {
  switch (unit) {
    case 'years':
      return `${formatters.oneDecimal.format(value)} years`;
    case 'months':
      return `${Number.isInteger(value) ? formatters.integer.format(value) : formatters.oneDecimal.format(value)} months`;
    case 'days':
      return `${formatters.integer.format(value)} days`;
    case 'currency':
      return formatters.integer.format(value);
    case 'ratio':
      return formatters.twoDecimals.format(value);
    case 'percent':
      return `${formatters.oneDecimal.format(value)}%`;
    case 'count':
      return Number.isInteger(value) ? formatters.integer.format(value) : formatters.oneDecimal.format(value);
    default:
      return Math.abs(value) >= 100 ? formatters.integer.format(value) : formatters.upToTwo.format(value);
  }
}

/** The value as an advisor reads it: "0.21", "34.5 years", "Cash loans", "yes", "missing". */
export function displayValue(feature: FeatureInfo, value: number): string {
  if (Number.isNaN(value)) return 'missing';
  if (feature.type === 'category') return categoryText(feature, value) ?? `code ${formatNumber(value, null)}`;
  if (feature.type === 'binary' && (value === 0 || value === 1)) return value === 1 ? 'yes' : 'no';
  return formatNumber(value, feature.unit);
}

export function directionOf(shap: number): Direction {
  return shap > 0 ? 'raises' : 'lowers';
}

function effect(shap: number): string {
  if (shap === 0) return 'no effect on the risk';
  return shap > 0 ? 'raises the risk' : 'lowers the risk';
}

/** Where a numeric value sits against the population median. */
function level(value: number, median: number): string | undefined {
  if (Number.isNaN(median)) return undefined;
  if (value < median) return 'is low';
  if (value > median) return 'is high';
  return 'is typical';
}

/**
 * One sentence for one contribution.
 * @param median population median of the feature (NaN when unknown)
 */
export function phrase(feature: FeatureInfo, value: number, shap: number, median: number): string {
  const label = feature.label;
  const tail = effect(shap);
  if (Number.isNaN(value)) return `${label} is missing: ${tail}`;
  const shown = displayValue(feature, value);
  if (feature.type === 'category') return `${label} is ${shown}: ${tail}`;
  if (feature.type === 'binary') return `${label} (${shown}): ${tail}`;
  const where = level(value, median);
  return where === undefined ? `${label} is ${shown}: ${tail}` : `${label} ${where} (${shown}): ${tail}`;
}
