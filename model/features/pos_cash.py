"""Monthly snapshots of POS and cash loans: lateness and what remains to pay."""
from __future__ import annotations

import numpy as np
import pandas as pd

from model.features.aggregate import aggregate


def build_pos_cash(pos: pd.DataFrame | None) -> pd.DataFrame:
    """Client-level POS/cash behaviour; no columns when the table is absent."""
    if pos is None:
        return pd.DataFrame(index=pd.Index([], name="SK_ID_CURR"))
    p = pos.copy()
    p["late"] = (p["SK_DPD"] > 0).astype(np.float32)
    p["completed"] = (p["NAME_CONTRACT_STATUS"].astype(str) == "Completed").astype(np.float32)
    # The latest snapshot of each loan says how many instalments are still due.
    latest = p.sort_values("MONTHS_BALANCE").groupby("SK_ID_PREV", observed=True).tail(1)
    out = aggregate(p, {
        "POS_MONTH_COUNT": ("MONTHS_BALANCE", "count"),
        "POS_LATE_MONTH_SHARE": ("late", "mean"),
        "POS_MAX_DAYS_LATE": ("SK_DPD", "max"),
        "POS_MAX_DAYS_LATE_SIGNIFICANT": ("SK_DPD_DEF", "max"),
    })
    remaining = aggregate(latest, {
        "POS_REMAINING_INSTALMENTS": ("CNT_INSTALMENT_FUTURE", "sum"),
        "POS_COMPLETED_LOANS": ("completed", "sum"),
    })
    return out.join(remaining, how="left")
