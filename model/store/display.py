"""What an advisor sees about a client in the list and on the client page: the `clients` table of the store."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

# For display only (the model's inputs come from model/features/sql/): Kaggle's "not employed" placeholder.
DAYS_EMPLOYED_PLACEHOLDER = 365243
DAYS_PER_YEAR = 365.25

# Model inputs the list's history counts come from (as backend/src/store/client-list.ts names them).
HISTORY_FEATURES = {"previous_applications": "PREV_APPLICATION_COUNT", "bureau_credits": "BUREAU_CREDIT_COUNT",
                    "pos_months": "POS_MONTH_COUNT", "pos_late_share": "POS_LATE_MONTH_SHARE",
                    "card_months": "CC_MONTH_COUNT", "card_late_share": "CC_LATE_MONTH_SHARE"}


def _text(series: pd.Series) -> list:
    return [None if pd.isna(v) else str(v) for v in series.astype("object")]


def _num(series: pd.Series, digits: int = 2) -> list:
    return [None if pd.isna(v) else round(float(v), digits) for v in series]


def display_rows(app: pd.DataFrame, dataset: str, proba: np.ndarray) -> pd.DataFrame:
    """What an advisor sees about a client, from the raw application table."""
    employed = app["DAYS_EMPLOYED"].where(app["DAYS_EMPLOYED"] != DAYS_EMPLOYED_PLACEHOLDER)
    return pd.DataFrame({
        "id": app["SK_ID_CURR"].astype(int).to_numpy(), "dataset": dataset,
        "target": app["TARGET"].astype("object").where(app["TARGET"].notna(), None).to_numpy()
        if "TARGET" in app.columns else None,
        "probability": np.round(proba, 6),
        "gender": _text(app["CODE_GENDER"]), "age_years": _num(-app["DAYS_BIRTH"] / DAYS_PER_YEAR, 1),
        "income": _num(app["AMT_INCOME_TOTAL"]), "credit_amount": _num(app["AMT_CREDIT"]),
        "annuity": _num(app["AMT_ANNUITY"]), "goods_price": _num(app["AMT_GOODS_PRICE"]),
        "contract_type": _text(app["NAME_CONTRACT_TYPE"]), "family_status": _text(app["NAME_FAMILY_STATUS"]),
        "education": _text(app["NAME_EDUCATION_TYPE"]), "income_type": _text(app["NAME_INCOME_TYPE"]),
        "occupation": _text(app["OCCUPATION_TYPE"]), "children": app["CNT_CHILDREN"].fillna(0).astype(int).to_numpy(),
        "employment_years": _num(-employed / DAYS_PER_YEAR, 1),
        "own_car": (app["FLAG_OWN_CAR"].astype(str) == "Y").astype(int).to_numpy(),
        "own_realty": (app["FLAG_OWN_REALTY"].astype(str) == "Y").astype(int).to_numpy(),
    })


def _round_half_up(value: float) -> int:
    # JavaScript's Math.round, which the API used when it computed these counts itself.
    return int(math.floor(value + 0.5))


def history_counts(X: pd.DataFrame) -> pd.DataFrame:
    """previous_applications, bureau_credits and late_months of each client (None: no such history), read from
    the model inputs as float32, the precision the store keeps them in. A late-month share times its month
    count is a whole number up to float32 rounding, hence the rounding."""
    def column(name: str) -> np.ndarray:
        if name not in X.columns:
            return np.full(len(X), np.nan)
        return X[name].to_numpy(np.float32).astype(np.float64)

    def late(months: str, share: str) -> np.ndarray:
        return column(HISTORY_FEATURES[months]) * column(HISTORY_FEATURES[share])

    pos, card = late("pos_months", "pos_late_share"), late("card_months", "card_late_share")
    count = lambda values: [None if not np.isfinite(v) else _round_half_up(v) for v in values]  # noqa: E731
    late_months = [None if not (np.isfinite(p) or np.isfinite(c)) else
                   (_round_half_up(p) if np.isfinite(p) else 0) + (_round_half_up(c) if np.isfinite(c) else 0)
                   for p, c in zip(pos, card)]
    columns = {"previous_applications": count(column(HISTORY_FEATURES["previous_applications"])),
               "bureau_credits": count(column(HISTORY_FEATURES["bureau_credits"])), "late_months": late_months}
    # object columns: whole numbers or None, as the store writes them.
    return pd.DataFrame({k: pd.Series(v, dtype=object, index=X.index) for k, v in columns.items()})
