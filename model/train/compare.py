"""The model comparison: every candidate by 5-fold CV, and the tuned LightGBM by nested CV."""
from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from model.config import CostModel, TrainConfig
from model.train.cost import best_threshold, cross_fitted_cost
from model.train.cv import CVResult, cross_validate, estimator_fit_predict
from model.train.models import candidate_models, make_lightgbm
from model.train.search import oof_predictions, search_lightgbm


def summarise(name: str, weight: str, result: CVResult, y: np.ndarray, cost: CostModel) -> dict:
    """One comparison row: AUC mean ± std over folds, cross-fitted cost, recall, precision, fit time."""
    honest = cross_fitted_cost(y, result.oof, result.folds, cost, result.extra.get("fold_thresholds"))
    return {
        "model": name, "class_weight": weight,
        "auc_mean": round(result.auc_mean, 4), "auc_std": round(result.auc_std, 4),
        "cost_per_1000": round(honest["cost_per_1000"], 1),
        "threshold": round(best_threshold(y, result.oof, cost), 4),  # the rule's threshold on all OOF predictions
        "recall": round(honest["recall"], 3), "precision": round(honest["precision"], 3),
        "fit_seconds": round(float(np.mean(result.fit_seconds)), 2),
    }


def compare_baselines(X: pd.DataFrame, y: np.ndarray, folds: np.ndarray, config: TrainConfig,
                      cost: CostModel, log: Callable[[str], None]) -> list[dict]:
    """Cross-validate every candidate (with and without class weights) on the same folds."""
    rows = []
    for (name, weight), factory in candidate_models(config.seed, config.fast).items():
        log(f"{name} (class weight: {weight})")
        result = cross_validate(estimator_fit_predict(factory), X, y, folds, progress=lambda m: log("  " + m))
        rows.append(summarise(name, weight, result, y, cost))
    return rows


def nested_lightgbm(X: pd.DataFrame, y: np.ndarray, folds: np.ndarray, config: TrainConfig, cost: CostModel,
                    log: Callable[[str], None]) -> CVResult:
    """Nested CV: inside each outer fold's training rows, search the parameters and choose the threshold
    (on inner out-of-fold predictions); then score the held-out rows. Nothing is tuned on them."""
    chosen: list[dict] = []
    inner_scores: list[float] = []
    thresholds: list[float] = []

    def fit_predict(X_train, y_train, X_test, fold):
        params, inner = search_lightgbm(X_train, y_train, config.n_trials, config.inner_folds,
                                        config.seed + fold, config.fast)
        inner_oof = oof_predictions(params, X_train, y_train, config.inner_folds, config.seed + fold)
        thresholds.append(best_threshold(y_train, inner_oof, cost))
        chosen.append(params)
        inner_scores.append(inner)
        log(f"  outer fold {fold + 1}: search done (inner AUC {inner:.3f})")
        return make_lightgbm(params, config.seed).fit(X_train, y_train).predict_proba(X_test)[:, 1]

    result = cross_validate(fit_predict, X, y, folds, progress=lambda m: log("  " + m))
    result.extra = {"best_params_per_fold": chosen, "inner_auc_per_fold": inner_scores,
                    "fold_thresholds": thresholds}
    return result
