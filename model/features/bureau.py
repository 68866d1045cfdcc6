"""Credits at other institutions: bureau_balance rolled up to each credit, then credits to the client."""
from __future__ import annotations

import numpy as np
import pandas as pd

from model.features.aggregate import aggregate, safe_ratio

# bureau_balance STATUS: 0 = no days past due, 1..5 = increasing months late, C = closed, X = unknown.
LATE_STATUSES = ("1", "2", "3", "4", "5")


def roll_up_bureau_balance(bureau_balance: pd.DataFrame | None) -> pd.DataFrame | None:
    """Per bureau credit: months of history, share of late months and worst lateness (0-5)."""
    if bureau_balance is None:
        return None
    status = bureau_balance["STATUS"].astype(str)
    late_level = pd.to_numeric(status.where(status.isin(LATE_STATUSES)), errors="coerce").fillna(0)
    frame = pd.DataFrame({
        "SK_ID_BUREAU": bureau_balance["SK_ID_BUREAU"].to_numpy(),
        "late": (late_level > 0).astype(np.float32).to_numpy(),
        "level": late_level.astype(np.float32).to_numpy(),
    })
    grouped = frame.groupby("SK_ID_BUREAU")
    return pd.DataFrame({
        "bb_months": grouped.size().astype(np.float32),
        "bb_late_share": grouped["late"].mean(),
        "bb_worst": grouped["level"].max(),
    })


def build_bureau(bureau: pd.DataFrame | None, bureau_balance: pd.DataFrame | None) -> pd.DataFrame:
    """Client-level bureau features; an empty frame (no columns) when the table is absent."""
    if bureau is None:
        return pd.DataFrame(index=pd.Index([], name="SK_ID_CURR"))
    b = bureau.copy()
    b["active"] = (b["CREDIT_ACTIVE"].astype(str) == "Active").astype(np.float32)
    b["active_debt"] = b["AMT_CREDIT_SUM_DEBT"].where(b["active"] == 1)
    b["years_since"] = (-b["DAYS_CREDIT"] / 365.25).astype(np.float32)
    b["years_left"] = (b["DAYS_CREDIT_ENDDATE"] / 365.25).where(b["active"] == 1).astype(np.float32)
    specs = {
        "BUREAU_CREDIT_COUNT": ("SK_ID_BUREAU", "count"),
        "BUREAU_ACTIVE_COUNT": ("active", "sum"),
        "BUREAU_YEARS_SINCE_LAST": ("years_since", "min"),
        "BUREAU_YEARS_SINCE_FIRST": ("years_since", "max"),
        "BUREAU_ACTIVE_YEARS_LEFT_MAX": ("years_left", "max"),
        "BUREAU_DEBT_SUM": ("active_debt", "sum"),
        "BUREAU_CREDIT_SUM": ("AMT_CREDIT_SUM", "sum"),
        "BUREAU_OVERDUE_SUM": ("AMT_CREDIT_SUM_OVERDUE", "sum"),
        "BUREAU_MAX_OVERDUE": ("AMT_CREDIT_MAX_OVERDUE", "max"),
        "BUREAU_PROLONG_COUNT": ("CNT_CREDIT_PROLONG", "sum"),
    }
    rolled = roll_up_bureau_balance(bureau_balance)
    if rolled is not None:
        b = b.join(rolled, on="SK_ID_BUREAU")
        specs.update({
            "BUREAU_LATE_MONTH_SHARE": ("bb_late_share", "mean"),
            "BUREAU_WORST_LATENESS": ("bb_worst", "max"),
            "BUREAU_HISTORY_MONTHS": ("bb_months", "sum"),
        })
    out = aggregate(b, specs)
    out["BUREAU_DEBT_CREDIT_RATIO"] = safe_ratio(out["BUREAU_DEBT_SUM"], out["BUREAU_CREDIT_SUM"])
    return out
