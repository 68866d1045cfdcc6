/**
 * Mirror of credit_card.sql (view credit_card_features): monthly rows of earlier Home Credit
 * cards, averaged in the rows' order.
 */
import type { Row } from '../application-body.js';
import { f32, KahanF32, loaded, maxOf, safeRatio, shareOf } from './macros.js';

export const CREDIT_CARD_OUTPUTS = [
  'CC_MONTH_COUNT', 'CC_BALANCE_MEAN', 'CC_LIMIT_MEAN', 'CC_UTILISATION_MEAN', 'CC_UTILISATION_MAX',
  'CC_DRAWINGS_MEAN', 'CC_PAID_MIN_RATIO_MEAN', 'CC_LATE_MONTH_SHARE',
] as const;

/** credit_card_months and the final SELECT; all missing without rows. */
export function creditCardFeatures(rows: Row[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of CREDIT_CARD_OUTPUTS) out[name] = Number.NaN;
  if (rows.length === 0) return out;
  let monthCount = 0;
  let late = 0;
  let utilisationMax = Number.NaN;
  const balance = new KahanF32();
  const limit = new KahanF32();
  const utilisation = new KahanF32();
  const drawings = new KahanF32();
  const paidMin = new KahanF32();
  for (const row of rows) {
    if (!Number.isNaN(loaded(row['MONTHS_BALANCE']))) monthCount++;
    const amtBalance = loaded(row['AMT_BALANCE']);
    const amtLimit = loaded(row['AMT_CREDIT_LIMIT_ACTUAL']);
    const used = f32(safeRatio(amtBalance, amtLimit));
    balance.add(amtBalance);
    limit.add(amtLimit);
    utilisation.add(used);
    utilisationMax = maxOf(utilisationMax, used);
    drawings.add(loaded(row['AMT_DRAWINGS_CURRENT']));
    paidMin.add(f32(safeRatio(loaded(row['AMT_PAYMENT_TOTAL_CURRENT']), loaded(row['AMT_INST_MIN_REGULARITY']))));
    if (loaded(row['SK_DPD']) > 0) late++;
  }
  out['CC_MONTH_COUNT'] = monthCount;
  out['CC_BALANCE_MEAN'] = balance.mean();
  out['CC_LIMIT_MEAN'] = limit.mean();
  out['CC_UTILISATION_MEAN'] = utilisation.mean();
  out['CC_UTILISATION_MAX'] = utilisationMax;
  out['CC_DRAWINGS_MEAN'] = drawings.mean();
  out['CC_PAID_MIN_RATIO_MEAN'] = paidMin.mean();
  out['CC_LATE_MONTH_SHARE'] = shareOf(late, rows.length);
  return out;
}
