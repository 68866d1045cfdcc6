-- Reads: POS_CASH_balance (one row per month of an earlier point-of-sale or cash loan SK_ID_PREV of
-- client SK_ID_CURR: days past due SK_DPD, SK_DPD_DEF, instalments still due CNT_INSTALMENT_FUTURE).
-- Outputs (view pos_cash_features, one row per client with at least one such month):
--   POS_MONTH_COUNT: months of history; POS_LATE_MONTH_SHARE: share of months with a payment past
--   due; POS_MAX_DAYS_LATE, POS_MAX_DAYS_LATE_SIGNIFICANT: longest lateness (all / significant debts);
--   POS_REMAINING_INSTALMENTS: instalments still due, from each loan's latest month, summed;
--   (a month without its MONTHS_BALANCE never counts as a loan's latest);
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
pos_cash_latest_month_of_loan AS (
    SELECT SK_ID_CURR, SK_ID_PREV, max(MONTHS_BALANCE) AS latest_month
    FROM pos_cash_months
    GROUP BY SK_ID_CURR, SK_ID_PREV
),
pos_cash_loan_status AS (
    -- The latest month of each loan says how many instalments are still due and whether it is
    -- completed (should two rows share that month: the fewer instalments, completed if either says so).
    SELECT m.SK_ID_CURR, m.SK_ID_PREV,
        min(m.CNT_INSTALMENT_FUTURE) AS CNT_INSTALMENT_FUTURE,
        max(CASE WHEN m.NAME_CONTRACT_STATUS = 'Completed' THEN 1.0 ELSE 0.0 END) AS completed
    FROM pos_cash_months AS m
    JOIN pos_cash_latest_month_of_loan AS l
      ON m.SK_ID_CURR = l.SK_ID_CURR AND m.SK_ID_PREV IS NOT DISTINCT FROM l.SK_ID_PREV
     AND m.MONTHS_BALANCE = l.latest_month
    GROUP BY m.SK_ID_CURR, m.SK_ID_PREV
),
pos_cash_loans_per_client AS (
    -- Instalment counts are whole numbers: their sum is exact in any order.
    SELECT SK_ID_CURR,
        as_loaded(sum(CNT_INSTALMENT_FUTURE)) AS POS_REMAINING_INSTALMENTS,
        sum(completed) AS POS_COMPLETED_LOANS
    FROM pos_cash_loan_status
    GROUP BY SK_ID_CURR
),
pos_cash_months_per_client AS (
    SELECT SK_ID_CURR,
        CAST(count(MONTHS_BALANCE) AS DOUBLE) AS POS_MONTH_COUNT,
        -- A share of 0/1 values is exact in any order: a plain average.
        as_loaded(avg(CASE WHEN SK_DPD > 0 THEN 1.0 ELSE 0.0 END)) AS POS_LATE_MONTH_SHARE,
        max(SK_DPD) AS POS_MAX_DAYS_LATE,
        max(SK_DPD_DEF) AS POS_MAX_DAYS_LATE_SIGNIFICANT
    FROM pos_cash_months
    GROUP BY SK_ID_CURR
)
SELECT m.*, l.POS_REMAINING_INSTALMENTS, l.POS_COMPLETED_LOANS
FROM pos_cash_months_per_client AS m
LEFT JOIN pos_cash_loans_per_client AS l USING (SK_ID_CURR);
