-- Reads: previous_application (one row per earlier Home Credit application SK_ID_PREV of client
-- SK_ID_CURR, with its decision NAME_CONTRACT_STATUS: Approved, Refused, Canceled, Unused offer).
-- Outputs (view previous_application_features, one row per client with at least one earlier
-- application; other clients get every output missing):
--   PREV_APPLICATION_COUNT, PREV_APPROVED_COUNT, PREV_REFUSED_COUNT: applications and decisions;
--   PREV_YEARS_SINCE_LAST, PREV_YEARS_SINCE_LAST_REFUSAL: years since the latest decision / refusal;
--   PREV_APPROVED_CREDIT_MEAN, PREV_APPROVED_ANNUITY_MEAN, PREV_APPROVED_TERM_MEAN: average credit,
--   annuity and number of payments of the approved ones;
--   PREV_ASKED_GRANTED_RATIO: average of amount asked / amount granted;
--   PREV_DOWN_PAYMENT_RATE: average down-payment rate; PREV_REFUSED_SHARE: refused / applications.
CREATE OR REPLACE TEMP VIEW previous_application_features AS
WITH previous_decisions AS (
    SELECT
        CAST(SK_ID_CURR AS BIGINT) AS SK_ID_CURR,
        CAST(SK_ID_PREV AS BIGINT) AS SK_ID_PREV,
        rowid AS row_order,
        coalesce(category(NAME_CONTRACT_STATUS) = 'Approved', false) AS approved,
        coalesce(category(NAME_CONTRACT_STATUS) = 'Refused', false) AS refused,
        as_loaded(years_before(as_loaded(DAYS_DECISION))) AS years_ago,
        as_loaded(safe_ratio(as_loaded(AMT_APPLICATION), as_loaded(AMT_CREDIT))) AS asked_granted_ratio,
        as_loaded(AMT_CREDIT) AS AMT_CREDIT,
        as_loaded(AMT_ANNUITY) AS AMT_ANNUITY,
        as_loaded(CNT_PAYMENT) AS CNT_PAYMENT,
        as_loaded(RATE_DOWN_PAYMENT) AS RATE_DOWN_PAYMENT
    FROM previous_application
),
previous_per_client AS (
    SELECT SK_ID_CURR,
        CAST(count(SK_ID_PREV) AS DOUBLE) AS PREV_APPLICATION_COUNT,
        sum(CASE WHEN approved THEN 1.0 ELSE 0.0 END) AS PREV_APPROVED_COUNT,
        sum(CASE WHEN refused THEN 1.0 ELSE 0.0 END) AS PREV_REFUSED_COUNT,
        min(years_ago) AS PREV_YEARS_SINCE_LAST,
        min(CASE WHEN refused THEN years_ago END) AS PREV_YEARS_SINCE_LAST_REFUSAL,
        mean_f32(CASE WHEN approved THEN AMT_CREDIT END, row_order) AS PREV_APPROVED_CREDIT_MEAN,
        mean_f32(CASE WHEN approved THEN AMT_ANNUITY END, row_order) AS PREV_APPROVED_ANNUITY_MEAN,
        mean_f32(CASE WHEN approved THEN CNT_PAYMENT END, row_order) AS PREV_APPROVED_TERM_MEAN,
        mean_f32(asked_granted_ratio, row_order) AS PREV_ASKED_GRANTED_RATIO,
        mean_f32(RATE_DOWN_PAYMENT, row_order) AS PREV_DOWN_PAYMENT_RATE
    FROM previous_decisions
    GROUP BY SK_ID_CURR
)
SELECT *, as_loaded(safe_ratio(PREV_REFUSED_COUNT, PREV_APPLICATION_COUNT)) AS PREV_REFUSED_SHARE
FROM previous_per_client;
