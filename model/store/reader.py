"""Reading the client store back (tests, docs examples, the deploy check): model inputs, raw rows, and a
stored client as the API request body."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import numpy as np
import pandas as pd

from model.features.raw_columns import ID, NUMBER, RAW_COLUMNS, TEXT
from model.store.raw_body import application_body, decompress


def _open(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def read_vectors(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """All client ids and their model inputs (float32), as the API reads them."""
    with closing(_open(path)) as db:
        rows = db.execute("SELECT id, vector FROM features ORDER BY id").fetchall()
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    return ids, np.vstack([np.frombuffer(r[1], dtype="<f4") for r in rows])


def _dictionary(db: sqlite3.Connection) -> bytes:
    row = db.execute("SELECT bytes FROM raw_dictionary").fetchone()
    return b"" if row is None else row[0]


def raw_tables(path: Path, ids: list[int] | None = None) -> dict[int, dict[str, dict[str, list]]]:
    """The stored column-major raw rows of ``ids`` (every client when None), by client id."""
    with closing(_open(path)) as db:
        dictionary = _dictionary(db)
        if ids is None:
            cursor = db.execute("SELECT id, body FROM raw ORDER BY id")
        else:
            cursor = db.execute(f"SELECT id, body FROM raw WHERE id IN ({', '.join('?' * len(ids))}) ORDER BY id", ids)
        return {client_id: decompress(blob, dictionary) for client_id, blob in cursor}


def read_raw(path: Path) -> dict[str, pd.DataFrame]:
    """Every stored raw row as Kaggle tables (clients in id order, each client's rows in file order), with
    the column types of RAW_COLUMNS."""
    columns: dict[str, dict[str, list]] = {t: {c: [] for c in cols} for t, cols in RAW_COLUMNS.items()}
    for client_id, tables in raw_tables(path).items():
        for table, values in tables.items():
            count = len(next(iter(values.values())))
            target = columns[table]
            for name in target:
                target[name].extend(values[name] if name in values else
                                    [client_id] * count if name == "SK_ID_CURR" else [None] * count)
    dtypes = {ID: "int64", NUMBER: "float64", TEXT: "object"}
    return {table: pd.DataFrame({name: pd.Series(values, dtype=dtypes[RAW_COLUMNS[table][name]])
                                 for name, values in cols.items()}) for table, cols in columns.items()}


def read_application(path: Path, client_id: int) -> dict | None:
    """A stored client as a POST /v1/applications body (application row with SK_ID_CURR, history rows,
    bureau_balance nested in its credit; missing values left out), or None when it has no raw rows."""
    tables = raw_tables(path, [client_id]).get(client_id)
    return None if tables is None else application_body(client_id, tables)


def read_applications(path: Path, count: int) -> list[dict]:
    """The first ``count`` stored clients (by id) as request bodies."""
    with closing(_open(path)) as db:
        ids = [r[0] for r in db.execute("SELECT id FROM raw ORDER BY id LIMIT ?", (count,))]
    tables = raw_tables(path, ids)
    return [application_body(i, tables[i]) for i in ids]
