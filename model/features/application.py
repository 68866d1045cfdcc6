"""Cleaned application features: anomalies fixed, durations in years, affordability ratios."""
from __future__ import annotations

import numpy as np
import pandas as pd

from model.features.aggregate import safe_ratio

# DAYS_EMPLOYED uses this value for "not employed / pensioner", not 1,000 years of work.
DAYS_EMPLOYED_PLACEHOLDER = 365243
DAYS_PER_YEAR = 365.25

# Categories kept as integer codes (trees split on them; the code order is recorded in features.json).
CATEGORICAL = ("NAME_CONTRACT_TYPE", "CODE_GENDER", "NAME_INCOME_TYPE", "NAME_EDUCATION_TYPE",
               "NAME_FAMILY_STATUS", "NAME_HOUSING_TYPE", "OCCUPATION_TYPE")
BINARY = {"FLAG_OWN_CAR": "Y", "FLAG_OWN_REALTY": "Y"}
RAW_NUMERIC = (
    "CNT_CHILDREN", "AMT_INCOME_TOTAL", "AMT_CREDIT", "AMT_ANNUITY", "AMT_GOODS_PRICE",
    "REGION_POPULATION_RELATIVE", "OWN_CAR_AGE", "CNT_FAM_MEMBERS", "REGION_RATING_CLIENT_W_CITY",
    "EXT_SOURCE_1", "EXT_SOURCE_2", "EXT_SOURCE_3", "FLAG_DOCUMENT_3",
)
# Optional raw columns: used when present (they are in every Kaggle file, but not required).
OPTIONAL_NUMERIC = (
    "REG_CITY_NOT_WORK_CITY", "FLAG_WORK_PHONE", "FLAG_PHONE", "DEF_30_CNT_SOCIAL_CIRCLE",
    "DEF_60_CNT_SOCIAL_CIRCLE", "AMT_REQ_CREDIT_BUREAU_YEAR", "TOTALAREA_MODE",
    "YEARS_BEGINEXPLUATATION_AVG", "FLOORSMAX_AVG",
)


def _years(days: pd.Series) -> pd.Series:
    return (-days / DAYS_PER_YEAR).astype(np.float32)


def build_application(app: pd.DataFrame) -> pd.DataFrame:
    """Application features indexed by SK_ID_CURR (categoricals stay pandas categories here)."""
    out = pd.DataFrame(index=pd.Index(app["SK_ID_CURR"].to_numpy(), name="SK_ID_CURR"))
    for col in CATEGORICAL:
        out[col] = app[col].to_numpy()
    for col, yes in BINARY.items():
        out[col] = np.where(app[col].isna(), np.nan, (app[col] == yes).astype(np.float32)).astype(np.float32)
    for col in RAW_NUMERIC + tuple(c for c in OPTIONAL_NUMERIC if c in app.columns):
        out[col] = app[col].to_numpy(dtype=np.float32)

    employed = app["DAYS_EMPLOYED"].where(app["DAYS_EMPLOYED"] != DAYS_EMPLOYED_PLACEHOLDER)
    out["AGE_YEARS"] = _years(app["DAYS_BIRTH"]).to_numpy()
    out["EMPLOYMENT_YEARS"] = _years(employed).to_numpy()
    out["NOT_EMPLOYED"] = (app["DAYS_EMPLOYED"] == DAYS_EMPLOYED_PLACEHOLDER).astype(np.float32).to_numpy()
    out["REGISTRATION_YEARS"] = _years(app["DAYS_REGISTRATION"]).to_numpy()
    out["ID_PUBLISH_YEARS"] = _years(app["DAYS_ID_PUBLISH"]).to_numpy()
    out["PHONE_CHANGE_YEARS"] = _years(app["DAYS_LAST_PHONE_CHANGE"]).to_numpy()

    income, credit, annuity = app["AMT_INCOME_TOTAL"], app["AMT_CREDIT"], app["AMT_ANNUITY"]
    out["CREDIT_INCOME_RATIO"] = safe_ratio(credit, income).to_numpy()
    out["ANNUITY_INCOME_RATIO"] = safe_ratio(annuity, income).to_numpy()
    out["CREDIT_GOODS_RATIO"] = safe_ratio(credit, app["AMT_GOODS_PRICE"]).to_numpy()
    out["CREDIT_TERM_YEARS"] = safe_ratio(credit, annuity).to_numpy()
    out["EMPLOYED_AGE_RATIO"] = safe_ratio(employed, app["DAYS_BIRTH"]).to_numpy()
    out["INCOME_PER_PERSON"] = safe_ratio(income, app["CNT_FAM_MEMBERS"]).to_numpy()

    ext = app[["EXT_SOURCE_1", "EXT_SOURCE_2", "EXT_SOURCE_3"]].astype(np.float64)
    out["EXT_SOURCE_MEAN"] = ext.mean(axis=1).astype(np.float32).to_numpy()
    out["EXT_SOURCE_MIN"] = ext.min(axis=1).astype(np.float32).to_numpy()
    out["EXT_SOURCE_MAX"] = ext.max(axis=1).astype(np.float32).to_numpy()
    return out
