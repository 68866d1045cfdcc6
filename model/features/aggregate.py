"""Shared helpers for per-client aggregation of relational tables."""
from __future__ import annotations

import numpy as np
import pandas as pd


def safe_ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    """num / den as float32, NaN where den is 0 or missing (never inf)."""
    return (num / den.where(den != 0)).astype(np.float32)


def aggregate(frame: pd.DataFrame, specs: dict[str, tuple[str, str]], key: str = "SK_ID_CURR") -> pd.DataFrame:
    """Group ``frame`` by ``key`` and compute ``{out_name: (column, func)}``, as float32.

    ``sum`` of an all-missing group stays missing rather than becoming 0, so
    "no information" and "zero" remain distinct for the model.
    """
    grouped = frame.groupby(key, observed=True)
    columns = {}
    for out_name, (column, func) in specs.items():
        if func == "sum":
            columns[out_name] = grouped[column].sum(min_count=1)
        else:
            columns[out_name] = grouped[column].agg(func)
    out = pd.DataFrame(columns).astype(np.float32)
    out.index.name = key
    return out
