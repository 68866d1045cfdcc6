"""Batch scoring of a Kaggle-format folder with the committed artifacts (ONNX model, the same feature SQL run by DuckDB).

Every problem of the input is found before any scoring work (``model.scoring_checks``), and reported in
one line naming the file, the column and the row. Absent relational tables are allowed (their features
are missing) but each scored client carries the list in ``missing_tables`` and a warning is printed.
The folder is scored a slice of applications at a time (``model.features.streaming``) and the scores
are appended to a temporary file beside the output, renamed to it only once every client is scored,
so memory stays bounded whatever the portfolio's size and no half-written file is left where the
result is expected.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnxruntime as ort
import pandas as pd

from model.artifacts import read_manifest
from model.data import DataError
from model.data.load import find_table
from model.features.streaming import defaults as stream_defaults
from model.features.streaming import stream_folder
from model.scoring_checks import InputCheck, check_folder

__all__ = ["InputCheck", "ScoreSummary", "check_folder", "iter_scores", "load_feature_spec", "score_folder",
           "write_scores"]


@dataclass
class ScoreSummary:
    """What a scoring run wrote: clients scored, refused, and the slices it took."""

    clients: int
    refused: int
    chunks: int


def load_feature_spec(art_dir: Path) -> tuple[list[str], dict[str, list[str]]]:
    """Feature order and category codes the model was trained with (features.json)."""
    path = art_dir / "features.json"
    if not path.is_file():
        raise DataError(f"missing artifact file: {path}")
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    names = [f["name"] for f in features]
    categories = {f["name"]: f["categories"] for f in features if f.get("categories")}
    return names, categories


def _session(model_path: Path) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.intra_op_num_threads = stream_defaults["threads"]
    return ort.InferenceSession(model_path.read_bytes(), options, providers=["CPUExecutionProvider"])


def iter_scores(data_dir: Path, art_dir: Path, allow_unknown: bool = False, warn=lambda message: None,
                chunk_clients: int = stream_defaults["chunk_clients"]) -> Iterator[pd.DataFrame]:
    """Probability of default and decision of every client of the folder's application table, slice by slice.

    Uses application_test when present, else application_train; any relational table may be absent
    (its features are then missing for every client, listed in ``missing_tables`` and warned about).
    Slices come in the application file's order.

    Raises
    ------
    DataError
        On a missing artifact, a bad input (file, column and row named) or a folder without any application.
    """
    manifest = read_manifest(art_dir)
    names, categories = load_feature_spec(art_dir)
    model_path = art_dir / "model.onnx"
    if not model_path.is_file():  # before reading the data: a missing model should fail fast
        raise DataError(f"missing artifact file: {model_path}")
    found = check_folder(data_dir, categories, allow_unknown)
    if found.missing_tables:
        warn(f"{data_dir}: no {', '.join(found.missing_tables)} table: those clients are scored without that "
             f"history (flagged in missing_tables)")
    if found.unknown:
        warn(f"{len(found.unknown):,} client(s) with an unknown category scored as missing (flagged in "
             f"unknown_categories)")
    dataset = "application_test" if find_table(Path(data_dir), "application_test") is not None else "application_train"
    session = _session(model_path)
    threshold = float(manifest["threshold"])
    scored = 0
    for X, _ in stream_folder(Path(data_dir), dataset, categories, names, chunk_clients=chunk_clients):
        proba = session.run(None, {"input": X.to_numpy(np.float64)})[1][:, 1].astype(np.float64)
        ids = X.index.astype(int)
        out = pd.DataFrame({
            "SK_ID_CURR": ids,
            "probability_of_default": np.round(proba, 6),
            "decision": np.where(proba >= threshold, "refused", "granted"),
            "missing_tables": ";".join(found.missing_tables),
        })
        if allow_unknown:
            out["unknown_categories"] = [";".join(found.unknown.get(int(i), [])) for i in ids]
        scored += len(out)
        yield out
    if scored == 0:
        raise DataError(f"{data_dir}: the {dataset} file holds no application to score")


def score_folder(data_dir: Path, art_dir: Path, allow_unknown: bool = False, warn=lambda message: None,
                 chunk_clients: int = stream_defaults["chunk_clients"]) -> pd.DataFrame:
    """Every client's score in one frame (``iter_scores`` gathered; for folders that fit in memory)."""
    return pd.concat(list(iter_scores(data_dir, art_dir, allow_unknown, warn, chunk_clients)), ignore_index=True)


def write_scores(data_dir: Path, art_dir: Path, out: Path, allow_unknown: bool = False, warn=lambda message: None,
                 chunk_clients: int = stream_defaults["chunk_clients"]) -> ScoreSummary:
    """Score the folder into the CSV file ``out``, slice by slice, through a temporary file renamed at the end.

    On any error the temporary file is removed and ``out`` is left as it was.
    """
    out = Path(out)
    partial = out.with_name(f".{out.name}.partial-{os.getpid()}")
    clients = refused = chunks = 0
    try:
        with open(partial, "w", encoding="utf-8", newline="") as handle:
            for scores in iter_scores(data_dir, art_dir, allow_unknown, warn, chunk_clients):
                scores.to_csv(handle, index=False, header=chunks == 0)
                clients += len(scores)
                refused += int((scores["decision"] == "refused").sum())
                chunks += 1
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return ScoreSummary(clients=clients, refused=refused, chunks=chunks)
