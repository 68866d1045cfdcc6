"""The candidate models. Every preprocessing step lives inside the estimator, so it is fitted within each fold."""
from __future__ import annotations

from typing import Callable

import lightgbm as lgb
from sklearn.base import ClassifierMixin
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

# LightGBM defaults for the untuned comparison row: shallow, regularised trees suit 4,000 clients.
LGBM_DEFAULTS = {
    "n_estimators": 300, "learning_rate": 0.03, "num_leaves": 15, "min_child_samples": 40,
    "subsample": 0.8, "subsample_freq": 1, "colsample_bytree": 0.5, "reg_lambda": 1.0,
}
N_JOBS = 2

Factory = Callable[[], ClassifierMixin]


def make_lightgbm(params: dict, seed: int) -> lgb.LGBMClassifier:
    """A LightGBM classifier; ``params`` may hold ``class_weight`` (None or "balanced")."""
    return lgb.LGBMClassifier(**{**LGBM_DEFAULTS, **params}, random_state=seed, n_jobs=N_JOBS, verbose=-1)


def candidate_models(seed: int, fast: bool = False) -> dict[tuple[str, str], Factory]:
    """Factories keyed by (model name, class weighting), for the comparison table."""
    n_trees = 60 if fast else 300
    models: dict[tuple[str, str], Factory] = {
        ("dummy", "none"): lambda: DummyClassifier(strategy="prior"),
    }
    for weight_name, weight in (("none", None), ("balanced", "balanced")):
        models[("logistic_regression", weight_name)] = lambda w=weight: make_pipeline(
            SimpleImputer(strategy="median", add_indicator=True), StandardScaler(),
            LogisticRegression(C=0.05, max_iter=2000, class_weight=w))
        models[("random_forest", weight_name)] = lambda w=weight: make_pipeline(
            SimpleImputer(strategy="median"),
            RandomForestClassifier(n_estimators=n_trees, min_samples_leaf=10, max_features="sqrt",
                                   class_weight=("balanced_subsample" if w else None),
                                   n_jobs=N_JOBS, random_state=seed))
        models[("lightgbm", weight_name)] = lambda w=weight: make_lightgbm(
            {"class_weight": w, "n_estimators": n_trees}, seed)
    return models
