"""The business cost of decisions and the threshold that minimises it.

A client is refused when ``probability >= threshold``. A missed defaulter (false
negative) costs ``fn_cost``, a refused good client (false positive) ``fp_cost``.
"""
from __future__ import annotations

import numpy as np

from model.config import CostModel

__all__ = ["CostModel", "business_cost", "cost_curve", "best_threshold", "cross_fitted_confusion", "cross_fitted_cost", "confusion"]


def confusion(y_true: np.ndarray, proba: np.ndarray, threshold: float) -> dict[str, int]:
    """Confusion counts with "refused" (proba >= threshold) as the positive prediction."""
    y_true = np.asarray(y_true).astype(int)
    refused = np.asarray(proba) >= threshold
    return {
        "tn": int(np.sum(~refused & (y_true == 0))), "fp": int(np.sum(refused & (y_true == 0))),
        "fn": int(np.sum(~refused & (y_true == 1))), "tp": int(np.sum(refused & (y_true == 1))),
    }


def business_cost(y_true: np.ndarray, proba: np.ndarray, threshold: float, cost: CostModel = CostModel()) -> float:
    """Total cost ``fn_cost * FN + fp_cost * FP`` of deciding at ``threshold``."""
    c = confusion(y_true, proba, threshold)
    return cost.fn_cost * c["fn"] + cost.fp_cost * c["fp"]


def cost_curve(y_true: np.ndarray, proba: np.ndarray, cost: CostModel = CostModel(),
               thresholds: np.ndarray | None = None) -> list[dict]:
    """Cost per 1,000 clients, FN and FP for each threshold (default: 0.00 to 1.00 by 0.01).

    Computed with one sort, so it is cheap enough to call on every fold.
    """
    y_true = np.asarray(y_true).astype(int)
    proba = np.asarray(proba, dtype=np.float64)
    if y_true.shape != proba.shape or y_true.size == 0:
        raise ValueError(f"y_true and proba must be non-empty and of equal shape, got {y_true.shape} and {proba.shape}")
    if thresholds is None:
        thresholds = np.round(np.linspace(0.0, 1.0, 101), 2)
    pos_sorted = np.sort(proba[y_true == 1])
    neg_sorted = np.sort(proba[y_true == 0])
    # FN: defaulters with proba < t (granted); FP: good clients with proba >= t (refused).
    fn = np.searchsorted(pos_sorted, thresholds, side="left")
    fp = neg_sorted.size - np.searchsorted(neg_sorted, thresholds, side="left")
    total = cost.fn_cost * fn + cost.fp_cost * fp
    n = proba.size
    return [{"threshold": float(t), "cost_per_1000": float(c * 1000.0 / n), "fn": int(f), "fp": int(p)}
            for t, c, f, p in zip(thresholds, total, fn, fp)]


def best_threshold(y_true: np.ndarray, proba: np.ndarray, cost: CostModel = CostModel()) -> float:
    """The threshold minimising the business cost on (out-of-fold) predictions.

    Candidates are every distinct predicted probability plus 1.0 (refuse nobody
    below it), so the exact minimum is found; ties go to the highest threshold
    (fewest refusals for the same cost).
    """
    y_true = np.asarray(y_true).astype(int)
    proba = np.asarray(proba, dtype=np.float64)
    candidates = np.unique(np.concatenate([proba, [1.0 + 1e-12]]))
    curve = cost_curve(y_true, proba, cost, candidates)
    costs = np.array([row["cost_per_1000"] for row in curve])
    best = np.flatnonzero(costs == costs.min())[-1]
    return float(candidates[best])


def cross_fitted_confusion(y_true: np.ndarray, proba: np.ndarray, folds: np.ndarray,
                           cost: CostModel = CostModel(), thresholds: list[float] | None = None) -> dict[str, int]:
    """Confusion counts when each fold is decided at a threshold that never saw its labels.

    ``thresholds[k]`` is fold k's threshold when given (e.g. chosen inside the
    nested search); otherwise it is chosen on the other folds' predictions.
    """
    y_true = np.asarray(y_true).astype(int)
    proba = np.asarray(proba, dtype=np.float64)
    totals = {"tn": 0, "fp": 0, "fn": 0, "tp": 0}
    for k in np.unique(folds):
        inside = folds == k
        t = thresholds[k] if thresholds is not None else best_threshold(y_true[~inside], proba[~inside], cost)
        for key, value in confusion(y_true[inside], proba[inside], t).items():
            totals[key] += value
    return totals


def cross_fitted_cost(y_true: np.ndarray, proba: np.ndarray, folds: np.ndarray,
                      cost: CostModel = CostModel(), thresholds: list[float] | None = None) -> dict[str, float]:
    """Honest cost of the threshold rule: each fold is decided at the threshold chosen on the other folds.

    Returns cost per 1,000 clients, recall and precision of defaulters over all folds.
    """
    totals = cross_fitted_confusion(y_true, proba, folds, cost, thresholds)
    n = int(sum(totals.values()))
    tp, fp, fn = totals["tp"], totals["fp"], totals["fn"]
    return {
        "cost_per_1000": (cost.fn_cost * fn + cost.fp_cost * fp) * 1000.0 / n,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "precision": tp / (tp + fp) if tp + fp else 0.0,
    }
