"""Write every artifact of a trained model into one folder (docs/artifacts.md)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from model.artifacts import FIXTURES, write_json, write_manifest
from model.config import MODEL_VERSION
from model.explain import global_importance, shap_contributions
from model.export import check_parity, flatten_trees, to_onnx
from model.features.catalogue import describe_features, describe_groups
from model.features.random_applications import write_random_applications
from model.features.raw_rows import read_raw_rows
from model.features.ship import ship_definitions
from model.pipeline import TrainedModel
from model.progress import Progress
from model.report import drift_table, fairness_table, population_stats
from model.report.model_card import render_model_card
from model.store import display_rows, write_store

SHAP_FIXTURE_CLIENTS = 1200


def _all_clients(trained: TrainedModel) -> tuple[pd.DataFrame, list[tuple[pd.DataFrame, str]]]:
    """Model inputs of every client (labelled first, then new) and their application tables, in that order."""
    parts = [(trained.train.X, trained.application_train, "train")]
    if trained.new is not None:
        parts.append((trained.new.X, trained.application_test, "new"))
    return pd.concat([X for X, _, _ in parts]), [(app, name) for _, app, name in parts]


def _display(sources: list[tuple[pd.DataFrame, str]], proba: np.ndarray) -> pd.DataFrame:
    """Display rows of every client, with the probabilities already computed for all of them (same order)."""
    frames, start = [], 0
    for app, name in sources:
        frames.append(display_rows(app, name, proba[start:start + len(app)]))
        start += len(app)
    return pd.concat(frames, ignore_index=True)


def publish(trained: TrainedModel, data_dir: Path, out_dir: Path, log: Progress) -> dict:
    """Write the artifacts; returns the manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("*"):
        if stale.is_file():
            stale.unlink()
    booster, threshold, names = trained.booster, trained.threshold, trained.train.names
    catalogue = describe_features(names, trained.train.categories, data_dir)
    labels = {f["name"]: f["label"] for f in catalogue}
    X_all, sources = _all_clients(trained)
    X64 = X_all.to_numpy(np.float64)
    proba, raw = booster.predict(X64), booster.predict(X64, raw_score=True)
    display = _display(sources, proba)

    with log.step("exporting ONNX and trees"):
        trees = flatten_trees(booster)
        onnx_model = to_onnx(trees, MODEL_VERSION)
        parity = check_parity(onnx_model, X64, proba, raw, threshold)
        log(f"ONNX vs LightGBM on {parity['n_clients']:,} clients: max |diff| probability "
            f"{parity['max_abs_diff_probability']:.2e}, raw score {parity['max_abs_diff_raw_score']:.2e}, "
            f"decisions identical: {parity['decisions_identical']}")
        (out_dir / "model.onnx").write_bytes(onnx_model.SerializeToString())
        write_json(out_dir / "trees.json", trees)
    trained.metrics["onnx_parity"] = parity

    with log.step("SHAP, population, fairness, drift"):
        n_train = len(trained.train.X)
        contrib_train = shap_contributions(booster, X64[:n_train])
        importance = {"n_clients": n_train, "features": global_importance(contrib_train, names, labels)}
        rng = np.random.default_rng(trained.metrics["seed"])
        fixture_rows = np.sort(rng.choice(len(X64), size=min(SHAP_FIXTURE_CLIENTS, len(X64)), replace=False))
        fixture_contrib = shap_contributions(booster, X64[fixture_rows])
        population = population_stats(trained.train.X, trained.y, proba[:n_train], importance["features"],
                                      trained.metrics["seed"])
        fairness = fairness_table(trained.application_train["CODE_GENDER"], trained.train.X["AGE_YEARS"].to_numpy(),
                                  trained.y, trained.nested.oof,
                                  np.asarray(trained.nested.extra["fold_thresholds"])[trained.nested.folds])
        drift = (drift_table(trained.train.X, trained.new.X, labels) if trained.new is not None
                 else {"psi_threshold": None, "ks_threshold": None, "n_reference": n_train, "n_current": 0,
                       "features": []})

    with log.step("client store (display, inputs, raw rows), feature definitions, random applications"):
        datasets = ("application_train", "application_test") if trained.new is not None else ("application_train",)
        raw_rows = read_raw_rows(data_dir, datasets)
        write_store(out_dir / "clients.sqlite", display, X_all,
                    {"model_version": MODEL_VERSION, "feature_count": str(len(names))}, raw_rows)
        ship_definitions(out_dir, trained.train.categories, data_dir)
        write_random_applications(out_dir / FIXTURES / "applications-random.json.gz", out_dir / "features-sql",
                                  names, trained.train.categories, trained.metrics["seed"])

    write_json(out_dir / "features.json", {"features": catalogue, "groups": describe_groups(names)})
    write_json(out_dir / "metrics.json", trained.metrics)
    write_json(out_dir / "population.json", population)
    write_json(out_dir / "importance.json", importance)
    write_json(out_dir / "fairness.json", fairness)
    write_json(out_dir / "drift.json", drift)
    (out_dir / "model-card.md").write_text(render_model_card(trained.metrics, fairness, drift, importance, parity),
                                           encoding="utf-8")
    ids = [int(i) for i in X_all.index]
    write_json(out_dir / FIXTURES / "predictions.json.gz",
               {"ids": ids, "probability": proba.tolist(), "raw_score": raw.tolist()}, compress=True)
    write_json(out_dir / FIXTURES / "shap_contrib.json.gz",
               {"ids": [ids[i] for i in fixture_rows], "contrib": fixture_contrib.tolist()}, compress=True)
    return write_manifest(out_dir, MODEL_VERSION, trained.metrics["trained_at"], len(names), threshold,
                          trained.metrics["cost"])
