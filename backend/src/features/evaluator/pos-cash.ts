/**
 * Mirror of pos_cash.sql (view pos_cash_features): monthly rows of earlier point-of-sale and
 * cash loans; each loan's latest month gives its remaining instalments and completion.
 */
import type { Row } from '../application-body.js';
import { keyOf } from './bureau.js';
import { category, f32, loaded, maxOf, minOf, shareOf, textCell } from './macros.js';

export const POS_OUTPUTS = [
  'POS_MONTH_COUNT', 'POS_LATE_MONTH_SHARE', 'POS_MAX_DAYS_LATE', 'POS_MAX_DAYS_LATE_SIGNIFICANT',
  'POS_REMAINING_INSTALMENTS', 'POS_COMPLETED_LOANS',
] as const;

interface PosMonth {
  loan: number | null;
  month: number;
  future: number;
  completed: boolean;
}

/**
 * pos_cash_latest_month_of_loan + pos_cash_loan_status + pos_cash_loans_per_client. Loans are
 * grouped by SK_ID_PREV with NULL as a loan of its own (IS NOT DISTINCT FROM); a loan whose
 * months are all missing has no latest month, hence no status row.
 */
function loanTotals(months: PosMonth[]): { remaining: number; completed: number } {
  const latest = new Map<number | null, number>();
  for (const m of months) latest.set(m.loan, maxOf(latest.get(m.loan) ?? Number.NaN, m.month));
  const status = new Map<number | null, { future: number; completed: number }>();
  for (const m of months) {
    if (!(m.month === latest.get(m.loan))) continue;
    const s = status.get(m.loan) ?? { future: Number.NaN, completed: 0 };
    s.future = minOf(s.future, m.future);
    if (m.completed) s.completed = 1;
    status.set(m.loan, s);
  }
  if (status.size === 0) return { remaining: Number.NaN, completed: Number.NaN };
  // Whole numbers: SQL's sum() is exact in any order; NULL when every loan's count is missing.
  let remaining = Number.NaN;
  let completed = 0;
  for (const s of status.values()) {
    if (!Number.isNaN(s.future)) remaining = Number.isNaN(remaining) ? s.future : remaining + s.future;
    completed += s.completed;
  }
  return { remaining: f32(remaining), completed };
}

/** pos_cash_months_per_client joined with the loan totals; all missing without rows. */
export function posCashFeatures(rows: Row[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of POS_OUTPUTS) out[name] = Number.NaN;
  if (rows.length === 0) return out;
  let monthCount = 0;
  let late = 0;
  let maxLate = Number.NaN;
  let maxLateSignificant = Number.NaN;
  const months: PosMonth[] = [];
  for (const row of rows) {
    const month = loaded(row['MONTHS_BALANCE']);
    if (!Number.isNaN(month)) monthCount++;
    const dpd = loaded(row['SK_DPD']);
    if (dpd > 0) late++;
    maxLate = maxOf(maxLate, dpd);
    maxLateSignificant = maxOf(maxLateSignificant, loaded(row['SK_DPD_DEF']));
    months.push({
      loan: keyOf(row['SK_ID_PREV']),
      month,
      future: loaded(row['CNT_INSTALMENT_FUTURE']),
      completed: category(textCell(row['NAME_CONTRACT_STATUS'])) === 'Completed',
    });
  }
  const loans = loanTotals(months);
  out['POS_MONTH_COUNT'] = monthCount;
  out['POS_LATE_MONTH_SHARE'] = shareOf(late, rows.length);
  out['POS_MAX_DAYS_LATE'] = maxLate;
  out['POS_MAX_DAYS_LATE_SIGNIFICANT'] = maxLateSignificant;
  out['POS_REMAINING_INSTALMENTS'] = loans.remaining;
  out['POS_COMPLETED_LOANS'] = loans.completed;
  return out;
}
