"""The client store (SQLite): display information, model inputs and raw Kaggle rows of every client, read by the API.

The raw rows (tables of the Kaggle names, the columns the feature SQL reads, in file order) let the
API recompute a stored client through the same definitions as a new application.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pandas as pd

from model.features.raw_columns import RAW_COLUMNS


SCHEMA = """
CREATE TABLE clients (id INTEGER PRIMARY KEY, dataset TEXT NOT NULL, target INTEGER, probability REAL NOT NULL,
  gender TEXT, age_years REAL, income REAL, credit_amount REAL, annuity REAL, goods_price REAL,
  contract_type TEXT, family_status TEXT, education TEXT, income_type TEXT, occupation TEXT,
  children INTEGER, employment_years REAL, own_car INTEGER, own_realty INTEGER);
CREATE TABLE features (id INTEGER PRIMARY KEY, vector BLOB NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""
# For display only (the model's inputs come from model/features/sql/): Kaggle's "not employed" placeholder.
DAYS_EMPLOYED_PLACEHOLDER = 365243
DAYS_PER_YEAR = 365.25
INDEXED = ("age_years", "income", "credit_amount", "annuity", "probability", "contract_type", "gender", "dataset")


def _text(series: pd.Series) -> list:
    return [None if pd.isna(v) else str(v) for v in series.astype("object")]


def _num(series: pd.Series, digits: int = 2) -> list:
    return [None if pd.isna(v) else round(float(v), digits) for v in series]


def display_rows(app: pd.DataFrame, dataset: str, proba: np.ndarray) -> pd.DataFrame:
    """What an advisor sees about a client, from the raw application table."""
    employed = app["DAYS_EMPLOYED"].where(app["DAYS_EMPLOYED"] != DAYS_EMPLOYED_PLACEHOLDER)
    return pd.DataFrame({
        "id": app["SK_ID_CURR"].astype(int).to_numpy(), "dataset": dataset,
        "target": app["TARGET"].astype("object").where(app["TARGET"].notna(), None).to_numpy()
        if "TARGET" in app.columns else None,
        "probability": np.round(proba, 6),
        "gender": _text(app["CODE_GENDER"]), "age_years": _num(-app["DAYS_BIRTH"] / DAYS_PER_YEAR, 1),
        "income": _num(app["AMT_INCOME_TOTAL"]), "credit_amount": _num(app["AMT_CREDIT"]),
        "annuity": _num(app["AMT_ANNUITY"]), "goods_price": _num(app["AMT_GOODS_PRICE"]),
        "contract_type": _text(app["NAME_CONTRACT_TYPE"]), "family_status": _text(app["NAME_FAMILY_STATUS"]),
        "education": _text(app["NAME_EDUCATION_TYPE"]), "income_type": _text(app["NAME_INCOME_TYPE"]),
        "occupation": _text(app["OCCUPATION_TYPE"]), "children": app["CNT_CHILDREN"].fillna(0).astype(int).to_numpy(),
        "employment_years": _num(-employed / DAYS_PER_YEAR, 1),
        "own_car": (app["FLAG_OWN_CAR"].astype(str) == "Y").astype(int).to_numpy(),
        "own_realty": (app["FLAG_OWN_REALTY"].astype(str) == "Y").astype(int).to_numpy(),
    })


SQLITE_TYPES = {"BIGINT": "INTEGER", "DOUBLE": "REAL", "VARCHAR": "TEXT"}


def _sql_value(value: object) -> object:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    return value.item() if hasattr(value, "item") else value


def _write_raw(db: sqlite3.Connection, raw: dict[str, pd.DataFrame]) -> None:
    """One table per Kaggle table, rows in the order given (rowid order = the SQL's summation order)."""
    for table, columns in RAW_COLUMNS.items():
        frame = raw.get(table)
        cols = ", ".join(f'"{c}" {SQLITE_TYPES[t]}' for c, t in columns.items())
        db.execute(f'CREATE TABLE "{table}" ({cols})')
        if frame is not None and len(frame):
            names = list(columns)
            db.executemany(f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})',
                           ([_sql_value(v) for v in row] for row in frame[names].itertuples(index=False)))
        key = "SK_ID_BUREAU" if table == "bureau_balance" else "SK_ID_CURR"
        db.execute(f'CREATE INDEX "idx_{table}_{key}" ON "{table}" ("{key}")')


def write_store(path: Path, display: pd.DataFrame, X: pd.DataFrame, meta: dict[str, str],
                raw: dict[str, pd.DataFrame] | None = None) -> None:
    """Write the store; ``X`` rows are stored as float32 little-endian vectors in features.json order, ``raw``
    (Kaggle table name -> rows with the columns of RAW_COLUMNS) in tables of the same names."""
    if list(display["id"]) != [int(i) for i in X.index]:
        raise ValueError("display rows and feature rows must list the same clients in the same order")
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.executescript(SCHEMA)
        cols = list(display.columns)
        db.executemany(f"INSERT INTO clients ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                       [tuple(None if (isinstance(v, float) and np.isnan(v)) else
                              (v.item() if hasattr(v, "item") else v) for v in row)
                        for row in display.itertuples(index=False)])
        vectors = X.to_numpy(np.float32).astype("<f4")
        db.executemany("INSERT INTO features (id, vector) VALUES (?, ?)",
                       [(int(i), vectors[k].tobytes()) for k, i in enumerate(X.index)])
        db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", list(meta.items()))
        if raw is not None:
            _write_raw(db, raw)
        for col in INDEXED:
            db.execute(f"CREATE INDEX idx_clients_{col} ON clients ({col})")
    with sqlite3.connect(path) as db:
        db.execute("VACUUM")


def read_vectors(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """All client ids and their model inputs (float32), as the API reads them."""
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT id, vector FROM features ORDER BY id").fetchall()
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    return ids, np.vstack([np.frombuffer(r[1], dtype="<f4") for r in rows])


def read_raw(path: Path) -> dict[str, pd.DataFrame]:
    """The stored raw rows, by Kaggle table name, in stored (rowid) order."""
    with sqlite3.connect(path) as db:
        return {table: pd.read_sql_query(f'SELECT * FROM "{table}" ORDER BY rowid', db) for table in RAW_COLUMNS}
