/**
 * Mirror of previous_application.sql (view previous_application_features): earlier Home
 * Credit applications and their decisions, aggregated per client in the rows' order.
 */
import type { Row } from '../application-body.js';
import { keyOf } from './bureau.js';
import { category, f32, KahanF32, loaded, minOf, safeRatio, textCell, yearsBefore } from './macros.js';

export const PREVIOUS_OUTPUTS = [
  'PREV_APPLICATION_COUNT', 'PREV_APPROVED_COUNT', 'PREV_REFUSED_COUNT', 'PREV_YEARS_SINCE_LAST',
  'PREV_YEARS_SINCE_LAST_REFUSAL', 'PREV_APPROVED_CREDIT_MEAN', 'PREV_APPROVED_ANNUITY_MEAN',
  'PREV_APPROVED_TERM_MEAN', 'PREV_ASKED_GRANTED_RATIO', 'PREV_DOWN_PAYMENT_RATE', 'PREV_REFUSED_SHARE',
] as const;

/** previous_decisions, previous_per_client and the final SELECT; all missing without rows. */
export function previousApplicationFeatures(rows: Row[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of PREVIOUS_OUTPUTS) out[name] = Number.NaN;
  if (rows.length === 0) return out;
  let count = 0;
  let approvedCount = 0;
  let refusedCount = 0;
  let sinceLast = Number.NaN;
  let sinceRefusal = Number.NaN;
  const credit = new KahanF32();
  const annuity = new KahanF32();
  const term = new KahanF32();
  const askedGranted = new KahanF32();
  const downPayment = new KahanF32();
  for (const row of rows) {
    if (keyOf(row['SK_ID_PREV']) !== null) count++;
    const status = category(textCell(row['NAME_CONTRACT_STATUS']));
    const approved = status === 'Approved';
    const refused = status === 'Refused';
    if (approved) approvedCount++;
    if (refused) refusedCount++;
    const yearsAgo = f32(yearsBefore(loaded(row['DAYS_DECISION'])));
    sinceLast = minOf(sinceLast, yearsAgo);
    if (refused) sinceRefusal = minOf(sinceRefusal, yearsAgo);
    const amtCredit = loaded(row['AMT_CREDIT']);
    credit.add(approved ? amtCredit : Number.NaN);
    annuity.add(approved ? loaded(row['AMT_ANNUITY']) : Number.NaN);
    term.add(approved ? loaded(row['CNT_PAYMENT']) : Number.NaN);
    askedGranted.add(f32(safeRatio(loaded(row['AMT_APPLICATION']), amtCredit)));
    downPayment.add(loaded(row['RATE_DOWN_PAYMENT']));
  }
  out['PREV_APPLICATION_COUNT'] = count;
  out['PREV_APPROVED_COUNT'] = approvedCount;
  out['PREV_REFUSED_COUNT'] = refusedCount;
  out['PREV_YEARS_SINCE_LAST'] = sinceLast;
  out['PREV_YEARS_SINCE_LAST_REFUSAL'] = sinceRefusal;
  out['PREV_APPROVED_CREDIT_MEAN'] = credit.mean();
  out['PREV_APPROVED_ANNUITY_MEAN'] = annuity.mean();
  out['PREV_APPROVED_TERM_MEAN'] = term.mean();
  out['PREV_ASKED_GRANTED_RATIO'] = askedGranted.mean();
  out['PREV_DOWN_PAYMENT_RATE'] = downPayment.mean();
  out['PREV_REFUSED_SHARE'] = f32(safeRatio(refusedCount, count));
  return out;
}
