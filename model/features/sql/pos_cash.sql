-- Reads: POS_CASH_balance (one row per month of an earlier point-of-sale or cash loan SK_ID_PREV of
-- client SK_ID_CURR: days past due SK_DPD, SK_DPD_DEF, instalments still due CNT_INSTALMENT_FUTURE).
-- Outputs (view pos_cash_features, one row per client with at least one such month):
--   POS_MONTH_COUNT: months of history; POS_LATE_MONTH_SHARE: share of months with a payment past
--   due; POS_MAX_DAYS_LATE, POS_MAX_DAYS_LATE_SIGNIFICANT: longest lateness (all / significant debts);
--   POS_REMAINING_INSTALMENTS: instalments still due, from each loan's latest month, summed;
--   POS_COMPLETED_LOANS: loans whose latest month says Completed.
CREATE OR REPLACE TEMP VIEW pos_cash_features AS
WITH pos_cash_months AS (
    SELECT
        CAST(SK_ID_CURR AS BIGINT) AS SK_ID_CURR,
        CAST(SK_ID_PREV AS BIGINT) AS SK_ID_PREV,
        rowid AS row_order,
        as_loaded(MONTHS_BALANCE) AS MONTHS_BALANCE,
        as_loaded(CNT_INSTALMENT_FUTURE) AS CNT_INSTALMENT_FUTURE,
        category(NAME_CONTRACT_STATUS) AS NAME_CONTRACT_STATUS,
        as_loaded(SK_DPD) AS SK_DPD,
        as_loaded(SK_DPD_DEF) AS SK_DPD_DEF
    FROM POS_CASH_balance
),
pos_cash_latest_month AS (
    -- The latest month of each loan says how many instalments are still due; equal months are
    -- ordered by what they hold so that every engine picks the same one.
    SELECT * FROM pos_cash_months
    QUALIFY row_number() OVER (PARTITION BY SK_ID_CURR, SK_ID_PREV
                               ORDER BY MONTHS_BALANCE DESC NULLS LAST, CNT_INSTALMENT_FUTURE ASC NULLS LAST,
                                        NAME_CONTRACT_STATUS ASC NULLS LAST, SK_ID_CURR ASC) = 1
),
pos_cash_loans_per_client AS (
    SELECT SK_ID_CURR,
        sum_f32(CNT_INSTALMENT_FUTURE, row_order) AS POS_REMAINING_INSTALMENTS,
        sum(CASE WHEN NAME_CONTRACT_STATUS = 'Completed' THEN 1.0 ELSE 0.0 END) AS POS_COMPLETED_LOANS
    FROM pos_cash_latest_month
    GROUP BY SK_ID_CURR
),
pos_cash_months_per_client AS (
    SELECT SK_ID_CURR,
        CAST(count(MONTHS_BALANCE) AS DOUBLE) AS POS_MONTH_COUNT,
        mean_f32(CASE WHEN SK_DPD > 0 THEN 1.0 ELSE 0.0 END, row_order) AS POS_LATE_MONTH_SHARE,
        max(SK_DPD) AS POS_MAX_DAYS_LATE,
        max(SK_DPD_DEF) AS POS_MAX_DAYS_LATE_SIGNIFICANT
    FROM pos_cash_months
    GROUP BY SK_ID_CURR
)
SELECT m.*, l.POS_REMAINING_INSTALMENTS, l.POS_COMPLETED_LOANS
FROM pos_cash_months_per_client AS m
LEFT JOIN pos_cash_loans_per_client AS l USING (SK_ID_CURR);
