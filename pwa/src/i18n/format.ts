import type { Locale } from './messages.js';

/** BCP 47 tags used for number and date formatting. */
export const localeTags: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let nf = cache.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(localeTags[locale], options);
    cache.set(key, nf);
  }
  return nf;
}

/** 0.1234 -> "12,3 %" (fr) / "12.3%" (en). */
export function formatPercent(value: number, locale: Locale, digits = 1): string {
  return numberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function formatNumber(value: number, locale: Locale, digits = 2): string {
  return numberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

/** Always shows the sign: "+0,35" / "−0,20". */
export function formatSigned(value: number, locale: Locale, digits = 2): string {
  return numberFormat(locale, {
    signDisplay: 'exceptZero',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** Difference of two probabilities in percentage points, unsigned: 0.027 -> "2,7". */
export function formatPoints(diff: number, locale: Locale, digits = 1): string {
  return numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Math.abs(diff) * 100);
}

/** Significant-digit formatting for feature values whose scale is unknown. */
export function formatValue(value: number, locale: Locale): string {
  const abs = Math.abs(value);
  if (abs >= 1000) return formatNumber(value, locale, 0);
  if (abs >= 100) return formatNumber(value, locale, 1);
  if (abs >= 1) return formatNumber(value, locale, 2);
  return numberFormat(locale, { maximumSignificantDigits: 3 }).format(value);
}

/** Short axis labels: two significant digits, compact for large numbers ("1,3 M"). */
export function formatTick(value: number, locale: Locale): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 10_000) return numberFormat(locale, { notation: 'compact', maximumSignificantDigits: 2 }).format(value);
  return numberFormat(locale, { maximumSignificantDigits: 2 }).format(value);
}

export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(localeTags[locale], { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
