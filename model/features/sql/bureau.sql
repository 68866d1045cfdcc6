-- Reads: bureau (one row per credit at another institution, SK_ID_BUREAU, of client SK_ID_CURR) and
-- bureau_balance (one row per month of such a credit's history: STATUS 0 = no days past due,
-- 1..5 = increasingly late, C = closed, X = unknown).
-- Outputs (view bureau_features, one row per client with at least one bureau credit; clients
-- without any get every output missing):
--   BUREAU_CREDIT_COUNT, BUREAU_ACTIVE_COUNT: credits, and those still active;
--   BUREAU_YEARS_SINCE_LAST / _FIRST: years since the newest / oldest credit was granted;
--   BUREAU_ACTIVE_YEARS_LEFT_MAX: longest remaining term of an active credit, in years;
--   BUREAU_DEBT_SUM (active credits), BUREAU_CREDIT_SUM, BUREAU_OVERDUE_SUM: amounts summed, missing
--   when every amount is missing; BUREAU_MAX_OVERDUE: largest overdue amount ever;
--   BUREAU_PROLONG_COUNT: prolongations summed;
--   BUREAU_LATE_MONTH_SHARE: average over credits of each credit's share of late months;
--   BUREAU_WORST_LATENESS: worst lateness level (0-5) of any month; BUREAU_HISTORY_MONTHS: months of
--   history summed over credits (the last three missing when no credit has monthly history);
--   BUREAU_DEBT_CREDIT_RATIO: active debt / total credit (missing when the total is 0 or missing).
CREATE OR REPLACE TEMP VIEW bureau_features AS
WITH bureau_monthly_lateness AS (
    SELECT
        CAST(SK_ID_BUREAU AS BIGINT) AS SK_ID_BUREAU,
        CASE WHEN STATUS IN ('1', '2', '3', '4', '5') THEN CAST(STATUS AS DOUBLE) ELSE 0.0 END AS late_level
    FROM bureau_balance
),
bureau_credit_history AS (
    -- Every month counts, whatever its status (a missing status is not late).
    SELECT SK_ID_BUREAU,
        CAST(count(*) AS DOUBLE) AS history_months,
        as_loaded(avg(CASE WHEN late_level > 0 THEN 1.0 ELSE 0.0 END)) AS late_month_share,
        max(late_level) AS worst_lateness
    FROM bureau_monthly_lateness
    GROUP BY SK_ID_BUREAU
),
bureau_credits AS (
    SELECT
        CAST(b.SK_ID_CURR AS BIGINT) AS SK_ID_CURR,
        CAST(b.SK_ID_BUREAU AS BIGINT) AS SK_ID_BUREAU,
        b.rowid AS row_order,
        coalesce(category(b.CREDIT_ACTIVE) = 'Active', false) AS active,
        as_loaded(years_before(as_loaded(b.DAYS_CREDIT))) AS years_since,
        as_loaded(b.DAYS_CREDIT_ENDDATE) / 365.25 AS years_left_raw,
        as_loaded(b.AMT_CREDIT_MAX_OVERDUE) AS AMT_CREDIT_MAX_OVERDUE,
        as_loaded(b.CNT_CREDIT_PROLONG) AS CNT_CREDIT_PROLONG,
        as_loaded(b.AMT_CREDIT_SUM) AS AMT_CREDIT_SUM,
        as_loaded(b.AMT_CREDIT_SUM_DEBT) AS AMT_CREDIT_SUM_DEBT,
        as_loaded(b.AMT_CREDIT_SUM_OVERDUE) AS AMT_CREDIT_SUM_OVERDUE
    FROM bureau AS b
),
bureau_credits_with_history AS (
    SELECT c.*, h.history_months, h.late_month_share, h.worst_lateness
    FROM bureau_credits AS c
    LEFT JOIN bureau_credit_history AS h USING (SK_ID_BUREAU)
),
bureau_per_client AS (
    SELECT SK_ID_CURR,
        CAST(count(SK_ID_BUREAU) AS DOUBLE) AS BUREAU_CREDIT_COUNT,
        sum(CASE WHEN active THEN 1.0 ELSE 0.0 END) AS BUREAU_ACTIVE_COUNT,
        min(years_since) AS BUREAU_YEARS_SINCE_LAST,
        max(years_since) AS BUREAU_YEARS_SINCE_FIRST,
        max(CASE WHEN active THEN as_loaded(years_left_raw) END) AS BUREAU_ACTIVE_YEARS_LEFT_MAX,
        sum_f32(CASE WHEN active THEN AMT_CREDIT_SUM_DEBT END, row_order) AS BUREAU_DEBT_SUM,
        sum_f32(AMT_CREDIT_SUM, row_order) AS BUREAU_CREDIT_SUM,
        sum_f32(AMT_CREDIT_SUM_OVERDUE, row_order) AS BUREAU_OVERDUE_SUM,
        max(AMT_CREDIT_MAX_OVERDUE) AS BUREAU_MAX_OVERDUE,
        sum_f32(CNT_CREDIT_PROLONG, row_order) AS BUREAU_PROLONG_COUNT,
        mean_f32(late_month_share, row_order) AS BUREAU_LATE_MONTH_SHARE,
        max(worst_lateness) AS BUREAU_WORST_LATENESS,
        sum_f32(history_months, row_order) AS BUREAU_HISTORY_MONTHS
    FROM bureau_credits_with_history
    GROUP BY SK_ID_CURR
)
SELECT *, as_loaded(safe_ratio(BUREAU_DEBT_SUM, BUREAU_CREDIT_SUM)) AS BUREAU_DEBT_CREDIT_RATIO
FROM bureau_per_client;
