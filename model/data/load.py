"""Read Kaggle-format tables with explicit dtypes; relational tables are optional.

Every problem (missing folder, missing file, missing column, unreadable value)
is raised as a ``DataError`` whose message names the folder, file or column.
"""
from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from model.data.schema import RELATIONAL_TABLES, SCHEMAS, TableSchema


class DataError(Exception):
    """A data folder, file or column is missing or unreadable (one-line, user-facing message)."""


@dataclass
class Tables:
    """The application table(s) and whichever relational tables the folder holds (``None`` when absent)."""

    train: pd.DataFrame | None
    test: pd.DataFrame | None
    relational: dict[str, pd.DataFrame | None] = field(default_factory=dict)

    def get(self, name: str) -> pd.DataFrame | None:
        return self.relational.get(name)

    @property
    def present(self) -> list[str]:
        return [name for name, df in self.relational.items() if df is not None]


def find_table(data_dir: Path, stem: str) -> Path | None:
    """Return ``stem.csv`` or ``stem.csv.gz`` inside ``data_dir``, or None."""
    for suffix in (".csv", ".csv.gz"):
        path = data_dir / f"{stem}{suffix}"
        if path.is_file():
            return path
    return None


def _header(path: Path) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8", errors="replace", newline="") as handle:
            return next(csv.reader(handle))
    except (OSError, EOFError, StopIteration) as exc:
        raise DataError(f"{path}: cannot read the header ({exc.__class__.__name__})") from exc


def _dtypes(columns: list[str], schema: TableSchema) -> dict[str, object]:
    dtypes: dict[str, object] = {}
    for col in columns:
        if col in schema.ids or col == "TARGET":
            dtypes[col] = "Int64" if col == "TARGET" else np.int64
        elif col in schema.categorical:
            dtypes[col] = "category"
        else:
            dtypes[col] = np.float32
    return dtypes


def read_table(data_dir: Path, name: str, required: bool = False) -> pd.DataFrame | None:
    """Read one table by its Kaggle name.

    Parameters
    ----------
    data_dir : folder in the Kaggle format.
    name : table name, e.g. ``"bureau"`` (a key of ``SCHEMAS``).
    required : raise when the file is absent instead of returning None.

    Raises
    ------
    DataError
        When a required file or column is missing, or a value cannot be parsed.
    """
    schema = SCHEMAS[name]
    path = find_table(data_dir, schema.file_stem)
    if path is None:
        if required:
            raise DataError(f"missing file: {data_dir / schema.file_stem}.csv (or .csv.gz)")
        return None
    columns = _header(path)
    missing = [col for col in schema.required if col not in columns]
    if missing:
        raise DataError(f"{path.name}: missing required column(s) {', '.join(missing)}")
    try:
        return pd.read_csv(path, dtype=_dtypes(columns, schema), na_values=["XNA", "XAP"],
                           keep_default_na=True, low_memory=False)
    except (ValueError, TypeError, OSError, EOFError) as exc:
        raise DataError(f"{path.name}: unreadable content ({_short(exc)})") from exc


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else exc.__class__.__name__


def load_tables(data_dir: Path | str, need_train: bool = True, need_test: bool = False,
                relational: bool = True) -> Tables:
    """Load a Kaggle-format folder: the application table(s) plus (unless ``relational`` is False, as when
    the features are built from the folder by DuckDB) every relational table present."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError(f"data folder not found: {data_dir}")
    train = read_table(data_dir, "application_train", required=need_train)
    test = read_table(data_dir, "application_test", required=need_test)
    if train is None and test is None:
        raise DataError(f"missing file: {data_dir}/application_train.csv or application_test.csv (or .csv.gz)")
    history = {name: read_table(data_dir, name) for name in RELATIONAL_TABLES} if relational else {}
    return Tables(train=train, test=test, relational=history)
