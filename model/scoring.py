"""Batch scoring of a Kaggle-format folder with the committed artifacts (ONNX model, the same feature SQL run by DuckDB).

Every problem of the input is found before any scoring work, and reported in one line naming the file,
the column and the row: an empty or duplicate id, text in a numeric column, a negative amount, a category
the model never saw. Absent relational tables are allowed (their features are missing) but each scored
client carries the list in ``missing_tables`` and a warning is printed.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from model.artifacts import read_manifest
from model.data import DataError
from model.data.load import find_table
from model.data.schema import RELATIONAL_TABLES, SCHEMAS
from model.export.onnx_export import run_onnx
from model.features.build import features_of_folder

MISSING_TEXT = {"", "XNA", "XAP"}  # what the loader reads as a missing value
# Amounts of the application that cannot be negative (relational tables do hold legitimate negative balances).
NON_NEGATIVE = ("AMT_INCOME_TOTAL", "AMT_CREDIT", "AMT_ANNUITY", "AMT_GOODS_PRICE")
# Tables whose absence changes the scores (bureau_balance only refines bureau; all are optional to the loader).
HISTORY_TABLES = RELATIONAL_TABLES


@dataclass
class InputCheck:
    """What the checks found that is not an error: absent tables, unknown categories scored as missing."""

    missing_tables: list[str] = field(default_factory=list)
    unknown: dict[int, list[str]] = field(default_factory=dict)  # client id -> columns with an unknown category


def load_feature_spec(art_dir: Path) -> tuple[list[str], dict[str, list[str]]]:
    """Feature order and category codes the model was trained with (features.json)."""
    path = art_dir / "features.json"
    if not path.is_file():
        raise DataError(f"missing artifact file: {path}")
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    names = [f["name"] for f in features]
    categories = {f["name"]: f["categories"] for f in features if f.get("categories")}
    return names, categories


def _raw(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, low_memory=False)
    except (ValueError, OSError, EOFError) as exc:
        raise DataError(f"{path.name}: unreadable ({str(exc).splitlines()[0][:200]})") from exc


def _where(path: Path, column: str, row: int) -> str:
    """``application_test.csv, column AMT_CREDIT, row 7 (line 8)``: rows count data rows from 1."""
    return f"{path.name}, column {column}, row {row + 1} (line {row + 2})"


def _check_numbers(path: Path, raw: pd.DataFrame, table: str) -> None:
    schema = SCHEMAS[table]
    for column in raw.columns:
        if column in schema.categorical:
            continue
        text = raw[column].str.strip()
        present = ~text.isin(["", "nan", "NaN"])
        bad = present & pd.to_numeric(text, errors="coerce").isna()
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise DataError(f"{_where(path, column, row)}: {raw[column].iloc[row]!r} is not a number")


def _check_ids(path: Path, raw: pd.DataFrame) -> None:
    ids = raw["SK_ID_CURR"].str.strip()
    empty = np.flatnonzero((ids == "").to_numpy())
    if empty.size:
        raise DataError(f"{_where(path, 'SK_ID_CURR', int(empty[0]))}: empty client id")
    duplicated = np.flatnonzero(ids.duplicated().to_numpy())
    if duplicated.size:
        row = int(duplicated[0])
        first = int(np.flatnonzero((ids == ids.iloc[row]).to_numpy())[0])
        raise DataError(f"{_where(path, 'SK_ID_CURR', row)}: duplicate client id {ids.iloc[row]} "
                        f"(already on row {first + 1}); one id must be one application")


def _check_amounts(path: Path, raw: pd.DataFrame) -> None:
    for column in NON_NEGATIVE:
        if column in raw.columns:
            negative = np.flatnonzero((pd.to_numeric(raw[column], errors="coerce") < 0).to_numpy())
            if negative.size:
                row = int(negative[0])
                raise DataError(f"{_where(path, column, row)}: negative amount {raw[column].iloc[row]}")


def _check_categories(path: Path, raw: pd.DataFrame, categories: dict[str, list[str]], allow_unknown: bool,
                      found: InputCheck) -> None:
    for column, known in categories.items():
        if column not in raw.columns:
            continue
        unknown = ~raw[column].isin(set(known) | MISSING_TEXT)
        if not unknown.any():
            continue
        rows = np.flatnonzero(unknown.to_numpy())
        if not allow_unknown:
            row = int(rows[0])
            raise DataError(f"{_where(path, column, row)}: unknown category {raw[column].iloc[row]!r} "
                            f"(known: {', '.join(known)}; --unknown-as-missing scores it as a missing value, flagged)")
        for row in rows:
            found.unknown.setdefault(int(raw["SK_ID_CURR"].iloc[row]), []).append(column)


def check_folder(data_dir: Path, categories: dict[str, list[str]], allow_unknown: bool = False) -> InputCheck:
    """Every check on the raw files of ``data_dir``, before any feature is built; raises ``DataError``."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError(f"data folder not found: {data_dir}")
    app_path = find_table(data_dir, "application_test") or find_table(data_dir, "application_train")
    if app_path is None:
        raise DataError(f"missing file: {data_dir}/application_train.csv or application_test.csv (or .csv.gz)")
    found = InputCheck()
    table = "application_test" if app_path.name.startswith("application_test") else "application_train"
    app = _raw(app_path)
    if "SK_ID_CURR" not in app.columns:
        raise DataError(f"{app_path.name}: missing required column(s) SK_ID_CURR")
    _check_ids(app_path, app)
    _check_numbers(app_path, app, table)
    _check_amounts(app_path, app)
    _check_categories(app_path, app, categories, allow_unknown, found)
    for name in RELATIONAL_TABLES:
        path = find_table(data_dir, SCHEMAS[name].file_stem)
        if path is None:
            found.missing_tables.append(name)
        else:
            _check_numbers(path, _raw(path), name)
    return found


def score_folder(data_dir: Path, art_dir: Path, allow_unknown: bool = False,
                 warn=lambda message: None) -> pd.DataFrame:
    """Probability of default and decision for every client of the folder's application table.

    Uses application_test when present, else application_train; any relational table may be absent
    (its features are then missing for every client, listed in ``missing_tables`` and warned about).
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
    features, _ = features_of_folder(Path(data_dir), dataset, categories, names)
    proba, _ = run_onnx(model_path.read_bytes(), features.X.to_numpy(np.float64))
    threshold = float(manifest["threshold"])
    ids = features.X.index.astype(int)
    out = pd.DataFrame({
        "SK_ID_CURR": ids,
        "probability_of_default": np.round(proba, 6),
        "decision": np.where(proba >= threshold, "refused", "granted"),
        "missing_tables": ";".join(found.missing_tables),
    })
    if allow_unknown:
        out["unknown_categories"] = [";".join(found.unknown.get(int(i), [])) for i in ids]
    return out
