"""Fairness by sex, age band and family status: base rate, AUC, approval rate, false-negative and false-positive rates.

The attributes come from the raw application (age from DAYS_BIRTH), never from the model's inputs: sex and
family status are not inputs at all (model/config.py EXCLUDED_ATTRIBUTES) and are monitored here only.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import roc_auc_score

AGE_BANDS = ((0, 25, "<25"), (25, 35, "25-34"), (35, 45, "35-44"), (45, 55, "45-54"), (55, 200, "55+"))


def age_band(age_years: np.ndarray) -> np.ndarray:
    """Label each age with its band (bands are [lower, upper))."""
    out = np.full(age_years.shape, "unknown", dtype=object)
    for lo, hi, label in AGE_BANDS:
        out[(age_years >= lo) & (age_years < hi)] = label
    return out


def _group_row(attribute: str, group: str, y: np.ndarray, proba: np.ndarray, threshold: np.ndarray) -> dict:
    refused = proba >= threshold
    n_pos, n_neg = int((y == 1).sum()), int((y == 0).sum())
    return {
        "attribute": attribute, "group": group, "n": int(y.size), "n_defaulted": n_pos,
        "default_rate": round(n_pos / y.size, 4) if y.size else None,
        "auc": round(float(roc_auc_score(y, proba)), 4) if n_pos and n_neg else None,
        "approval_rate": round(float((~refused).mean()), 4),
        "fnr": round(float((~refused & (y == 1)).sum() / n_pos), 4) if n_pos else None,
        "fpr": round(float((refused & (y == 0)).sum() / n_neg), 4) if n_neg else None,
    }


def fairness_table(gender: pd.Series, age_years: np.ndarray, y: np.ndarray, proba: np.ndarray,
                   threshold: float | np.ndarray, family_status: pd.Series | None = None) -> dict:
    """The fairness.json content, from out-of-fold predictions of labelled clients.

    ``threshold`` may be one value or one per client (each outer fold's own threshold in nested CV).
    """
    y = np.asarray(y).astype(int)
    proba = np.asarray(proba, dtype=np.float64)
    threshold = np.broadcast_to(np.asarray(threshold, dtype=np.float64), proba.shape)
    rows = []
    genders = gender.astype("object").fillna("unknown").to_numpy()
    for group in sorted(set(genders)):
        mask = genders == group
        rows.append(_group_row("gender", str(group), y[mask], proba[mask], threshold[mask]))
    bands = age_band(np.asarray(age_years, dtype=np.float64))
    for _, _, label in AGE_BANDS:
        mask = bands == label
        if mask.any():
            rows.append(_group_row("age_band", label, y[mask], proba[mask], threshold[mask]))
    if family_status is not None:
        statuses = family_status.astype("object").fillna("unknown").to_numpy()
        for group in sorted(set(statuses)):
            mask = statuses == group
            rows.append(_group_row("family_status", str(group), y[mask], proba[mask], threshold[mask]))
    return {"threshold": "per outer fold (nested CV)" if np.ptp(threshold) > 0 else float(threshold[0]),
            "groups": rows}
