"""Stratified cross-validation returning out-of-fold predictions and per-fold figures."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import pandas as pd
from sklearn.base import ClassifierMixin
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold


@dataclass
class CVResult:
    """Out-of-fold probabilities of default, the fold of each row, and per-fold AUC and fit time."""

    oof: np.ndarray
    folds: np.ndarray
    fold_auc: list[float] = field(default_factory=list)
    fit_seconds: list[float] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    @property
    def auc_mean(self) -> float:
        return float(np.mean(self.fold_auc))

    @property
    def auc_std(self) -> float:
        return float(np.std(self.fold_auc))


def fold_ids(y: np.ndarray, n_folds: int, seed: int) -> np.ndarray:
    """Assign each row to one of ``n_folds`` stratified folds (same seed, same folds for every model)."""
    if n_folds < 2:
        raise ValueError(f"n_folds must be >= 2, got {n_folds}")
    folds = np.empty(len(y), dtype=np.int64)
    splitter = StratifiedKFold(n_splits=n_folds, shuffle=True, random_state=seed)
    for k, (_, test_idx) in enumerate(splitter.split(np.zeros(len(y)), y)):
        folds[test_idx] = k
    return folds


def cross_validate(fit_predict: Callable[[pd.DataFrame, np.ndarray, pd.DataFrame, int], np.ndarray],
                   X: pd.DataFrame, y: np.ndarray, folds: np.ndarray,
                   progress: Callable[[str], None] = lambda _: None) -> CVResult:
    """Run ``fit_predict(X_train, y_train, X_test, fold) -> proba`` on each fold.

    The function sees only the training rows of its fold, so anything it fits
    (imputation, scaling, a hyper-parameter search) cannot see the test rows.
    """
    oof = np.full(len(y), np.nan)
    result = CVResult(oof=oof, folds=folds)
    for k in np.unique(folds):
        test = folds == k
        start = time.perf_counter()
        oof[test] = fit_predict(X[~test], y[~test], X[test], int(k))
        result.fit_seconds.append(time.perf_counter() - start)
        result.fold_auc.append(float(roc_auc_score(y[test], oof[test])))
        progress(f"fold {k + 1}/{len(np.unique(folds))}: AUC {result.fold_auc[-1]:.3f} "
                 f"({result.fit_seconds[-1]:.1f} s)")
    return result


def estimator_fit_predict(factory: Callable[[], ClassifierMixin]):
    """Adapt an estimator factory to ``cross_validate``: a fresh estimator per fold."""
    def fit_predict(X_train, y_train, X_test, _fold):
        model = factory().fit(X_train, y_train)
        return model.predict_proba(X_test)[:, 1]  # column 1 = probability of default
    return fit_predict
