"""`make train`: data -> features -> model comparison -> final model -> artifacts."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.metrics import roc_curve

from model.config import MODEL_VERSION, CostModel, TrainConfig
from model.data import load_tables
from model.features.build import FeatureSet, features_of_folder
from model.progress import Progress
from model.train.compare import compare_baselines, nested_lightgbm, summarise
from model.train.cost import best_threshold, cost_curve, cross_fitted_confusion
from model.train.cv import CVResult, fold_ids
from model.train.models import make_lightgbm
from model.train.search import oof_predictions, search_lightgbm


@dataclass
class TrainedModel:
    """Everything the export step needs from training."""

    booster: lgb.Booster
    params: dict
    threshold: float
    train: FeatureSet
    new: FeatureSet | None
    y: np.ndarray
    nested: CVResult
    metrics: dict
    application_train: pd.DataFrame
    application_test: pd.DataFrame | None


def _roc_points(y: np.ndarray, proba: np.ndarray, max_points: int = 101) -> dict:
    fpr, tpr, _ = roc_curve(y, proba)
    keep = np.unique(np.linspace(0, len(fpr) - 1, min(max_points, len(fpr))).astype(int))
    return {"fpr": [round(float(v), 4) for v in fpr[keep]], "tpr": [round(float(v), 4) for v in tpr[keep]]}


def train_model(data_dir: Path, config: TrainConfig, cost: CostModel, log: Progress) -> TrainedModel:
    """Compare the candidates, estimate the tuned LightGBM by nested CV, then fit it on all labelled clients."""
    with log.step("loading tables"):
        # The application tables only: the features are built from the folder by DuckDB (out of core).
        tables = load_tables(data_dir, need_train=True, relational=False)
    with log.step("building features (model/features/sql, DuckDB)"):
        train, present = features_of_folder(data_dir, "application_train")
        new = (features_of_folder(data_dir, "application_test", train.categories, train.names)[0]
               if tables.test is not None else None)
        log(f"application_train: {len(tables.train):,} clients; relational tables: {', '.join(present) or 'none'}; "
            f"{train.X.shape[1]} features")
    y = tables.train["TARGET"].to_numpy().astype(int)
    folds = fold_ids(y, config.n_folds, config.seed)
    with log.step(f"comparing models ({config.n_folds}-fold stratified CV)"):
        rows = compare_baselines(train.X, y, folds, config, cost, log)
    with log.step(f"nested CV of the LightGBM search ({config.n_trials} trials x {config.inner_folds} inner folds "
                  f"per outer fold)"):
        nested = nested_lightgbm(train.X, y, folds, config, cost, log)
        rows.append(summarise("lightgbm_tuned", "none", nested, y, cost))
    with log.step(f"final search on all {len(y):,} clients, threshold on its out-of-fold predictions"):
        params, inner_auc = search_lightgbm(train.X, y, config.n_trials, config.n_folds, config.seed, config.fast)
        final_oof = oof_predictions(params, train.X, y, config.n_folds, config.seed)
        threshold = round(best_threshold(y, final_oof, cost), 6)
        booster = make_lightgbm(params, config.seed).fit(train.X, y).booster_
    tuned = rows[-1]
    metrics = {
        "model_version": MODEL_VERSION, "trained_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "seed": config.seed, "fast_mode": config.fast,
        "data": {"n_train": int(len(y)), "n_defaulted": int(y.sum()), "n_new": int(len(new.X)) if new else 0,
                 "feature_count": int(train.X.shape[1]), "tables": ["application"] + present},
        "cost": {"fn_cost": cost.fn_cost, "fp_cost": cost.fp_cost},
        "comparison": rows,
        "search": {"method": "optuna TPE, objective ROC AUC", "trials_per_fold": config.n_trials,
                   "inner_folds": config.inner_folds, "outer_folds": config.n_folds,
                   "best_params_per_fold": nested.extra["best_params_per_fold"],
                   "inner_auc_per_fold": [round(v, 4) for v in nested.extra["inner_auc_per_fold"]],
                   "threshold_per_fold": [round(v, 6) for v in nested.extra["fold_thresholds"]],
                   "final_search_inner_auc": round(inner_auc, 4)},
        "chosen": {"model": "lightgbm", "params": params, "threshold": threshold,
                   "nested_cv": {k: tuned[k] for k in ("auc_mean", "auc_std", "cost_per_1000", "recall", "precision")}
                   | {"fold_auc": [round(v, 4) for v in nested.fold_auc]}},
        # The curve is what the threshold was chosen on; the confusion matrix is the honest, nested one.
        "threshold_curve": cost_curve(y, final_oof, cost),
        "confusion_matrix": cross_fitted_confusion(y, nested.oof, nested.folds, cost,
                                                   nested.extra["fold_thresholds"]),
        "roc": _roc_points(y, nested.oof) | {"auc": tuned["auc_mean"]},
    }
    return TrainedModel(booster, params, threshold, train, new, y, nested, metrics, tables.train, tables.test)
