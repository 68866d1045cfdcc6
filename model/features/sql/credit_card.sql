-- Reads: credit_card_balance (one row per month of an earlier Home Credit card SK_ID_PREV of client
-- SK_ID_CURR: balance, limit, drawings, minimum instalment, amount paid, days past due).
-- Outputs (view credit_card_features, one row per client with at least one card month):
--   CC_MONTH_COUNT: months of history; CC_BALANCE_MEAN, CC_LIMIT_MEAN, CC_DRAWINGS_MEAN: monthly
--   averages; CC_UTILISATION_MEAN / _MAX: balance / limit per month (missing for a zero limit),
--   averaged / highest; CC_PAID_MIN_RATIO_MEAN: average of paid / minimum due;
--   CC_LATE_MONTH_SHARE: share of months with a payment past due.
CREATE OR REPLACE TEMP VIEW credit_card_features AS
WITH credit_card_months AS (
    SELECT
        CAST(SK_ID_CURR AS BIGINT) AS SK_ID_CURR,
        rowid AS row_order,
        as_loaded(MONTHS_BALANCE) AS MONTHS_BALANCE,
        as_loaded(AMT_BALANCE) AS AMT_BALANCE,
        as_loaded(AMT_CREDIT_LIMIT_ACTUAL) AS AMT_CREDIT_LIMIT_ACTUAL,
        as_loaded(AMT_DRAWINGS_CURRENT) AS AMT_DRAWINGS_CURRENT,
        as_loaded(safe_ratio(as_loaded(AMT_BALANCE), as_loaded(AMT_CREDIT_LIMIT_ACTUAL))) AS utilisation,
        as_loaded(safe_ratio(as_loaded(AMT_PAYMENT_TOTAL_CURRENT), as_loaded(AMT_INST_MIN_REGULARITY)))
            AS paid_min_ratio,
        CASE WHEN as_loaded(SK_DPD) > 0 THEN 1.0 ELSE 0.0 END AS late
    FROM credit_card_balance
)
SELECT SK_ID_CURR,
    CAST(count(MONTHS_BALANCE) AS DOUBLE) AS CC_MONTH_COUNT,
    mean_f32(AMT_BALANCE, row_order) AS CC_BALANCE_MEAN,
    mean_f32(AMT_CREDIT_LIMIT_ACTUAL, row_order) AS CC_LIMIT_MEAN,
    mean_f32(utilisation, row_order) AS CC_UTILISATION_MEAN,
    max(utilisation) AS CC_UTILISATION_MAX,
    mean_f32(AMT_DRAWINGS_CURRENT, row_order) AS CC_DRAWINGS_MEAN,
    mean_f32(paid_min_ratio, row_order) AS CC_PAID_MIN_RATIO_MEAN,
    as_loaded(avg(late)) AS CC_LATE_MONTH_SHARE  -- 0/1 values: exact in any order
FROM credit_card_months
GROUP BY SK_ID_CURR;
