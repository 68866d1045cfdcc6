"""Out-of-fold evaluation beyond the AUC: calibration, bootstrap intervals, paired model differences, subgroups.

Every function takes pooled out-of-fold probabilities and, where a decision is made, each client's own
threshold (the one chosen inside that client's outer fold), so nothing here is tuned on what it measures.
"""
from __future__ import annotations

import numpy as np
from sklearn.metrics import roc_auc_score

from model.config import CostModel

N_BINS = 10


def _cost_per_1000(y: np.ndarray, proba: np.ndarray, thresholds: np.ndarray, cost: CostModel) -> float:
    refused = proba >= thresholds
    fn = np.sum(~refused & (y == 1))
    fp = np.sum(refused & (y == 0))
    return float((cost.fn_cost * fn + cost.fp_cost * fp) * 1000.0 / len(y))


def calibration(y: np.ndarray, proba: np.ndarray, n_bins: int = N_BINS) -> dict:
    """Brier score, a reliability table over ``n_bins`` equal-count bins, and the expected calibration error.

    Equal-count (decile) bins: with 8 % defaults, equal-width bins above 0.3 would hold a handful of clients.
    ECE = sum over bins of (share of clients) x |mean predicted - observed default rate|.
    """
    y = np.asarray(y).astype(int)
    proba = np.asarray(proba, dtype=np.float64)
    order = np.argsort(proba, kind="stable")
    rows, ece = [], 0.0
    for part in np.array_split(order, n_bins):
        if part.size == 0:
            continue
        predicted, observed = float(proba[part].mean()), float(y[part].mean())
        ece += part.size / y.size * abs(predicted - observed)
        rows.append({"n": int(part.size), "p_min": round(float(proba[part].min()), 4),
                     "p_max": round(float(proba[part].max()), 4), "predicted": round(predicted, 4),
                     "observed": round(observed, 4), "n_defaulted": int(y[part].sum())})
    base = y.mean()
    return {"brier": round(float(np.mean((proba - y) ** 2)), 5),
            "brier_prior": round(float(np.mean((base - y) ** 2)), 5),  # always predicting the default rate
            "ece": round(float(ece), 4), "mean_predicted": round(float(proba.mean()), 4),
            "default_rate": round(float(base), 4), "bins": rows}


def _interval(values: np.ndarray) -> list[float]:
    return [round(float(np.quantile(values, 0.025)), 4), round(float(np.quantile(values, 0.975)), 4)]


def bootstrap_intervals(y: np.ndarray, proba: np.ndarray, thresholds: np.ndarray, cost: CostModel,
                        n_resamples: int, seed: int) -> dict:
    """95 % percentile intervals of the pooled AUC and of the cost, resampling clients with replacement.

    What a new sample of clients like these may show; it does not cover a change of population (drift).
    """
    y = np.asarray(y).astype(int)
    rng = np.random.default_rng(seed)
    aucs, costs = [], []
    for _ in range(n_resamples):
        idx = rng.integers(0, len(y), len(y))
        if y[idx].min() == y[idx].max():
            continue
        aucs.append(roc_auc_score(y[idx], proba[idx]))
        costs.append(_cost_per_1000(y[idx], proba[idx], thresholds[idx], cost))
    return {"n_resamples": n_resamples, "auc_pooled": round(float(roc_auc_score(y, proba)), 4),
            "auc_interval": _interval(np.array(aucs)),
            "cost_per_1000": round(_cost_per_1000(y, proba, thresholds, cost), 1),
            "cost_interval": [round(v, 1) for v in _interval(np.array(costs))]}


def fold_costs(y: np.ndarray, proba: np.ndarray, folds: np.ndarray, thresholds: np.ndarray,
               cost: CostModel) -> list[float]:
    """Cost per 1,000 clients of each outer fold at its own thresholds."""
    return [_cost_per_1000(y[folds == k], proba[folds == k], thresholds[folds == k], cost) for k in np.unique(folds)]


def paired_difference(y: np.ndarray, folds: np.ndarray, a: dict, b: dict, cost: CostModel, n_resamples: int,
                      seed: int) -> dict:
    """Model ``a`` minus model ``b`` on the same clients and outer folds: per-fold differences (mean, std) and a
    paired bootstrap interval over the pooled predictions. ``a``/``b``: {"proba", "thresholds"} per client."""
    y = np.asarray(y).astype(int)
    auc_diff = [roc_auc_score(y[folds == k], a["proba"][folds == k]) - roc_auc_score(y[folds == k], b["proba"][folds == k])
                for k in np.unique(folds)]
    cost_diff = np.subtract(fold_costs(y, a["proba"], folds, a["thresholds"], cost),
                            fold_costs(y, b["proba"], folds, b["thresholds"], cost))
    rng = np.random.default_rng(seed)
    boot_auc, boot_cost = [], []
    for _ in range(n_resamples):
        idx = rng.integers(0, len(y), len(y))
        if y[idx].min() == y[idx].max():
            continue
        boot_auc.append(roc_auc_score(y[idx], a["proba"][idx]) - roc_auc_score(y[idx], b["proba"][idx]))
        boot_cost.append(_cost_per_1000(y[idx], a["proba"][idx], a["thresholds"][idx], cost)
                         - _cost_per_1000(y[idx], b["proba"][idx], b["thresholds"][idx], cost))
    return {"auc_diff_mean": round(float(np.mean(auc_diff)), 4), "auc_diff_std": round(float(np.std(auc_diff)), 4),
            "auc_diff_folds": [round(float(v), 4) for v in auc_diff], "auc_diff_interval": _interval(np.array(boot_auc)),
            "cost_diff_mean": round(float(np.mean(cost_diff)), 1), "cost_diff_std": round(float(np.std(cost_diff)), 1),
            "cost_diff_folds": [round(float(v), 1) for v in cost_diff],
            "cost_diff_interval": [round(v, 1) for v in _interval(np.array(boot_cost))]}


def subgroup(y: np.ndarray, proba: np.ndarray, thresholds: np.ndarray, mask: np.ndarray, cost: CostModel) -> dict:
    """AUC, cost per 1,000, recall and refusal rate of the clients in ``mask`` (e.g. no bureau record)."""
    y, proba, thresholds = np.asarray(y).astype(int)[mask], proba[mask], thresholds[mask]
    n_pos = int(y.sum())
    refused = proba >= thresholds
    return {"n": int(mask.sum()), "n_defaulted": n_pos,
            "auc": round(float(roc_auc_score(y, proba)), 4) if 0 < n_pos < y.size else None,
            "cost_per_1000": round(_cost_per_1000(y, proba, thresholds, cost), 1) if y.size else None,
            "recall": round(float((refused & (y == 1)).sum() / n_pos), 3) if n_pos else None,
            "refusal_rate": round(float(refused.mean()), 3) if y.size else None}
