"""Batch scoring of a Kaggle-format folder with the committed artifacts (ONNX model, the same feature SQL)."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from model.artifacts import read_manifest
from model.data import DataError
from model.data.load import find_table
from model.export.onnx_export import run_onnx
from model.features.build import features_of_folder


def load_feature_spec(art_dir: Path) -> tuple[list[str], dict[str, list[str]]]:
    """Feature order and category codes the model was trained with (features.json)."""
    path = art_dir / "features.json"
    if not path.is_file():
        raise DataError(f"missing artifact file: {path}")
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    names = [f["name"] for f in features]
    categories = {f["name"]: f["categories"] for f in features if f.get("categories")}
    return names, categories


def score_folder(data_dir: Path, art_dir: Path) -> pd.DataFrame:
    """Probability of default and decision for every client of the folder's application table.

    Uses application_test when present, else application_train; any relational
    table may be absent (its features are then missing for every client).
    """
    manifest = read_manifest(art_dir)
    names, categories = load_feature_spec(art_dir)
    model_path = art_dir / "model.onnx"
    if not model_path.is_file():  # before reading the data: a missing model should fail fast
        raise DataError(f"missing artifact file: {model_path}")
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError(f"data folder not found: {data_dir}")
    if find_table(data_dir, "application_test") is None and find_table(data_dir, "application_train") is None:
        raise DataError(f"missing file: {data_dir}/application_train.csv or application_test.csv (or .csv.gz)")
    dataset = "application_test" if find_table(data_dir, "application_test") is not None else "application_train"
    features, _ = features_of_folder(data_dir, dataset, categories, names)
    proba, _ = run_onnx(model_path.read_bytes(), features.X.to_numpy(np.float64))
    threshold = float(manifest["threshold"])
    return pd.DataFrame({
        "SK_ID_CURR": features.X.index.astype(int),
        "probability_of_default": np.round(proba, 6),
        "decision": np.where(proba >= threshold, "refused", "granted"),
    })
