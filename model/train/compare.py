"""The model comparison: hand-set rows by 5-fold CV, and every family tuned with the same budget by nested CV."""
from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from model.config import CostModel, TrainConfig
from model.train.cost import best_threshold, cross_fitted_cost
from model.train.cv import CVResult, cross_validate, estimator_fit_predict, fold_ids
from model.train.evaluate import calibration
from model.train.models import candidate_models, make_model
from model.train.search import oof_predictions, search_family

# The serving stack (own ONNX converter, exact TreeSHAP in TypeScript) exports LightGBM trees only.
DEPLOYABLE = "lightgbm"
# Advisors read the probability itself: a model whose expected calibration error exceeds this is not chosen.
MAX_ECE = 0.03


def client_thresholds(result: CVResult, y: np.ndarray, cost: CostModel) -> np.ndarray:
    """Each client's decision threshold: its outer fold's own (nested) or the one chosen on the other folds."""
    own = result.extra.get("fold_thresholds")
    if own is None:
        own = [best_threshold(y[result.folds != k], result.oof[result.folds != k], cost)
               for k in np.unique(result.folds)]
    return np.asarray(own, dtype=np.float64)[result.folds]


def summarise(name: str, weight: str, result: CVResult, y: np.ndarray, cost: CostModel,
              tuning: str = "nested search") -> dict:
    """One comparison row: AUC mean ± std over folds, cross-fitted cost, recall, precision, calibration, fit time."""
    honest = cross_fitted_cost(y, result.oof, result.folds, cost, result.extra.get("fold_thresholds"))
    calib = calibration(y, result.oof)
    return {
        "model": name, "class_weight": weight, "tuning": tuning,
        "auc_mean": round(result.auc_mean, 4), "auc_std": round(result.auc_std, 4),
        "cost_per_1000": round(honest["cost_per_1000"], 1),
        "threshold": round(best_threshold(y, result.oof, cost), 4),  # the rule's threshold on all OOF predictions
        "recall": round(honest["recall"], 3), "precision": round(honest["precision"], 3),
        "brier": calib["brier"], "ece": calib["ece"],
        "fit_seconds": round(float(np.mean(result.fit_seconds)), 2),
    }


def compare_baselines(X: pd.DataFrame, y: np.ndarray, folds: np.ndarray, config: TrainConfig,
                      cost: CostModel, log: Callable[[str], None]) -> tuple[list[dict], dict[str, CVResult]]:
    """Cross-validate the hand-set candidates (with and without class weights) on the same folds."""
    rows, results = [], {}
    for (name, weight), factory in candidate_models(config.seed, config.fast).items():
        log(f"{name} (class weight: {weight}, hand-set parameters)")
        result = cross_validate(estimator_fit_predict(factory), X, y, folds, progress=lambda m: log("  " + m))
        rows.append(summarise(name, weight, result, y, cost, tuning="hand-set" if name != "dummy" else "none"))
        results[f"{name}/{weight}"] = result
    return rows, results


def nested_family(family: str, X: pd.DataFrame, y: np.ndarray, folds: np.ndarray, config: TrainConfig,
                  cost: CostModel, log: Callable[[str], None]) -> CVResult:
    """Nested CV: inside each outer fold's training rows, search the parameters and choose the threshold
    (on inner out-of-fold predictions); then score the held-out rows. Nothing is tuned on them."""
    chosen: list[dict] = []
    inner_scores: list[float] = []
    thresholds: list[float] = []

    def fit_predict(X_train, y_train, X_test, fold):
        params, inner = search_family(family, X_train, y_train, config.n_trials, config.inner_folds,
                                      config.seed + fold, config.fast)
        inner_oof = oof_predictions(params, X_train, y_train, config.inner_folds, config.seed + fold, family)
        thresholds.append(best_threshold(y_train, inner_oof, cost))
        chosen.append(params)
        inner_scores.append(inner)
        log(f"  outer fold {fold + 1}: {family} search done (inner AUC {inner:.3f})")
        return make_model(family, params, config.seed).fit(X_train, y_train).predict_proba(X_test)[:, 1]

    result = cross_validate(fit_predict, X, y, folds, progress=lambda m: log("  " + m))
    result.extra = {"best_params_per_fold": chosen, "inner_auc_per_fold": inner_scores,
                    "fold_thresholds": thresholds}
    return result


def nested_lightgbm(X: pd.DataFrame, y: np.ndarray, folds: np.ndarray, config: TrainConfig, cost: CostModel,
                    log: Callable[[str], None]) -> CVResult:
    """The nested CV of the LightGBM search."""
    return nested_family("lightgbm", X, y, folds, config, cost, log)


def refit_variant(build: Callable[[dict, int, list[str]], object], tuned: CVResult, X: pd.DataFrame, y: np.ndarray,
                  config: TrainConfig, cost: CostModel, log: Callable[[str], None]) -> CVResult:
    """A variant of the tuned LightGBM (seed-bagged, monotone...) on the same outer folds, with each fold's
    searched parameters: its threshold is chosen on inner out-of-fold predictions of the variant itself."""
    thresholds: list[float] = []
    columns = list(X.columns)

    def fit_predict(X_train, y_train, X_test, fold):
        params, seed = tuned.extra["best_params_per_fold"][fold], config.seed + fold
        inner = fold_ids(y_train, config.inner_folds, seed)
        inner_oof = np.empty(len(y_train))
        for k in range(config.inner_folds):
            test = inner == k
            inner_oof[test] = build(params, seed, columns).fit(X_train[~test], y_train[~test]).predict_proba(
                X_train[test])[:, 1]
        thresholds.append(best_threshold(y_train, inner_oof, cost))
        return build(params, config.seed, columns).fit(X_train, y_train).predict_proba(X_test)[:, 1]

    result = cross_validate(fit_predict, X, y, tuned.folds, progress=lambda m: log("  " + m))
    result.extra = {"best_params_per_fold": tuned.extra["best_params_per_fold"], "fold_thresholds": thresholds}
    return result


def keep_variant(variant: dict, paired: dict) -> bool:
    """A LightGBM variant replaces the plain tuned model only when it wins out of fold: lower cost and no lower
    AUC on average over the same outer folds, and calibrated probabilities."""
    return paired["cost_diff_mean"] < 0 and paired["auc_diff_mean"] >= 0 and variant["ece"] <= MAX_ECE
