"""Earlier Home Credit applications, split into approved and refused."""
from __future__ import annotations

import numpy as np
import pandas as pd

from model.features.aggregate import aggregate, safe_ratio


def build_previous(prev: pd.DataFrame | None) -> pd.DataFrame:
    """Client-level features of previous applications; no columns when the table is absent."""
    if prev is None:
        return pd.DataFrame(index=pd.Index([], name="SK_ID_CURR"))
    p = prev.copy()
    status = p["NAME_CONTRACT_STATUS"].astype(str)
    p["approved"] = (status == "Approved").astype(np.float32)
    p["refused"] = (status == "Refused").astype(np.float32)
    p["years_ago"] = (-p["DAYS_DECISION"] / 365.25).astype(np.float32)
    p["app_credit_ratio"] = safe_ratio(p["AMT_APPLICATION"], p["AMT_CREDIT"])
    approved = p["approved"] == 1
    p["approved_credit"] = p["AMT_CREDIT"].where(approved)
    p["approved_annuity"] = p["AMT_ANNUITY"].where(approved)
    p["approved_term"] = p["CNT_PAYMENT"].where(approved)
    p["refused_years_ago"] = p["years_ago"].where(p["refused"] == 1)
    out = aggregate(p, {
        "PREV_APPLICATION_COUNT": ("SK_ID_PREV", "count"),
        "PREV_APPROVED_COUNT": ("approved", "sum"),
        "PREV_REFUSED_COUNT": ("refused", "sum"),
        "PREV_YEARS_SINCE_LAST": ("years_ago", "min"),
        "PREV_YEARS_SINCE_LAST_REFUSAL": ("refused_years_ago", "min"),
        "PREV_APPROVED_CREDIT_MEAN": ("approved_credit", "mean"),
        "PREV_APPROVED_ANNUITY_MEAN": ("approved_annuity", "mean"),
        "PREV_APPROVED_TERM_MEAN": ("approved_term", "mean"),
        "PREV_ASKED_GRANTED_RATIO": ("app_credit_ratio", "mean"),
        "PREV_DOWN_PAYMENT_RATE": ("RATE_DOWN_PAYMENT", "mean"),
    })
    out["PREV_REFUSED_SHARE"] = safe_ratio(out["PREV_REFUSED_COUNT"], out["PREV_APPLICATION_COUNT"])
    return out
