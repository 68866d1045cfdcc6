"""Hyper-parameter search for LightGBM (Optuna TPE, fixed budget), used inside each outer fold."""
from __future__ import annotations

import logging

import numpy as np
import optuna
import pandas as pd
from sklearn.metrics import roc_auc_score

from model.train.cv import fold_ids
from model.train.models import make_lightgbm

optuna.logging.set_verbosity(logging.WARNING)


def suggest_params(trial: optuna.Trial, fast: bool = False) -> dict:
    """The search space: regularised, shallow boosting suited to a few thousand clients.

    Class weights are not searched: unweighted models keep calibrated probabilities (an
    advisor reads "7 % risk" as a real 7 %) and the same scale in every fold, and the
    imbalance is handled where it costs money, by the 10:1 cost threshold. The
    comparison table shows both weightings for every model family.
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


def oof_predictions(params: dict, X: pd.DataFrame, y: np.ndarray, n_folds: int, seed: int) -> np.ndarray:
    """Out-of-fold probabilities of LightGBM with fixed ``params`` (to choose a threshold without peeking)."""
    folds = fold_ids(y, n_folds, seed)
    oof = np.empty(len(y))
    for k in range(n_folds):
        test = folds == k
        oof[test] = make_lightgbm(params, seed).fit(X[~test], y[~test]).predict_proba(X[test])[:, 1]
    return oof


def search_lightgbm(X: pd.DataFrame, y: np.ndarray, n_trials: int, inner_folds: int, seed: int,
                    fast: bool = False) -> tuple[dict, float]:
    """Best LightGBM parameters by mean inner-CV ROC AUC on (X, y) only.

    Returns the parameters and their inner score (an optimistic figure, never
    reported as the model's performance: the outer folds are).
    """
    if n_trials < 1:
        raise ValueError(f"n_trials must be >= 1, got {n_trials}")
    folds = fold_ids(y, inner_folds, seed)

    def objective(trial: optuna.Trial) -> float:
        params = suggest_params(trial, fast)
        scores = []
        for k in range(inner_folds):
            test = folds == k
            model = make_lightgbm(params, seed).fit(X[~test], y[~test])
            scores.append(roc_auc_score(y[test], model.predict_proba(X[test])[:, 1]))
        return float(np.mean(scores))

    study = optuna.create_study(direction="maximize", sampler=optuna.samplers.TPESampler(seed=seed))
    study.optimize(objective, n_trials=n_trials)
    return dict(study.best_trial.params), float(study.best_value)
