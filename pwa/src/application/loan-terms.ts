/**
 * The loan-terms simulation, for a stored client and for a new application alike: the advisor
 * changes the amount, the annuity or the duration, the goods price, or puts a down payment; the API
 * recomputes every dependent input. Pure helpers: the draft, the `changes` it sends, and how moved
 * values read ("Crédit / revenu : 2,01 → 0,99").
 */
import type { MovedInput, RawValue } from '../api/application-types.js';
import { localLabel } from '../i18n/feature-text.js';
import { formatNumber, localeTags } from '../i18n/format.js';
import { messages, type Locale } from '../i18n/messages.js';
import { formatInputNumber, parseLocaleNumber } from './units.js';

export const loanColumns = { credit: 'AMT_CREDIT', annuity: 'AMT_ANNUITY', goodsPrice: 'AMT_GOODS_PRICE' } as const;

export interface LoanTerms {
  credit: number | null;
  annuity: number | null;
  goodsPrice: number | null;
}

/** Current loan terms of a stored client's file (GET /v1/clients/:id). */
export function termsOfClient(c: { credit_amount: number | null; annuity: number | null; goods_price: number | null }): LoanTerms {
  return { credit: c.credit_amount, annuity: c.annuity, goodsPrice: c.goods_price };
}

export type LoanMode = 'annuity' | 'duration';
export type LoanField = 'credit' | 'annuity' | 'months' | 'goodsPrice' | 'downPayment';

export interface LoanDraft {
  mode: LoanMode;
  credit: string;
  annuity: string;
  months: string;
  goodsPrice: string;
  /**
   * Money the applicant puts down now, taken off the credit amount. The Kaggle application has no
   * down-payment column (AMT_CREDIT often exceeds AMT_GOODS_PRICE: insurance is financed too), so it
   * is not read from the file: it starts empty and only ever lowers AMT_CREDIT.
   */
  downPayment: string;
}

/**
 * Duration in months of a loan, as the model reads it: AMT_ANNUITY is a yearly payment and the
 * term is AMT_CREDIT / AMT_ANNUITY years (no interest), so months = 12 × credit / annuity.
 */
export function durationMonths(credit: number | null, annuity: number | null): number | null {
  if (credit === null || annuity === null || annuity <= 0) return null;
  return (12 * credit) / annuity;
}

/** The yearly annuity that repays `credit` over `months`, to the cent. */
export function annuityFor(credit: number, months: number): number {
  return Math.round(((credit * 12) / months) * 100) / 100;
}

const text = (v: number | null, locale: Locale, digits = 2) => (v === null ? '' : formatInputNumber(v, locale, digits));

export function draftFrom(terms: LoanTerms, locale: Locale, mode: LoanMode = 'annuity'): LoanDraft {
  const months = durationMonths(terms.credit, terms.annuity);
  return {
    mode,
    credit: text(terms.credit, locale),
    annuity: text(terms.annuity, locale),
    months: months === null ? '' : String(Math.round(months)),
    goodsPrice: text(terms.goodsPrice, locale),
    downPayment: '',
  };
}

export interface LoanChanges {
  changes: Record<string, number>;
  invalid: LoanField[];
}

const differs = (a: number, b: number | null) => b === null || Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(b));

const cents = (v: number) => Math.round(v * 100) / 100;

/**
 * The what-if `changes` of a draft: only terms that differ from the current ones. In duration
 * mode the annuity follows the credit and the duration; in annuity mode the annuity is typed.
 * A down payment is taken off the credit (the one typed, else the current one). An emptied field
 * means "unchanged" (a loan term cannot be unknown in a simulation).
 */
export function loanChanges(terms: LoanTerms, draft: LoanDraft, initial: LoanDraft): LoanChanges {
  const invalid: LoanField[] = [];
  const read = (field: LoanField): number | null => {
    const raw = draft[field].trim();
    if (raw === '') return null;
    const n = parseLocaleNumber(raw);
    if (n === null) invalid.push(field);
    return n;
  };
  const typedCredit = read('credit');
  const goodsPrice = read('goodsPrice');
  const down = read('downPayment');
  if (down !== null && down < 0) invalid.push('downPayment');
  const paid = down !== null && down > 0 ? down : 0;
  const before = typedCredit ?? terms.credit;
  // Without a credit to take it from, a down payment means nothing.
  if (paid > 0 && before === null) invalid.push('downPayment');
  const credit = paid > 0 && before !== null ? cents(before - paid) : typedCredit;
  const changes: Record<string, number> = {};
  if (credit !== null && differs(credit, terms.credit)) changes[loanColumns.credit] = credit;
  if (goodsPrice !== null && differs(goodsPrice, terms.goodsPrice)) changes[loanColumns.goodsPrice] = goodsPrice;
  if (draft.mode === 'annuity') {
    const annuity = read('annuity');
    if (annuity !== null && differs(annuity, terms.annuity)) changes[loanColumns.annuity] = annuity;
  } else {
    const months = read('months');
    const touched = draft.months.trim() !== initial.months.trim() || loanColumns.credit in changes;
    const base = credit ?? terms.credit;
    if (months !== null && months > 0 && base !== null && touched) {
      const annuity = annuityFor(base, months);
      if (differs(annuity, terms.annuity)) changes[loanColumns.annuity] = annuity;
    } else if (months !== null && months <= 0) invalid.push('months');
  }
  return { changes, invalid };
}

/**
 * Which draft field a what-if 400 is about: "changes.AMT_CREDIT" / "AMT_ANNUITY" -> 'annuity'. With
 * a down payment typed, the credit sent was computed from it: a refused credit is that payment's fault.
 */
export function loanFieldOf(path: string, mode: LoanMode, downPayment = false): LoanField | null {
  const column = path.split('.').pop();
  if (column === loanColumns.credit) return downPayment ? 'downPayment' : 'credit';
  if (column === loanColumns.goodsPrice) return 'goodsPrice';
  if (column === loanColumns.annuity) return mode === 'annuity' ? 'annuity' : 'months';
  return null;
}

function formatFixed(v: number, locale: Locale, digits: number): string {
  return new Intl.NumberFormat(localeTags[locale], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
}

function valueOf(v: RawValue, locale: Locale): string {
  if (v === null || v === undefined) return messages(locale).units.missing;
  if (typeof v === 'string') return v;
  // Whole numbers (counts, amounts) as they are; a ratio with two decimals, always shown, so that
  // "2,01 → 1,00" reads as a comparison; tiny values keep four.
  if (Number.isInteger(v) || Math.abs(v) >= 1000) return formatNumber(v, locale, 0);
  return formatFixed(v, locale, Math.abs(v) >= 0.1 ? 2 : 4);
}

/** "Crédit / revenu : 2,01 → 0,99" (fr) / "Credit / income: 2.01 → 0.99" (en). */
export function movedLine(m: MovedInput, locale: Locale): string {
  const sep = locale === 'fr' ? '\u00a0: ' : ': ';
  return `${localLabel(m, locale)}${sep}${valueOf(m.before, locale)} → ${valueOf(m.after, locale)}`;
}
