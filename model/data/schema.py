"""What each Kaggle table must contain, and how to type its columns.

Only the columns the features use are required; any other column is read too (as
float32 or category) so the full download works unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableSchema:
    file_stem: str
    ids: tuple[str, ...]
    categorical: tuple[str, ...]
    required: tuple[str, ...]


APPLICATION_CATEGORICAL = (
    "NAME_CONTRACT_TYPE", "CODE_GENDER", "FLAG_OWN_CAR", "FLAG_OWN_REALTY", "NAME_TYPE_SUITE",
    "NAME_INCOME_TYPE", "NAME_EDUCATION_TYPE", "NAME_FAMILY_STATUS", "NAME_HOUSING_TYPE",
    "OCCUPATION_TYPE", "WEEKDAY_APPR_PROCESS_START", "ORGANIZATION_TYPE", "FONDKAPREMONT_MODE",
    "HOUSETYPE_MODE", "WALLSMATERIAL_MODE", "EMERGENCYSTATE_MODE",
)
APPLICATION_REQUIRED = (
    "SK_ID_CURR", "NAME_CONTRACT_TYPE", "CODE_GENDER", "FLAG_OWN_CAR", "FLAG_OWN_REALTY",
    "CNT_CHILDREN", "AMT_INCOME_TOTAL", "AMT_CREDIT", "AMT_ANNUITY", "AMT_GOODS_PRICE",
    "NAME_INCOME_TYPE", "NAME_EDUCATION_TYPE", "NAME_FAMILY_STATUS", "NAME_HOUSING_TYPE",
    "REGION_POPULATION_RELATIVE", "DAYS_BIRTH", "DAYS_EMPLOYED", "DAYS_REGISTRATION",
    "DAYS_ID_PUBLISH", "OWN_CAR_AGE", "OCCUPATION_TYPE", "CNT_FAM_MEMBERS",
    "REGION_RATING_CLIENT_W_CITY", "EXT_SOURCE_1", "EXT_SOURCE_2", "EXT_SOURCE_3",
    "DAYS_LAST_PHONE_CHANGE", "FLAG_DOCUMENT_3",
)

SCHEMAS: dict[str, TableSchema] = {
    "application_train": TableSchema("application_train", ("SK_ID_CURR",), APPLICATION_CATEGORICAL,
                                     APPLICATION_REQUIRED + ("TARGET",)),
    "application_test": TableSchema("application_test", ("SK_ID_CURR",), APPLICATION_CATEGORICAL,
                                    APPLICATION_REQUIRED),
    "bureau": TableSchema(
        "bureau", ("SK_ID_CURR", "SK_ID_BUREAU"), ("CREDIT_ACTIVE", "CREDIT_CURRENCY", "CREDIT_TYPE"),
        ("SK_ID_CURR", "SK_ID_BUREAU", "CREDIT_ACTIVE", "DAYS_CREDIT", "DAYS_CREDIT_ENDDATE",
         "AMT_CREDIT_MAX_OVERDUE", "CNT_CREDIT_PROLONG", "AMT_CREDIT_SUM", "AMT_CREDIT_SUM_DEBT",
         "AMT_CREDIT_SUM_OVERDUE")),
    "bureau_balance": TableSchema("bureau_balance", ("SK_ID_BUREAU",), ("STATUS",),
                                  ("SK_ID_BUREAU", "MONTHS_BALANCE", "STATUS")),
    "previous_application": TableSchema(
        "previous_application", ("SK_ID_PREV", "SK_ID_CURR"),
        ("NAME_CONTRACT_TYPE", "WEEKDAY_APPR_PROCESS_START", "FLAG_LAST_APPL_PER_CONTRACT",
         "NAME_CASH_LOAN_PURPOSE", "NAME_CONTRACT_STATUS", "NAME_PAYMENT_TYPE", "CODE_REJECT_REASON",
         "NAME_TYPE_SUITE", "NAME_CLIENT_TYPE", "NAME_GOODS_CATEGORY", "NAME_PORTFOLIO",
         "NAME_PRODUCT_TYPE", "CHANNEL_TYPE", "NAME_SELLER_INDUSTRY", "NAME_YIELD_GROUP",
         "PRODUCT_COMBINATION"),
        ("SK_ID_PREV", "SK_ID_CURR", "AMT_ANNUITY", "AMT_APPLICATION", "AMT_CREDIT",
         "NAME_CONTRACT_STATUS", "DAYS_DECISION", "CNT_PAYMENT", "RATE_DOWN_PAYMENT")),
    "POS_CASH_balance": TableSchema(
        "POS_CASH_balance", ("SK_ID_PREV", "SK_ID_CURR"), ("NAME_CONTRACT_STATUS",),
        ("SK_ID_PREV", "SK_ID_CURR", "MONTHS_BALANCE", "CNT_INSTALMENT_FUTURE", "NAME_CONTRACT_STATUS",
         "SK_DPD", "SK_DPD_DEF")),
    "credit_card_balance": TableSchema(
        "credit_card_balance", ("SK_ID_PREV", "SK_ID_CURR"), ("NAME_CONTRACT_STATUS",),
        ("SK_ID_PREV", "SK_ID_CURR", "MONTHS_BALANCE", "AMT_BALANCE", "AMT_CREDIT_LIMIT_ACTUAL",
         "AMT_DRAWINGS_CURRENT", "AMT_INST_MIN_REGULARITY", "AMT_PAYMENT_TOTAL_CURRENT", "SK_DPD")),
    "installments_payments": TableSchema(
        "installments_payments", ("SK_ID_PREV", "SK_ID_CURR"), (),
        ("SK_ID_PREV", "SK_ID_CURR", "DAYS_INSTALMENT", "DAYS_ENTRY_PAYMENT", "AMT_INSTALMENT",
         "AMT_PAYMENT")),
}

RELATIONAL_TABLES = ("bureau", "bureau_balance", "previous_application", "POS_CASH_balance",
                     "credit_card_balance", "installments_payments")
