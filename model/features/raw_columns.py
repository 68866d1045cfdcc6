"""The raw Kaggle columns the feature definitions (model/features/sql/) read, per table, and their SQL types.

Ids are BIGINT, numbers DOUBLE (the SQL rounds them to float32 itself), categories and Y/N flags
VARCHAR. An absent table is an empty table of these columns; an absent optional column is NULL.
"""
from __future__ import annotations

ID, NUMBER, TEXT = "BIGINT", "DOUBLE", "VARCHAR"

APPLICATION_CATEGORIES = ("NAME_CONTRACT_TYPE", "CODE_GENDER", "NAME_INCOME_TYPE", "NAME_EDUCATION_TYPE",
                          "NAME_FAMILY_STATUS", "NAME_HOUSING_TYPE", "OCCUPATION_TYPE")
APPLICATION_FLAGS = ("FLAG_OWN_CAR", "FLAG_OWN_REALTY")
APPLICATION_NUMBERS = (
    "CNT_CHILDREN", "AMT_INCOME_TOTAL", "AMT_CREDIT", "AMT_ANNUITY", "AMT_GOODS_PRICE",
    "REGION_POPULATION_RELATIVE", "DAYS_BIRTH", "DAYS_EMPLOYED", "DAYS_REGISTRATION", "DAYS_ID_PUBLISH",
    "OWN_CAR_AGE", "CNT_FAM_MEMBERS", "REGION_RATING_CLIENT_W_CITY", "EXT_SOURCE_1", "EXT_SOURCE_2",
    "EXT_SOURCE_3", "DAYS_LAST_PHONE_CHANGE", "FLAG_DOCUMENT_3", "REG_CITY_NOT_WORK_CITY", "FLAG_WORK_PHONE",
    "FLAG_PHONE", "DEF_30_CNT_SOCIAL_CIRCLE", "DEF_60_CNT_SOCIAL_CIRCLE", "AMT_REQ_CREDIT_BUREAU_YEAR",
    "TOTALAREA_MODE", "YEARS_BEGINEXPLUATATION_AVG", "FLOORSMAX_AVG",
)

RAW_COLUMNS: dict[str, dict[str, str]] = {
    "application": {"SK_ID_CURR": ID} | {c: TEXT for c in APPLICATION_CATEGORIES + APPLICATION_FLAGS}
    | {c: NUMBER for c in APPLICATION_NUMBERS},
    "bureau": {"SK_ID_CURR": ID, "SK_ID_BUREAU": ID, "CREDIT_ACTIVE": TEXT, "DAYS_CREDIT": NUMBER,
               "DAYS_CREDIT_ENDDATE": NUMBER, "AMT_CREDIT_MAX_OVERDUE": NUMBER, "CNT_CREDIT_PROLONG": NUMBER,
               "AMT_CREDIT_SUM": NUMBER, "AMT_CREDIT_SUM_DEBT": NUMBER, "AMT_CREDIT_SUM_OVERDUE": NUMBER},
    "bureau_balance": {"SK_ID_BUREAU": ID, "MONTHS_BALANCE": NUMBER, "STATUS": TEXT},
    "previous_application": {"SK_ID_PREV": ID, "SK_ID_CURR": ID, "NAME_CONTRACT_STATUS": TEXT,
                             "DAYS_DECISION": NUMBER, "AMT_APPLICATION": NUMBER, "AMT_CREDIT": NUMBER,
                             "AMT_ANNUITY": NUMBER, "CNT_PAYMENT": NUMBER, "RATE_DOWN_PAYMENT": NUMBER},
    "POS_CASH_balance": {"SK_ID_PREV": ID, "SK_ID_CURR": ID, "MONTHS_BALANCE": NUMBER,
                         "CNT_INSTALMENT_FUTURE": NUMBER, "NAME_CONTRACT_STATUS": TEXT, "SK_DPD": NUMBER,
                         "SK_DPD_DEF": NUMBER},
    "credit_card_balance": {"SK_ID_PREV": ID, "SK_ID_CURR": ID, "MONTHS_BALANCE": NUMBER, "AMT_BALANCE": NUMBER,
                            "AMT_CREDIT_LIMIT_ACTUAL": NUMBER, "AMT_DRAWINGS_CURRENT": NUMBER,
                            "AMT_INST_MIN_REGULARITY": NUMBER, "AMT_PAYMENT_TOTAL_CURRENT": NUMBER,
                            "SK_DPD": NUMBER},
    "installments_payments": {"SK_ID_PREV": ID, "SK_ID_CURR": ID, "DAYS_INSTALMENT": NUMBER,
                              "DAYS_ENTRY_PAYMENT": NUMBER, "AMT_INSTALMENT": NUMBER, "AMT_PAYMENT": NUMBER},
}
HISTORY_TABLES = tuple(name for name in RAW_COLUMNS if name != "application")

# Run order of the definition files: helpers, one file per source table, then the join.
SQL_FILES = ("macros.sql", "application.sql", "bureau.sql", "previous_application.sql", "pos_cash.sql",
             "credit_card.sql", "installments.sql", "model_inputs.sql")

# Outputs that need a history table: when training on a folder without it, they are left out of the
# model (their values would all be missing), as the model was always trained.
OUTPUT_NEEDS = {"BUREAU_": ("bureau",), "PREV_": ("previous_application",), "POS_": ("POS_CASH_balance",),
                "CC_": ("credit_card_balance",), "INST_": ("installments_payments",)}
NEEDS_BUREAU_BALANCE = ("BUREAU_LATE_MONTH_SHARE", "BUREAU_WORST_LATENESS", "BUREAU_HISTORY_MONTHS")


def tables_needed(output: str) -> tuple[str, ...]:
    """The history tables an output is computed from (empty for application-only outputs)."""
    if output in NEEDS_BUREAU_BALANCE:
        return ("bureau", "bureau_balance")
    for prefix, tables in OUTPUT_NEEDS.items():
        if output.startswith(prefix):
            return tables
    return ()
