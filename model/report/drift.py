"""Data drift of the new clients against the training clients: PSI and Kolmogorov-Smirnov per feature."""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import ks_2samp

# Usual reading of PSI: < 0.1 stable, 0.1-0.2 moderate shift, > 0.2 significant shift.
PSI_THRESHOLD = 0.2
KS_THRESHOLD = 0.1
N_BINS = 10
EPSILON = 1e-4  # keeps log() finite for empty bins


def psi(reference: np.ndarray, current: np.ndarray, n_bins: int = N_BINS) -> float:
    """Population stability index over reference deciles (missing values form their own bin)."""
    ref_ok, cur_ok = reference[~np.isnan(reference)], current[~np.isnan(current)]
    if ref_ok.size == 0 or cur_ok.size == 0:
        return 0.0
    edges = np.unique(np.quantile(ref_ok, np.linspace(0, 1, n_bins + 1)))
    edges[0], edges[-1] = -np.inf, np.inf
    ref_counts = np.append(np.histogram(ref_ok, edges)[0], np.isnan(reference).sum())
    cur_counts = np.append(np.histogram(cur_ok, edges)[0], np.isnan(current).sum())
    ref_share = np.maximum(ref_counts / reference.size, EPSILON)
    cur_share = np.maximum(cur_counts / current.size, EPSILON)
    return float(np.sum((cur_share - ref_share) * np.log(cur_share / ref_share)))


def drift_table(reference: pd.DataFrame, current: pd.DataFrame, labels: dict[str, str]) -> dict:
    """The drift.json content: one row per feature, most drifted first."""
    rows = []
    for name in reference.columns:
        ref, cur = reference[name].to_numpy(np.float64), current[name].to_numpy(np.float64)
        ref_ok, cur_ok = ref[~np.isnan(ref)], cur[~np.isnan(cur)]
        if ref_ok.size and cur_ok.size:
            ks = ks_2samp(ref_ok, cur_ok)
            ks_stat, ks_p = float(ks.statistic), float(ks.pvalue)
        else:
            ks_stat, ks_p = 0.0, 1.0
        value = psi(ref, cur)
        rows.append({"name": name, "label": labels.get(name, name), "psi": round(value, 4),
                     "ks": round(ks_stat, 4), "ks_pvalue": float(f"{ks_p:.4g}"),
                     # A change in how often a value is missing is the most common drift of history features.
                     "missing_reference": round(float(np.isnan(ref).mean()), 4) if ref.size else None,
                     "missing_current": round(float(np.isnan(cur).mean()), 4) if cur.size else None,
                     "flagged": bool(value > PSI_THRESHOLD or ks_stat > KS_THRESHOLD)})
    rows.sort(key=lambda r: -r["psi"])
    return {"psi_threshold": PSI_THRESHOLD, "ks_threshold": KS_THRESHOLD, "n_reference": int(len(reference)),
            "n_current": int(len(current)), "features": rows}
