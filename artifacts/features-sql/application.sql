-- Reads: application (one row per application: application_train/test columns, or one API application).
-- Outputs (view application_features, one row per SK_ID_CURR): the applicant's own inputs.
--   * category columns as their text (model_inputs.sql maps them to the model's codes);
--   * FLAG_OWN_CAR / FLAG_OWN_REALTY as 1 (Y) / 0 (N), missing when missing;
--   * raw numbers as float32, unchanged;
--   * durations in years (DAYS_* are days before the application, negative), DAYS_EMPLOYED = 365243
--     meaning "not employed / pensioner" (NOT_EMPLOYED = 1, EMPLOYMENT_YEARS missing);
--   * affordability ratios (credit / income, annuity / income, credit / goods price, credit / annuity
--     = term in years of annuity, time employed / age, income per household member), missing when
--     the denominator is 0 or missing;
--   * the mean, minimum and maximum of the external scores that are present.
CREATE OR REPLACE TEMP VIEW application_features AS
WITH application_as_loaded AS (
    SELECT
        CAST(SK_ID_CURR AS BIGINT) AS SK_ID_CURR,
        category(NAME_CONTRACT_TYPE) AS NAME_CONTRACT_TYPE,
        category(CODE_GENDER) AS CODE_GENDER,
        category(NAME_INCOME_TYPE) AS NAME_INCOME_TYPE,
        category(NAME_EDUCATION_TYPE) AS NAME_EDUCATION_TYPE,
        category(NAME_FAMILY_STATUS) AS NAME_FAMILY_STATUS,
        category(NAME_HOUSING_TYPE) AS NAME_HOUSING_TYPE,
        category(OCCUPATION_TYPE) AS OCCUPATION_TYPE,
        category(FLAG_OWN_CAR) AS FLAG_OWN_CAR,
        category(FLAG_OWN_REALTY) AS FLAG_OWN_REALTY,
        as_loaded(CNT_CHILDREN) AS CNT_CHILDREN,
        as_loaded(AMT_INCOME_TOTAL) AS AMT_INCOME_TOTAL,
        as_loaded(AMT_CREDIT) AS AMT_CREDIT,
        as_loaded(AMT_ANNUITY) AS AMT_ANNUITY,
        as_loaded(AMT_GOODS_PRICE) AS AMT_GOODS_PRICE,
        as_loaded(REGION_POPULATION_RELATIVE) AS REGION_POPULATION_RELATIVE,
        as_loaded(DAYS_BIRTH) AS DAYS_BIRTH,
        as_loaded(DAYS_EMPLOYED) AS DAYS_EMPLOYED,
        as_loaded(DAYS_REGISTRATION) AS DAYS_REGISTRATION,
        as_loaded(DAYS_ID_PUBLISH) AS DAYS_ID_PUBLISH,
        as_loaded(OWN_CAR_AGE) AS OWN_CAR_AGE,
        as_loaded(CNT_FAM_MEMBERS) AS CNT_FAM_MEMBERS,
        as_loaded(REGION_RATING_CLIENT_W_CITY) AS REGION_RATING_CLIENT_W_CITY,
        as_loaded(EXT_SOURCE_1) AS EXT_SOURCE_1,
        as_loaded(EXT_SOURCE_2) AS EXT_SOURCE_2,
        as_loaded(EXT_SOURCE_3) AS EXT_SOURCE_3,
        as_loaded(DAYS_LAST_PHONE_CHANGE) AS DAYS_LAST_PHONE_CHANGE,
        as_loaded(FLAG_DOCUMENT_3) AS FLAG_DOCUMENT_3,
        as_loaded(REG_CITY_NOT_WORK_CITY) AS REG_CITY_NOT_WORK_CITY,
        as_loaded(FLAG_WORK_PHONE) AS FLAG_WORK_PHONE,
        as_loaded(FLAG_PHONE) AS FLAG_PHONE,
        as_loaded(DEF_30_CNT_SOCIAL_CIRCLE) AS DEF_30_CNT_SOCIAL_CIRCLE,
        as_loaded(DEF_60_CNT_SOCIAL_CIRCLE) AS DEF_60_CNT_SOCIAL_CIRCLE,
        as_loaded(AMT_REQ_CREDIT_BUREAU_YEAR) AS AMT_REQ_CREDIT_BUREAU_YEAR,
        as_loaded(TOTALAREA_MODE) AS TOTALAREA_MODE,
        as_loaded(YEARS_BEGINEXPLUATATION_AVG) AS YEARS_BEGINEXPLUATATION_AVG,
        as_loaded(FLOORSMAX_AVG) AS FLOORSMAX_AVG
    FROM application
),
application_employment AS (
    SELECT *,
        -- 365243 days is Kaggle's placeholder for "no current employment", not 1,000 years of work.
        CASE WHEN DAYS_EMPLOYED <> 365243 THEN DAYS_EMPLOYED END AS days_employed_current,
        CASE WHEN DAYS_EMPLOYED = 365243 THEN 1.0 ELSE 0.0 END AS not_employed
    FROM application_as_loaded
),
application_with_external_scores AS (
    SELECT *,
        -- Summed left to right, missing scores skipped, as the former code did.
        (coalesce(EXT_SOURCE_1, 0) + coalesce(EXT_SOURCE_2, 0) + coalesce(EXT_SOURCE_3, 0))
            / NULLIF((EXT_SOURCE_1 IS NOT NULL)::INTEGER + (EXT_SOURCE_2 IS NOT NULL)::INTEGER
                     + (EXT_SOURCE_3 IS NOT NULL)::INTEGER, 0) AS ext_mean,
        least(EXT_SOURCE_1, EXT_SOURCE_2, EXT_SOURCE_3) AS ext_min,
        greatest(EXT_SOURCE_1, EXT_SOURCE_2, EXT_SOURCE_3) AS ext_max
    FROM application_employment
)
SELECT
    a.SK_ID_CURR,
    a.NAME_CONTRACT_TYPE, a.CODE_GENDER, a.NAME_INCOME_TYPE, a.NAME_EDUCATION_TYPE, a.NAME_FAMILY_STATUS,
    a.NAME_HOUSING_TYPE, a.OCCUPATION_TYPE,
    CASE WHEN a.FLAG_OWN_CAR IS NULL THEN NULL WHEN a.FLAG_OWN_CAR = 'Y' THEN 1.0 ELSE 0.0 END AS FLAG_OWN_CAR,
    CASE WHEN a.FLAG_OWN_REALTY IS NULL THEN NULL WHEN a.FLAG_OWN_REALTY = 'Y' THEN 1.0 ELSE 0.0 END
        AS FLAG_OWN_REALTY,
    a.CNT_CHILDREN, a.AMT_INCOME_TOTAL, a.AMT_CREDIT, a.AMT_ANNUITY, a.AMT_GOODS_PRICE,
    a.REGION_POPULATION_RELATIVE, a.OWN_CAR_AGE, a.CNT_FAM_MEMBERS, a.REGION_RATING_CLIENT_W_CITY,
    a.EXT_SOURCE_1, a.EXT_SOURCE_2, a.EXT_SOURCE_3, a.FLAG_DOCUMENT_3,
    a.REG_CITY_NOT_WORK_CITY, a.FLAG_WORK_PHONE, a.FLAG_PHONE, a.DEF_30_CNT_SOCIAL_CIRCLE,
    a.DEF_60_CNT_SOCIAL_CIRCLE, a.AMT_REQ_CREDIT_BUREAU_YEAR, a.TOTALAREA_MODE, a.YEARS_BEGINEXPLUATATION_AVG,
    a.FLOORSMAX_AVG,
    as_loaded(years_before(a.DAYS_BIRTH)) AS AGE_YEARS,
    as_loaded(years_before(a.days_employed_current)) AS EMPLOYMENT_YEARS,
    a.not_employed AS NOT_EMPLOYED,
    as_loaded(years_before(a.DAYS_REGISTRATION)) AS REGISTRATION_YEARS,
    as_loaded(years_before(a.DAYS_ID_PUBLISH)) AS ID_PUBLISH_YEARS,
    as_loaded(years_before(a.DAYS_LAST_PHONE_CHANGE)) AS PHONE_CHANGE_YEARS,
    as_loaded(safe_ratio(a.AMT_CREDIT, a.AMT_INCOME_TOTAL)) AS CREDIT_INCOME_RATIO,
    as_loaded(safe_ratio(a.AMT_ANNUITY, a.AMT_INCOME_TOTAL)) AS ANNUITY_INCOME_RATIO,
    as_loaded(safe_ratio(a.AMT_CREDIT, a.AMT_GOODS_PRICE)) AS CREDIT_GOODS_RATIO,
    as_loaded(safe_ratio(a.AMT_CREDIT, a.AMT_ANNUITY)) AS CREDIT_TERM_YEARS,
    as_loaded(safe_ratio(a.days_employed_current, a.DAYS_BIRTH)) AS EMPLOYED_AGE_RATIO,
    as_loaded(safe_ratio(a.AMT_INCOME_TOTAL, a.CNT_FAM_MEMBERS)) AS INCOME_PER_PERSON,
    as_loaded(a.ext_mean) AS EXT_SOURCE_MEAN,
    a.ext_min AS EXT_SOURCE_MIN,
    a.ext_max AS EXT_SOURCE_MAX
FROM application_with_external_scores AS a;
