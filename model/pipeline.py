"""`make train`: data -> features -> model comparison -> final model -> artifacts."""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.metrics import roc_curve

from model.config import AGE_DERIVED_INPUTS, MODEL_VERSION, CostModel, TrainConfig
from model.data import load_tables
from model.features.build import FeatureSet, features_of_folder
from model.progress import Progress
from model.report.fairness import fairness_table
from model.report.proxies import proxy_strength
from model.train.compare import (DEPLOYABLE, MAX_ECE, client_thresholds, compare_baselines, keep_variant,
                                 nested_family, refit_variant, summarise)
from model.train.cost import best_threshold, cost_curve, cross_fitted_confusion
from model.train.cv import CVResult, fold_ids
from model.train.evaluate import bootstrap_intervals, calibration, paired_difference, subgroup
from model.train.models import SeedBaggedLightGBM, make_lightgbm, monotone_constraints
from model.train.search import oof_predictions, search_lightgbm

FAMILIES = ("logistic_regression", "random_forest", "lightgbm")


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


def model_inputs(features: FeatureSet, excluded: tuple[str, ...]) -> FeatureSet:
    """The model's input columns: every built feature except the excluded attributes (kept for monitoring only)."""
    return FeatureSet(X=features.X.drop(columns=[c for c in excluded if c in features.X.columns]),
                      categories={k: v for k, v in features.categories.items() if k not in excluded})


def _age_years(app: pd.DataFrame) -> np.ndarray:
    """Age from the raw birth date (fairness bands never depend on a model input)."""
    return (-app["DAYS_BIRTH"].to_numpy(np.float64) / 365.25)


def _fairness(app: pd.DataFrame, y: np.ndarray, result: CVResult, thresholds: np.ndarray) -> dict:
    return fairness_table(app["CODE_GENDER"], _age_years(app), y, result.oof, thresholds,
                          family_status=app["NAME_FAMILY_STATUS"])


def _decision_pair(result: CVResult, y: np.ndarray, cost: CostModel) -> dict:
    return {"proba": result.oof, "thresholds": client_thresholds(result, y, cost)}


