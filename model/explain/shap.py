"""LightGBM's exact path-dependent TreeSHAP (``pred_contrib``): the reference the API's own TreeSHAP must match."""
from __future__ import annotations

import lightgbm as lgb
import numpy as np


def shap_contributions(booster: lgb.Booster, X: np.ndarray) -> np.ndarray:
    """Per-row contributions in log-odds: one column per feature, then the expected value (last column)."""
    contrib = booster.predict(np.asarray(X, dtype=np.float64), pred_contrib=True)
    return np.asarray(contrib, dtype=np.float64)


def global_importance(contrib: np.ndarray, names: list[str], labels: dict[str, str]) -> list[dict]:
    """Mean |SHAP| per feature over the given rows, most important first."""
    mean_abs = np.abs(contrib[:, :-1]).mean(axis=0)
    order = np.argsort(-mean_abs, kind="stable")
    return [{"name": names[i], "label": labels[names[i]], "mean_abs_shap": round(float(mean_abs[i]), 6)}
            for i in order]
