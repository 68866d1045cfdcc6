"""Hyper-parameter search for every model family (Optuna TPE, the same budget for each), used inside each outer fold."""
from __future__ import annotations

import logging
from typing import Callable

import numpy as np
import optuna
import pandas as pd
from sklearn.metrics import roc_auc_score

from model.train.cv import fold_ids
from model.train.models import make_model

optuna.logging.set_verbosity(logging.WARNING)


def suggest_lightgbm(trial: optuna.Trial, fast: bool = False) -> dict:
    """Regularised, shallow boosting suited to a few thousand clients.

    Class weights are searched for no family: unweighted models keep calibrated probabilities (an
    advisor reads "7 % risk" as a real 7 %) and the same scale in every fold, and the imbalance is
    handled where it costs money, by the 10:1 cost threshold. The hand-set rows of the comparison
    show both weightings for every family.
    """
    return {
        "n_estimators": trial.suggest_int("n_estimators", 50 if fast else 100, 100 if fast else 600, step=50),
        "learning_rate": trial.suggest_float("learning_rate", 0.01, 0.1, log=True),
        "num_leaves": trial.suggest_int("num_leaves", 4, 32, log=True),
        "min_child_samples": trial.suggest_int("min_child_samples", 20, 150, log=True),
        "colsample_bytree": trial.suggest_float("colsample_bytree", 0.2, 0.8),
        "subsample": trial.suggest_float("subsample", 0.5, 1.0),
        "reg_lambda": trial.suggest_float("reg_lambda", 1e-3, 30.0, log=True),
    }


def suggest_logistic(trial: optuna.Trial, fast: bool = False) -> dict:
    """The strength of the L2 penalty (inverse C), on a log scale."""
    return {"C": trial.suggest_float("C", 1e-3, 10.0, log=True)}


def suggest_random_forest(trial: optuna.Trial, fast: bool = False) -> dict:
    """Forest size, leaf size, features tried per split and depth."""
    return {
        "n_estimators": trial.suggest_int("n_estimators", 30 if fast else 100, 60 if fast else 200, step=10 if fast else 50),
        "min_samples_leaf": trial.suggest_int("min_samples_leaf", 3, 100, log=True),
        "max_features": trial.suggest_float("max_features", 0.05, 0.5, log=True),
        "max_depth": trial.suggest_int("max_depth", 4, 20),
    }


SEARCH_SPACES: dict[str, Callable[[optuna.Trial, bool], dict]] = {
    "logistic_regression": suggest_logistic, "random_forest": suggest_random_forest, "lightgbm": suggest_lightgbm,
}
# Kept for callers of the LightGBM-only search.
suggest_params = suggest_lightgbm


def oof_predictions(params: dict, X: pd.DataFrame, y: np.ndarray, n_folds: int, seed: int,
                    family: str = "lightgbm") -> np.ndarray:
    """Out-of-fold probabilities of ``family`` with fixed ``params`` (to choose a threshold without peeking)."""
    folds = fold_ids(y, n_folds, seed)
    oof = np.empty(len(y))
    for k in range(n_folds):
        test = folds == k
        oof[test] = make_model(family, params, seed).fit(X[~test], y[~test]).predict_proba(X[test])[:, 1]
    return oof


def search_family(family: str, X: pd.DataFrame, y: np.ndarray, n_trials: int, inner_folds: int, seed: int,
                  fast: bool = False) -> tuple[dict, float]:
    """Best parameters of ``family`` by mean inner-CV ROC AUC on (X, y) only.

    Returns the parameters and their inner score (an optimistic figure, never
    reported as the model's performance: the outer folds are).
    """
    if n_trials < 1:
        raise ValueError(f"n_trials must be >= 1, got {n_trials}")
    folds = fold_ids(y, inner_folds, seed)
    suggest = SEARCH_SPACES[family]

    def objective(trial: optuna.Trial) -> float:
        params = suggest(trial, fast)
        scores = []
        for k in range(inner_folds):
            test = folds == k
            model = make_model(family, params, seed).fit(X[~test], y[~test])
            scores.append(roc_auc_score(y[test], model.predict_proba(X[test])[:, 1]))
        return float(np.mean(scores))

    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=seed))
    study.optimize(objective, n_trials=n_trials)
    return dict(study.best_trial.params), float(study.best_value)


def search_lightgbm(X: pd.DataFrame, y: np.ndarray, n_trials: int, inner_folds: int, seed: int,
                    fast: bool = False) -> tuple[dict, float]:
    """The LightGBM search (the family the serving stack exports)."""
    return search_family("lightgbm", X, y, n_trials, inner_folds, seed, fast)
