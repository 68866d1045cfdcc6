/**
 * Mirror of bureau.sql (view bureau_features): credits at other institutions and their
 * monthly history, aggregated per client in the rows' order.
 */
import type { Row } from '../application-body.js';
import { category, f32, KahanF32, loaded, maxOf, minOf, safeRatio, shareOf, textCell, yearsBefore } from './macros.js';

export const BUREAU_OUTPUTS = [
  'BUREAU_CREDIT_COUNT', 'BUREAU_ACTIVE_COUNT', 'BUREAU_YEARS_SINCE_LAST', 'BUREAU_YEARS_SINCE_FIRST',
  'BUREAU_ACTIVE_YEARS_LEFT_MAX', 'BUREAU_DEBT_SUM', 'BUREAU_CREDIT_SUM', 'BUREAU_OVERDUE_SUM', 'BUREAU_MAX_OVERDUE',
  'BUREAU_PROLONG_COUNT', 'BUREAU_LATE_MONTH_SHARE', 'BUREAU_WORST_LATENESS', 'BUREAU_HISTORY_MONTHS',
  'BUREAU_DEBT_CREDIT_RATIO',
] as const;

const LATE_STATUSES: ReadonlySet<string> = new Set(['1', '2', '3', '4', '5']);

interface CreditHistory {
  months: number;
  lateMonths: number;
  worst: number;
}

/** A join key as the engine appends it: only numbers are keys; anything else is NULL (never joins). */
export function keyOf(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** bureau_monthly_lateness + bureau_credit_history: per credit, months, late share and worst level. */
function creditHistories(months: Row[]): Map<number, CreditHistory> {
  const out = new Map<number, CreditHistory>();
  for (const month of months) {
    const id = keyOf(month['SK_ID_BUREAU']);
    // The NULL group exists in SQL, but joins no credit.
    if (id === null) continue;
    const status = textCell(month['STATUS']);
    const level = status !== null && LATE_STATUSES.has(status) ? Number(status) : 0;
    let h = out.get(id);
    if (!h) out.set(id, (h = { months: 0, lateMonths: 0, worst: level }));
    h.months++;
    if (level > 0) h.lateMonths++;
    h.worst = Math.max(h.worst, level);
  }
  return out;
}

/** bureau_per_client and the final SELECT; every output missing when the client has no credit. */
export function bureauFeatures(credits: Row[], months: Row[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of BUREAU_OUTPUTS) out[name] = Number.NaN;
  if (credits.length === 0) return out;
  const history = creditHistories(months);
  let count = 0;
  let active = 0;
  let sinceLast = Number.NaN;
  let sinceFirst = Number.NaN;
  let leftMax = Number.NaN;
  let maxOverdue = Number.NaN;
  let worst = Number.NaN;
  const debt = new KahanF32();
  const total = new KahanF32();
  const overdue = new KahanF32();
  const prolong = new KahanF32();
  const lateShare = new KahanF32();
  const historyMonths = new KahanF32();
  for (const credit of credits) {
    const id = keyOf(credit['SK_ID_BUREAU']);
    if (id !== null) count++;
    const isActive = category(textCell(credit['CREDIT_ACTIVE'])) === 'Active';
    if (isActive) active++;
    const yearsSince = f32(yearsBefore(loaded(credit['DAYS_CREDIT'])));
    sinceLast = minOf(sinceLast, yearsSince);
    sinceFirst = maxOf(sinceFirst, yearsSince);
    if (isActive) leftMax = maxOf(leftMax, f32(loaded(credit['DAYS_CREDIT_ENDDATE']) / 365.25));
    maxOverdue = maxOf(maxOverdue, loaded(credit['AMT_CREDIT_MAX_OVERDUE']));
    debt.add(isActive ? loaded(credit['AMT_CREDIT_SUM_DEBT']) : Number.NaN);
    total.add(loaded(credit['AMT_CREDIT_SUM']));
    overdue.add(loaded(credit['AMT_CREDIT_SUM_OVERDUE']));
    prolong.add(loaded(credit['CNT_CREDIT_PROLONG']));
    // bureau_credits_with_history: a LEFT JOIN; a credit without months has them all missing.
    const h = id === null ? undefined : history.get(id);
    if (h) {
      lateShare.add(shareOf(h.lateMonths, h.months));
      worst = maxOf(worst, h.worst);
      historyMonths.add(h.months);
    }
  }
  out['BUREAU_CREDIT_COUNT'] = count;
  out['BUREAU_ACTIVE_COUNT'] = active;
  out['BUREAU_YEARS_SINCE_LAST'] = sinceLast;
  out['BUREAU_YEARS_SINCE_FIRST'] = sinceFirst;
  out['BUREAU_ACTIVE_YEARS_LEFT_MAX'] = leftMax;
  out['BUREAU_DEBT_SUM'] = debt.sum();
  out['BUREAU_CREDIT_SUM'] = total.sum();
  out['BUREAU_OVERDUE_SUM'] = overdue.sum();
  out['BUREAU_MAX_OVERDUE'] = maxOverdue;
  out['BUREAU_PROLONG_COUNT'] = prolong.sum();
  out['BUREAU_LATE_MONTH_SHARE'] = lateShare.mean();
  out['BUREAU_WORST_LATENESS'] = worst;
  out['BUREAU_HISTORY_MONTHS'] = historyMonths.sum();
  out['BUREAU_DEBT_CREDIT_RATIO'] = f32(safeRatio(debt.sum(), total.sum()));
  return out;
}
