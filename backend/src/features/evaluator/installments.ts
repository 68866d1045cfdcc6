/**
 * Mirror of installments.sql (view installments_features): instalment payments of earlier
 * Home Credit credits, averaged in the rows' order.
 */
import type { Row } from '../application-body.js';
import { f32, KahanF32, loaded, safeRatio, shareOf } from './macros.js';

export const INSTALLMENTS_OUTPUTS = [
  'INST_PAYMENT_COUNT', 'INST_LATE_SHARE', 'INST_DAYS_LATE_MEAN', 'INST_UNDERPAID_SHARE', 'INST_PAID_RATIO_MEAN',
] as const;

/** instalment_payments and the final SELECT; all missing without rows. */
export function installmentsFeatures(rows: Row[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of INSTALLMENTS_OUTPUTS) out[name] = Number.NaN;
  if (rows.length === 0) return out;
  let paymentCount = 0;
  let known = 0;
  let late = 0;
  let underpaid = 0;
  const daysLate = new KahanF32();
  const paidRatio = new KahanF32();
  for (const row of rows) {
    const due = loaded(row['AMT_INSTALMENT']);
    const paid = loaded(row['AMT_PAYMENT']);
    const days = f32(loaded(row['DAYS_ENTRY_PAYMENT']) - loaded(row['DAYS_INSTALMENT']));
    if (!Number.isNaN(due)) paymentCount++;
    if (!Number.isNaN(days)) {
      known++;
      if (days > 0) late++;
      // Paid early counts as 0 days late (greatest(days_late, 0.0)).
      daysLate.add(days > 0 ? days : 0);
    }
    if (paid < due) underpaid++;
    paidRatio.add(f32(safeRatio(paid, due)));
  }
  out['INST_PAYMENT_COUNT'] = paymentCount;
  // avg() over the rows where both days are known: NULL when there is none.
  out['INST_LATE_SHARE'] = shareOf(late, known);
  out['INST_DAYS_LATE_MEAN'] = daysLate.mean();
  out['INST_UNDERPAID_SHARE'] = shareOf(underpaid, rows.length);
  out['INST_PAID_RATIO_MEAN'] = paidRatio.mean();
  return out;
}
