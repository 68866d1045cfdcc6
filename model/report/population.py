"""Per-feature distributions of repaid vs defaulted clients, and a sample for bivariate views."""
from __future__ import annotations

import numpy as np
import pandas as pd

QUANTILE_LEVELS = (0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99)
N_BINS = 20
SAMPLE_SIZE = 1000
SAMPLE_FEATURES = 30


def _round(values) -> list:
    return [None if v is None or not np.isfinite(v) else float(f"{v:.6g}") for v in values]


def _quantiles(values: np.ndarray) -> list:
    values = values[~np.isnan(values)]
    if values.size == 0:
        return [None] * len(QUANTILE_LEVELS)
    return _round(np.quantile(values, QUANTILE_LEVELS))


def _histogram(values: np.ndarray, y: np.ndarray) -> dict:
    """Shares of each class per bin; edges span the 1st-99th percentile so outliers do not flatten it."""
    ok = ~np.isnan(values)
    if not ok.any():
        return {"edges": [], "repaid": [], "defaulted": []}
    lo, hi = np.quantile(values[ok], [0.01, 0.99])
    unique = np.unique(values[ok])
    if unique.size <= N_BINS:  # discrete feature: one bin per value
        edges = np.append(unique - 0.5, unique[-1] + 0.5) if unique.size > 1 else np.array([unique[0] - 0.5, unique[0] + 0.5])
    else:
        edges = np.linspace(lo, hi, N_BINS + 1) if hi > lo else np.array([lo - 0.5, lo + 0.5])
    clipped = np.clip(values[ok], edges[0], edges[-1])
    out = {"edges": _round(edges)}
    for name, cls in (("repaid", 0), ("defaulted", 1)):
        counts, _ = np.histogram(clipped[y[ok] == cls], bins=edges)
        total = counts.sum()
        out[name] = _round(counts / total if total else counts.astype(float))
    return out


def population_stats(X: pd.DataFrame, y: np.ndarray, proba: np.ndarray, importance: list[dict],
                     seed: int) -> dict:
    """The population.json content (docs/artifacts.md)."""
    y = np.asarray(y).astype(int)
    features = {}
    for name in X.columns:
        values = X[name].to_numpy(np.float64)
        features[name] = {
            "missing_rate": round(float(np.isnan(values).mean()), 4),
            "quantiles": {"all": _quantiles(values), "repaid": _quantiles(values[y == 0]),
                          "defaulted": _quantiles(values[y == 1])},
            "histogram": _histogram(values, y),
        }
    top = [row["name"] for row in importance[:SAMPLE_FEATURES]]
    rng = np.random.default_rng(seed)
    rows = np.sort(rng.choice(len(X), size=min(SAMPLE_SIZE, len(X)), replace=False))
    sample_values = X.iloc[rows][top].to_numpy(np.float64)
    return {
        "n_clients": int(len(y)), "n_defaulted": int(y.sum()), "quantile_levels": list(QUANTILE_LEVELS),
        "features": features,
        "sample": {"features": top, "ids": [int(i) for i in X.index[rows]],
                   "probability": _round(proba[rows]), "target": [int(v) for v in y[rows]],
                   "values": [_round(r) for r in sample_values]},
    }