def train_model(data_dir: Path, config: TrainConfig, cost: CostModel, log: Progress) -> TrainedModel:
    """Compare the families (same tuning budget, same nested CV), measure the chosen one, fit it on all clients."""
    started = time.perf_counter()
    with log.step("loading tables"):
        # The application tables only: the features are built from the folder by DuckDB (out of core).
        tables = load_tables(data_dir, need_train=True, relational=False)
    with log.step("building features (model/features/sql, DuckDB)"):
        built, present = features_of_folder(data_dir, "application_train")
        train = model_inputs(built, config.excluded)
        new = (features_of_folder(data_dir, "application_test", train.categories, train.names)[0]
               if tables.test is not None else None)
        log(f"application_train: {len(tables.train):,} clients; relational tables: {', '.join(present) or 'none'}; "
            f"{train.X.shape[1]} model inputs (excluded: {', '.join(config.excluded) or 'none'})")
    y = tables.train["TARGET"].to_numpy().astype(int)
    folds = fold_ids(y, config.n_folds, config.seed)
    timings: dict[str, float] = {}

    def timed(name: str, fn):
        t0 = time.perf_counter()
        out = fn()
        timings[name] = round(time.perf_counter() - t0, 1)
        return out

    with log.step(f"hand-set candidates ({config.n_folds}-fold stratified CV)"):
        rows, _ = timed("hand_set", lambda: compare_baselines(train.X, y, folds, config, cost, log))
    nested: dict[str, CVResult] = {}
    for family in FAMILIES:
        with log.step(f"nested CV of the {family} search ({config.n_trials} trials x {config.inner_folds} inner "
                      f"folds per outer fold)"):
            nested[family] = timed(family, lambda f=family: nested_family(f, train.X, y, folds, config, cost, log))
            rows.append(summarise(f"{family}_tuned", "none", nested[family], y, cost))
    tuned = nested[DEPLOYABLE]
    variants = {
        "lightgbm_monotone": lambda p, s, cols: make_lightgbm(p | {"monotone_constraints": monotone_constraints(cols)}, s),
        "lightgbm_bagged": lambda p, s, cols: SeedBaggedLightGBM(p, tuple(s + i for i in range(5))),
    }
    for name, build in variants.items():
        with log.step(f"{name}: the tuned LightGBM's per-fold parameters, same outer folds"):
            nested[name] = timed(name, lambda b=build: refit_variant(b, tuned, train.X, y, config, cost, log))
            rows.append(summarise(name, "none", nested[name], y, cost, tuning="nested search, variant"))

    reference = _decision_pair(tuned, y, cost)
    paired = {name: paired_difference(y, folds, _decision_pair(result, y, cost), reference, cost,
                                      config.bootstrap, config.seed)
              for name, result in nested.items() if name != DEPLOYABLE}
    by_name = {r["model"]: r for r in rows}
    kept = [name for name in variants if keep_variant(by_name[name], paired[name])]
    chosen_name = min(kept, key=lambda n: by_name[n]["cost_per_1000"]) if kept else "lightgbm_tuned"
    # A variant that is not exported as one booster (seed-bagging) is reported, not deployed.
    if chosen_name == "lightgbm_bagged":
        chosen_name = "lightgbm_tuned"
    chosen_result = nested["lightgbm_monotone" if chosen_name == "lightgbm_monotone" else DEPLOYABLE]
    chosen_pair = _decision_pair(chosen_result, y, cost)

    with log.step("protected attributes and age: the same nested LightGBM search with other inputs"):
        with_protected = model_inputs(built, ())
        without_age = train.X.drop(columns=[c for c in AGE_DERIVED_INPUTS if c in train.X.columns])
        alt = {"with_protected": timed("with_protected", lambda: nested_family(
                   DEPLOYABLE, with_protected.X, y, folds, config, cost, log)),
               "without_excluded_and_age": timed("without_age", lambda: nested_family(
                   DEPLOYABLE, without_age, y, folds, config, cost, log))}
    thresholds_of = {k: client_thresholds(v, y, cost) for k, v in alt.items()}
    attributes = {
        "excluded": list(config.excluded), "age_derived_inputs": [c for c in AGE_DERIVED_INPUTS if c in train.X.columns],
        "variants": [
            {"name": "without_excluded", "inputs": int(train.X.shape[1])} | summarise("lightgbm_tuned", "none", tuned, y, cost),
            {"name": "with_protected", "inputs": int(with_protected.X.shape[1])}
            | summarise("lightgbm_tuned", "none", alt["with_protected"], y, cost),
            {"name": "without_excluded_and_age", "inputs": int(without_age.shape[1])}
            | summarise("lightgbm_tuned", "none", alt["without_excluded_and_age"], y, cost),
        ],
        "paired_vs_without_excluded": {
            k: paired_difference(y, folds, {"proba": v.oof, "thresholds": thresholds_of[k]}, reference, cost,
                                 config.bootstrap, config.seed) for k, v in alt.items()},
        "fairness_with_protected": _fairness(tables.train, y, alt["with_protected"], thresholds_of["with_protected"]),
    }
    with log.step("proxies: how well the remaining inputs predict the excluded attributes and age"):
        attributes["proxies"] = proxy_strength(train.X, tables.train, config.seed, config.fast)

    subgroups = {}
    for name, column in (("no_bureau_record", "BUREAU_CREDIT_COUNT"), ("no_previous_application", "PREV_APPLICATION_COUNT")):
        if column in train.X.columns:
            mask = ~(train.X[column].to_numpy(np.float64) > 0)
            subgroups[name] = subgroup(y, chosen_pair["proba"], chosen_pair["thresholds"], mask, cost)
            subgroups[name.replace("no_", "with_")] = subgroup(y, chosen_pair["proba"], chosen_pair["thresholds"], ~mask, cost)

    with log.step(f"final search on all {len(y):,} clients, threshold on its out-of-fold predictions"):
        params, inner_auc = search_lightgbm(train.X, y, config.n_trials, config.n_folds, config.seed, config.fast)
        if chosen_name == "lightgbm_monotone":
            params = params | {"monotone_constraints": monotone_constraints(train.names)}
        final_oof = oof_predictions(params, train.X, y, config.n_folds, config.seed)
        threshold = round(best_threshold(y, final_oof, cost), 6)
        booster = make_lightgbm(params, config.seed).fit(train.X, y).booster_
    tuned_row = by_name[chosen_name]
    shown_params = {k: v for k, v in params.items() if k != "monotone_constraints"}
    fold_thresholds = chosen_result.extra["fold_thresholds"]
    metrics = {
        "model_version": MODEL_VERSION, "trained_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "seed": config.seed, "fast_mode": config.fast,
        "data": {"n_train": int(len(y)), "n_defaulted": int(y.sum()), "n_new": int(len(new.X)) if new else 0,
                 "feature_count": int(train.X.shape[1]), "tables": ["application"] + present},
        "cost": {"fn_cost": cost.fn_cost, "fp_cost": cost.fp_cost},
        "comparison": rows,
        "family_params_per_fold": {f: nested[f].extra["best_params_per_fold"] for f in FAMILIES},
        "paired_vs_lightgbm_tuned": paired,
        "choice": {"rule": f"lowest nested cost among LightGBM variants that win out of fold (lower mean cost, "
                           f"no lower mean AUC, ECE <= {MAX_ECE}); other families reported, the serving stack "
                           f"exports LightGBM", "kept_variants": kept, "chosen": chosen_name,
                   "max_ece": MAX_ECE},
        "search": {"method": "optuna TPE, objective ROC AUC, same budget for every family",
                   "trials_per_fold": config.n_trials, "inner_folds": config.inner_folds,
                   "outer_folds": config.n_folds,
                   "best_params_per_fold": chosen_result.extra["best_params_per_fold"],
                   "inner_auc_per_fold": [round(v, 4) for v in tuned.extra["inner_auc_per_fold"]],
                   "threshold_per_fold": [round(v, 6) for v in fold_thresholds],
                   "final_search_inner_auc": round(inner_auc, 4)},
        "chosen": {"model": "lightgbm", "variant": chosen_name, "params": shown_params,
                   "monotone_decreasing": chosen_name == "lightgbm_monotone",
                   "excluded_attributes": list(config.excluded), "threshold": threshold,
                   "nested_cv": {k: tuned_row[k] for k in ("auc_mean", "auc_std", "cost_per_1000", "recall", "precision")}
                   | {"fold_auc": [round(v, 4) for v in chosen_result.fold_auc]}},
        "calibration": calibration(y, chosen_result.oof),
        "uncertainty": bootstrap_intervals(y, chosen_pair["proba"], chosen_pair["thresholds"], cost,
                                           config.bootstrap, config.seed),
        "attributes": attributes,
        "subgroups": subgroups,
        # The curve is what the threshold was chosen on; the confusion matrix is the honest, nested one.
        "threshold_curve": cost_curve(y, final_oof, cost),
        "confusion_matrix": cross_fitted_confusion(y, chosen_result.oof, chosen_result.folds, cost, fold_thresholds),
        # Pooled out-of-fold predictions of all outer folds: its AUC is the pooled one, not the mean of the folds.
        "roc": _roc_points(y, chosen_result.oof) | {"auc": tuned_row["auc_mean"],
                                                    "auc_pooled": round(float(_pooled_auc(y, chosen_result.oof)), 4)},
        "timings_seconds": timings | {"total": round(time.perf_counter() - started, 1)},
    }
    return TrainedModel(booster, params, threshold, train, new, y, chosen_result, metrics, tables.train, tables.test)


def _pooled_auc(y: np.ndarray, proba: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score
    return roc_auc_score(y, proba)
