/**
 * Units of the application form. The advisor types ages, seniorities and dates as years or
 * months, in the interface's number format; the API wants Kaggle's DAYS_* columns: whole days
 * relative to the application date, negative in the past.
 */
import type { Locale } from '../i18n/messages.js';

export const defaults = {
  /** The definition model/features uses (AGE_YEARS = -DAYS_BIRTH / 365.25). */
  daysPerYear: 365.25,
  daysPerMonth: 365.25 / 12,
  /** Kaggle's DAYS_EMPLOYED for "not employed / pensioner". */
  notEmployedDays: 365243,
};

export type DaysUnit = 'years' | 'months';
/** 'ago': the advisor types how long ago (positive); 'ahead': how far in the future. */
export type DaysDirection = 'ago' | 'ahead';
export interface DaysDisplay {
  unit: DaysUnit;
  direction: DaysDirection;
}

/**
 * How a DAYS_* column is typed. Application dates read best in years (age, seniority);
 * history dates in months, and end dates of credits can lie ahead.
 */
const daysDisplays: Record<string, DaysDisplay> = {
  'bureau.DAYS_CREDIT': { unit: 'months', direction: 'ago' },
  'bureau.DAYS_CREDIT_ENDDATE': { unit: 'months', direction: 'ahead' },
  'bureau.DAYS_ENDDATE_FACT': { unit: 'months', direction: 'ago' },
  'bureau.DAYS_CREDIT_UPDATE': { unit: 'months', direction: 'ago' },
  'previous_application.DAYS_DECISION': { unit: 'months', direction: 'ago' },
  'previous_application.DAYS_FIRST_DRAWING': { unit: 'months', direction: 'ago' },
  'previous_application.DAYS_FIRST_DUE': { unit: 'months', direction: 'ago' },
  'previous_application.DAYS_LAST_DUE_1ST_VERSION': { unit: 'months', direction: 'ago' },
  'previous_application.DAYS_LAST_DUE': { unit: 'months', direction: 'ago' },
  'previous_application.DAYS_TERMINATION': { unit: 'months', direction: 'ago' },
};

export function daysDisplay(table: string, column: string): DaysDisplay {
  return daysDisplays[`${table}.${column}`] ?? (table === 'application' ? { unit: 'years', direction: 'ago' } : { unit: 'months', direction: 'ago' });
}

const perUnit = (unit: DaysUnit) => (unit === 'years' ? defaults.daysPerYear : defaults.daysPerMonth);

/** 35 (years ago) -> -12784; a whole number of days, never -0. */
export function toDays(amount: number, display: DaysDisplay): number {
  const days = Math.round(amount * perUnit(display.unit));
  const signed = display.direction === 'ago' ? -days : days;
  return signed === 0 ? 0 : signed;
}

/** -12784 -> 35.0 (years ago). */
export function fromDays(days: number, display: DaysDisplay): number {
  const amount = days / perUnit(display.unit);
  const signed = display.direction === 'ago' ? -amount : amount;
  return signed === 0 ? 0 : signed;
}

/**
 * Read a number as an advisor types it: "406 598", "406598,5", "0.62", "1,234.5", "-3".
 * Returns null for anything else (hex, "1e", "12abc", two decimal marks), never a guess.
 */
export function parseLocaleNumber(text: string): number | null {
  let t = text.replace(/[\s\u00a0\u202f]/g, '');
  if (t === '') return null;
  const comma = t.lastIndexOf(',');
  const dot = t.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) {
    // Both marks: the last one is the decimal mark, the other groups thousands.
    t = comma > dot ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,/g, '');
  } else if (comma >= 0) {
    t = t.replace(',', '.');
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const value = Number(t);
  return Number.isFinite(value) ? value : null;
}

/** A number for an input field, without grouping so it reads back unchanged: 406598,5 (fr) / 406598.5 (en). */
export function formatInputNumber(value: number, locale: Locale, maxDigits = 6): string {
  const text = String(Number(value.toFixed(maxDigits)));
  return locale === 'fr' ? text.replace('.', ',') : text;
}
