"""Writing the client store (SQLite, store format 2: docs/artifacts.md)."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import numpy as np
import pandas as pd

from model.store.checksum import CHUNK, write_checksums
from model.store.display import history_counts
from model.store.raw_body import build_dictionary, client_bodies, compress

STORE_FORMAT = "2"
CLIENT_COLUMNS = ["dataset", "target", "probability", "gender", "age_years", "income", "credit_amount", "annuity",
                  "goods_price", "contract_type", "family_status", "education", "income_type", "occupation",
                  "children", "employment_years", "own_car", "own_realty", "previous_applications",
                  "bureau_credits", "late_months"]
SCHEMA = """
CREATE TABLE clients (id INTEGER PRIMARY KEY, dataset TEXT NOT NULL, target INTEGER, probability REAL NOT NULL,
  gender TEXT, age_years REAL, income REAL, credit_amount REAL, annuity REAL, goods_price REAL,
  contract_type TEXT, family_status TEXT, education TEXT, income_type TEXT, occupation TEXT,
  children INTEGER, employment_years REAL, own_car INTEGER, own_realty INTEGER,
  previous_applications INTEGER, bureau_credits INTEGER, late_months INTEGER);
CREATE TABLE features (id INTEGER PRIMARY KEY, vector BLOB NOT NULL);
CREATE TABLE raw (id INTEGER PRIMARY KEY, body BLOB NOT NULL);
CREATE TABLE raw_dictionary (bytes BLOB NOT NULL);
CREATE TABLE checksums (chunk INTEGER PRIMARY KEY, first_id INTEGER NOT NULL, last_id INTEGER NOT NULL,
  clients INTEGER NOT NULL, sha256 TEXT NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""
# The list sorts and filters on these; each index orders ties by rowid (= id), as the list does.
INDEXED = ("age_years", "income", "credit_amount", "annuity", "probability", "contract_type", "gender", "dataset",
           "previous_applications", "bureau_credits", "late_months")


def _plain(value: object) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def create_indexes(db: sqlite3.Connection) -> None:
    for col in INDEXED:
        db.execute(f"CREATE INDEX idx_clients_{col} ON clients ({col})")


def store_meta(meta: dict[str, str], clients: int) -> dict[str, str]:
    return meta | {"store_format": STORE_FORMAT, "checksum_chunk": str(CHUNK),
                   "checksum_columns": ",".join(CLIENT_COLUMNS), "clients": str(clients)}


def write_store(path: Path, display: pd.DataFrame, X: pd.DataFrame, meta: dict[str, str],
                raw: dict[str, pd.DataFrame] | None = None) -> str:
    """Write the store at ``path`` (replaced): ``X`` rows as float32 little-endian vectors in features.json
    order, ``raw`` (Kaggle table name -> rows with the columns of RAW_COLUMNS, in file order) as one
    compressed body per client. Returns the store digest (manifest.json's content_sha256)."""
    if list(display["id"]) != [int(i) for i in X.index]:
        raise ValueError("display rows and feature rows must list the same clients in the same order")
    rows = display.assign(**history_counts(X).reset_index(drop=True).to_dict("series"))
    # Written beside and renamed over: a reader never sees half a store.
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    with closing(sqlite3.connect(partial)) as db, db:
        db.executescript(SCHEMA)
        cols = ["id", *CLIENT_COLUMNS]
        db.executemany(f"INSERT INTO clients ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                       [tuple(_plain(v) for v in row) for row in rows[cols].itertuples(index=False)])
        vectors = X.to_numpy(np.float32).astype("<f4")
        db.executemany("INSERT INTO features (id, vector) VALUES (?, ?)",
                       [(int(i), vectors[k].tobytes()) for k, i in enumerate(X.index)])
        if raw is not None:
            bodies = client_bodies(raw)
            ordered = sorted(bodies)
            dictionary = build_dictionary([bodies[i] for i in ordered])
            db.execute("INSERT INTO raw_dictionary (bytes) VALUES (?)", (dictionary,))
            db.executemany("INSERT INTO raw (id, body) VALUES (?, ?)",
                           ((i, compress(bodies[i], dictionary)) for i in ordered))
        create_indexes(db)
        digest = write_checksums(db, CLIENT_COLUMNS)
        db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", list(store_meta(meta, len(rows)).items()))
    with closing(sqlite3.connect(partial)) as db:
        db.execute("VACUUM")
    partial.replace(path)
    return digest
