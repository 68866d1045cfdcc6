"""Write every artifact of a trained model into one folder (docs/artifacts.md).

The artifacts are written into a fresh temporary folder next to the target and swapped in only when
complete. The target must be absent, empty, or hold a previous artifact set and nothing else: the
pipeline never deletes a file it did not write (``--out data/`` or ``--out .`` are refused before training).
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from model.artifacts import FIXTURES, write_json, write_manifest
from model.config import MODEL_VERSION
from model.data import DataError
from model.explain import global_importance, shap_contributions
from model.export import check_parity, flatten_trees, to_onnx
from model.features.catalogue import describe_features, describe_groups
from model.features.random_applications import write_random_applications
from model.features.raw_rows import read_raw_rows
from model.features.ship import ship_definitions
from model.features.category_labels_fr import with_category_labels_fr
from model.pipeline import TrainedModel
from model.progress import Progress
from model.report import drift_table, fairness_table, population_stats
from model.report.importance_compare import importance_comparison
from model.report.model_card import render_model_card
from model.store import display_rows, write_store

SHAP_FIXTURE_CLIENTS = 1200
# Entries an artifact folder may hold besides the files its manifest lists (docs/artifacts.md).
ARTIFACT_SUBDIRS = (FIXTURES, "features-sql")
ARTIFACT_FILES = ("manifest.json",)


def check_out_dir(out_dir: Path) -> None:
    """Refuse an output folder that holds anything but a previous artifact set (checked before any work).

    A previous set is recognised by its manifest.json: every top-level file must be listed in it (or be the
    manifest), every folder be one the pipeline writes. Raises ``DataError`` naming the first stranger.
    """
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise DataError(f"--out {out_dir}: exists and is not a folder")
    entries = sorted(out_dir.iterdir())
    if not entries:
        return
    manifest = out_dir / "manifest.json"
    if not manifest.is_file():
        raise DataError(f"--out {out_dir}: not empty and holds no artifact set (no manifest.json, but "
                        f"{', '.join(e.name for e in entries[:3])}{'...' if len(entries) > 3 else ''}); "
                        f"refusing to replace it: choose an empty or new folder")
    try:
        listed = set(json.loads(manifest.read_text(encoding="utf-8"))["files"])
    except (ValueError, KeyError, TypeError) as exc:
        raise DataError(f"--out {out_dir}: manifest.json is unreadable ({exc.__class__.__name__})") from exc
    for entry in entries:
        known = (entry.is_dir() and entry.name in ARTIFACT_SUBDIRS) or (
            entry.is_file() and (entry.name in listed or entry.name in ARTIFACT_FILES))
        if not known:
            raise DataError(f"--out {out_dir}: holds {entry.name}, which is not part of the previous artifact set; "
                            f"refusing to replace the folder (choose an empty or new folder)")


def swap_in(staging: Path, out_dir: Path) -> None:
    """Replace ``out_dir`` by the complete ``staging`` folder; the old set (checked by ``check_out_dir``) goes."""
    check_out_dir(out_dir)  # again: the folder may have changed during training
    if not out_dir.exists():
        os.replace(staging, out_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    old.rmdir()
    os.replace(out_dir, old)
    os.replace(staging, out_dir)
    shutil.rmtree(old)


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
    """Write the artifacts into a temporary folder, then swap it in place of ``out_dir``; returns the manifest."""
    out_dir = out_dir.resolve()
    check_out_dir(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        manifest = _write_all(trained, data_dir, staging, log)
        staging.chmod(0o755)
        swap_in(staging, out_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return manifest


def _write_all(trained: TrainedModel, data_dir: Path, out_dir: Path, log: Progress) -> dict:
    booster, threshold, names = trained.booster, trained.threshold, trained.train.names
    catalogue = with_category_labels_fr(describe_features(names, trained.train.categories, data_dir))
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
        family_params = {f: p[0] for f, p in trained.metrics["family_params_per_fold"].items()}
        importance["comparison"] = importance_comparison(trained.train.X, trained.y, trained.params, family_params,
                                                         importance["features"], trained.metrics["seed"])
        rng = np.random.default_rng(trained.metrics["seed"])
        fixture_rows = np.sort(rng.choice(len(X64), size=min(SHAP_FIXTURE_CLIENTS, len(X64)), replace=False))
        fixture_contrib = shap_contributions(booster, X64[fixture_rows])
        # Labelled clients are compared with the model through their out-of-fold probabilities, never the
        # in-sample ones of the final fit (which it has seen).
        population = population_stats(trained.train.X, trained.y, trained.nested.oof, importance["features"],
                                      trained.metrics["seed"])
        app = trained.application_train
        fairness = fairness_table(app["CODE_GENDER"], -app["DAYS_BIRTH"].to_numpy(np.float64) / 365.25,
                                  trained.y, trained.nested.oof,
                                  np.asarray(trained.nested.extra["fold_thresholds"])[trained.nested.folds],
                                  family_status=app["NAME_FAMILY_STATUS"])
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
