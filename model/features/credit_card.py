"""Monthly credit card snapshots: utilisation, drawings, repayments and lateness."""
from __future__ import annotations

import numpy as np
import pandas as pd

from model.features.aggregate import aggregate, safe_ratio


def build_credit_card(cc: pd.DataFrame | None) -> pd.DataFrame:
    """Client-level credit card behaviour; no columns when the table is absent."""
    if cc is None:
        return pd.DataFrame(index=pd.Index([], name="SK_ID_CURR"))
    c = cc.copy()
    c["utilisation"] = safe_ratio(c["AMT_BALANCE"], c["AMT_CREDIT_LIMIT_ACTUAL"])
    c["paid_min_ratio"] = safe_ratio(c["AMT_PAYMENT_TOTAL_CURRENT"], c["AMT_INST_MIN_REGULARITY"])
    c["late"] = (c["SK_DPD"] > 0).astype(np.float32)
    return aggregate(c, {
        "CC_MONTH_COUNT": ("MONTHS_BALANCE", "count"),
        "CC_BALANCE_MEAN": ("AMT_BALANCE", "mean"),
        "CC_LIMIT_MEAN": ("AMT_CREDIT_LIMIT_ACTUAL", "mean"),
        "CC_UTILISATION_MEAN": ("utilisation", "mean"),
        "CC_UTILISATION_MAX": ("utilisation", "max"),
        "CC_DRAWINGS_MEAN": ("AMT_DRAWINGS_CURRENT", "mean"),
        "CC_PAID_MIN_RATIO_MEAN": ("paid_min_ratio", "mean"),
        "CC_LATE_MONTH_SHARE": ("late", "mean"),
    })
