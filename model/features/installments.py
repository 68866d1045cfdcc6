"""Instalment payments (in the full Kaggle download only): punctuality and completeness."""
from __future__ import annotations

import numpy as np
import pandas as pd

from model.features.aggregate import aggregate, safe_ratio


def build_installments(inst: pd.DataFrame | None) -> pd.DataFrame:
    """Client-level payment behaviour; no columns when the table is absent (as in the sample)."""
    if inst is None:
        return pd.DataFrame(index=pd.Index([], name="SK_ID_CURR"))
    i = inst.copy()
    days_late = (i["DAYS_ENTRY_PAYMENT"] - i["DAYS_INSTALMENT"]).astype(np.float32)
    i["late"] = (days_late > 0).astype(np.float32).where(days_late.notna())
    i["days_late"] = days_late.clip(lower=0)
    i["underpaid"] = (i["AMT_PAYMENT"] < i["AMT_INSTALMENT"]).astype(np.float32)
    i["paid_ratio"] = safe_ratio(i["AMT_PAYMENT"], i["AMT_INSTALMENT"])
    return aggregate(i, {
        "INST_PAYMENT_COUNT": ("AMT_INSTALMENT", "count"),
        "INST_LATE_SHARE": ("late", "mean"),
        "INST_DAYS_LATE_MEAN": ("days_late", "mean"),
        "INST_UNDERPAID_SHARE": ("underpaid", "mean"),
        "INST_PAID_RATIO_MEAN": ("paid_ratio", "mean"),
    })
