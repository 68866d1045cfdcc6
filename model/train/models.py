"""The candidate models. Every preprocessing step lives inside the estimator, so it is fitted within each fold."""
from __future__ import annotations

from typing import Callable

import lightgbm as lgb
import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

# Hand-set LightGBM parameters of the untuned comparison rows: shallow, regularised trees suit 4,000 clients.
LGBM_DEFAULTS = {
    "n_estimators": 300, "learning_rate": 0.03, "num_leaves": 15, "min_child_samples": 40,
    "subsample": 0.8, "subsample_freq": 1, "colsample_bytree": 0.5, "reg_lambda": 1.0,
}
# One thread: on a few thousand rows LightGBM's threads cost more than they save, and on a shared CPU
# OpenMP's busy waiting made a fit 15 times slower with two threads than with one (measured).
N_JOBS = 1
# Where the business direction is known: the risk falls as an external score rises.
MONOTONE_DECREASING = ("EXT_SOURCE_1", "EXT_SOURCE_2", "EXT_SOURCE_3", "EXT_SOURCE_MEAN", "EXT_SOURCE_MIN",
                       "EXT_SOURCE_MAX")
BAGGING_SEEDS = 5

Factory = Callable[[], ClassifierMixin]


def make_lightgbm(params: dict, seed: int) -> lgb.LGBMClassifier:
    """A LightGBM classifier; ``params`` may hold ``class_weight`` (None or "balanced")."""
    return lgb.LGBMClassifier(**{**LGBM_DEFAULTS, **params}, random_state=seed, n_jobs=N_JOBS, verbose=-1)


def make_logistic(params: dict, seed: int) -> ClassifierMixin:
    """Median imputation with missing-value indicators, standardisation, L2-penalised logistic regression."""
    return make_pipeline(SimpleImputer(strategy="median", add_indicator=True), StandardScaler(),
                         LogisticRegression(C=params.get("C", 0.05), max_iter=3000,
                                            class_weight=params.get("class_weight"), random_state=seed))


def make_random_forest(params: dict, seed: int) -> ClassifierMixin:
    """Median imputation, then a random forest (``class_weight`` "balanced" means balanced per bootstrap)."""
    weight = "balanced_subsample" if params.get("class_weight") else None
    return make_pipeline(SimpleImputer(strategy="median"), RandomForestClassifier(
        n_estimators=params.get("n_estimators", 300), min_samples_leaf=params.get("min_samples_leaf", 10),
        max_features=params.get("max_features", "sqrt"), max_depth=params.get("max_depth"),
        class_weight=weight, n_jobs=N_JOBS, random_state=seed))


FAMILY_FACTORIES: dict[str, Callable[[dict, int], ClassifierMixin]] = {
    "logistic_regression": make_logistic, "random_forest": make_random_forest, "lightgbm": make_lightgbm,
}


def make_model(family: str, params: dict, seed: int) -> ClassifierMixin:
    """An estimator of ``family`` with ``params`` (the search space of each family: model/train/search.py)."""
    return FAMILY_FACTORIES[family](params, seed)


def monotone_constraints(columns: list[str]) -> list[int]:
    """LightGBM's per-feature constraint list: -1 (risk may only fall) for the external scores, 0 elsewhere."""
    return [-1 if name in MONOTONE_DECREASING else 0 for name in columns]


class SeedBaggedLightGBM(BaseEstimator, ClassifierMixin):
    """The same LightGBM parameters fitted with several seeds; the log-odds are averaged."""

    def __init__(self, params: dict | None = None, seeds: tuple[int, ...] = tuple(range(BAGGING_SEEDS))):
        self.params = params
        self.seeds = seeds

    def fit(self, X, y):
        self.models_ = [make_lightgbm(self.params or {}, seed).fit(X, y) for seed in self.seeds]
        self.classes_ = np.array([0, 1])
        return self

    def predict_proba(self, X):
        raw = np.mean([m.predict(X, raw_score=True) for m in self.models_], axis=0)
        p = 1.0 / (1.0 + np.exp(-raw))
        return np.column_stack([1 - p, p])


def candidate_models(seed: int, fast: bool = False) -> dict[tuple[str, str], Factory]:
    """Hand-set (untuned) factories keyed by (model name, class weighting): the class-weight illustration."""
    n_trees = 60 if fast else 300
    models: dict[tuple[str, str], Factory] = {
        ("dummy", "none"): lambda: DummyClassifier(strategy="prior"),
    }
    for weight_name, weight in (("none", None), ("balanced", "balanced")):
        models[("logistic_regression", weight_name)] = lambda w=weight: make_logistic({"class_weight": w}, seed)
        models[("random_forest", weight_name)] = lambda w=weight: make_random_forest(
            {"class_weight": w, "n_estimators": n_trees}, seed)
        models[("lightgbm", weight_name)] = lambda w=weight: make_lightgbm(
            {"class_weight": w, "n_estimators": n_trees}, seed)
    return models
