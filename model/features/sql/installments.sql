-- Reads: installments_payments (one row per instalment payment of an earlier Home Credit credit
-- SK_ID_PREV of client SK_ID_CURR: due day, day paid, amount due, amount paid). Absent from the
-- bundled sample, present in the full Kaggle download.
-- Outputs (view installments_features, one row per client with at least one payment row):
--   INST_PAYMENT_COUNT: instalments with an amount due; INST_LATE_SHARE: share paid after the due
--   day (of those with both days); INST_DAYS_LATE_MEAN: average days late (early counts as 0);
--   INST_UNDERPAID_SHARE: share paid less than due; INST_PAID_RATIO_MEAN: average paid / due.
CREATE OR REPLACE TEMP VIEW installments_features AS
WITH instalment_payments AS (
    SELECT
        CAST(SK_ID_CURR AS BIGINT) AS SK_ID_CURR,
        rowid AS row_order,
        as_loaded(AMT_INSTALMENT) AS AMT_INSTALMENT,
        as_loaded(AMT_PAYMENT) AS AMT_PAYMENT,
        as_loaded(as_loaded(DAYS_ENTRY_PAYMENT) - as_loaded(DAYS_INSTALMENT)) AS days_late
    FROM installments_payments
)
SELECT SK_ID_CURR,
    CAST(count(AMT_INSTALMENT) AS DOUBLE) AS INST_PAYMENT_COUNT,
    -- Shares of 0/1 values are exact in any order: plain averages.
    as_loaded(avg(CASE WHEN days_late > 0 THEN 1.0 WHEN days_late IS NOT NULL THEN 0.0 END)) AS INST_LATE_SHARE,
    -- Paid early counts as 0 days late; an unknown payment day stays unknown.
    mean_f32(CASE WHEN days_late IS NOT NULL THEN greatest(days_late, 0.0) END, row_order) AS INST_DAYS_LATE_MEAN,
    as_loaded(avg(CASE WHEN AMT_PAYMENT < AMT_INSTALMENT THEN 1.0 ELSE 0.0 END)) AS INST_UNDERPAID_SHARE,
    mean_f32(as_loaded(safe_ratio(AMT_PAYMENT, AMT_INSTALMENT)), row_order) AS INST_PAID_RATIO_MEAN
FROM instalment_payments
GROUP BY SK_ID_CURR;
