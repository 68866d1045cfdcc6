"""Each stored client's raw Kaggle rows as one compressed blob (store format 2, docs/artifacts.md).

Why a blob per client: kept as row tables with their indexes, the sample's 1.6 million history rows made a
56 MiB store (bureau_balance alone 31 MB with its index), and the API only ever reads one client's rows at a
time. Column-major JSON (`{"bureau": {"DAYS_CREDIT": [...], ...}}`) compressed by zlib with a preset
dictionary built from the store's own bodies takes about 0.7 KB a client. Rows keep their file order, in
which the feature SQL sums a client's values; SK_ID_CURR is left out (it is the row's id).
"""
from __future__ import annotations

import json
import zlib

import numpy as np
import pandas as pd

from model.features.raw_columns import RAW_COLUMNS

DICTIONARY_BYTES = 32 * 1024  # zlib uses at most the last 32 KiB of a preset dictionary
DICTIONARY_SAMPLE = 300


def _columns(table: str) -> list[str]:
    return [c for c in RAW_COLUMNS[table] if c != "SK_ID_CURR"]


def _python_values(series: pd.Series) -> np.ndarray:
    """Plain Python values, None for missing (JSON null)."""
    # numpy's object conversion gives Python int/float/str, which json writes as they are.
    values = series.to_numpy(dtype=object, na_value=None)
    values[pd.isna(series).to_numpy()] = None
    return values


def client_bodies(raw: dict[str, pd.DataFrame]) -> dict[int, bytes]:
    """Uncompressed column-major JSON of every client of ``raw["application"]``, by SK_ID_CURR."""
    application = raw["application"]
    ids = application["SK_ID_CURR"].astype(np.int64).to_numpy()
    bodies: dict[int, dict] = {int(i): {} for i in ids}
    owner_of_credit: dict[int, int] = {}
    for table in RAW_COLUMNS:
        frame = raw.get(table)
        if frame is None or frame.empty:
            continue
        if table == "bureau_balance":
            # A monthly record belongs to the client of its credit; records of unknown credits are not anyone's.
            owners = frame["SK_ID_BUREAU"].map(owner_of_credit)
        else:
            owners = frame["SK_ID_CURR"]
        columns = {c: _python_values(frame[c]) if c in frame.columns else np.full(len(frame), None, dtype=object)
                   for c in _columns(table)}
        owned = np.flatnonzero(owners.notna().to_numpy())
        keys = owners.to_numpy()[owned].astype(np.int64)
        # Each group's positions come in ascending order: a client's rows stay in file order.
        for owner, positions in pd.Series(owned).groupby(keys, sort=False).indices.items():
            body = bodies.get(int(owner))
            if body is not None:
                at = owned[positions]
                body[table] = {c: values[at].tolist() for c, values in columns.items()}
        if table == "bureau":
            owner_of_credit = dict(zip(frame["SK_ID_BUREAU"].astype(np.int64).tolist(),
                                       frame["SK_ID_CURR"].astype(np.int64).tolist()))
    ordered = {}
    for client_id, body in bodies.items():
        ordered[client_id] = json.dumps({t: body[t] for t in RAW_COLUMNS if t in body},
                                        separators=(",", ":"), allow_nan=False, ensure_ascii=False).encode()
    return ordered


def build_dictionary(bodies: list[bytes]) -> bytes:
    """A preset dictionary from a spread of the bodies: what most clients' JSON repeats (column names,
    table names, frequent values)."""
    step = max(1, len(bodies) // DICTIONARY_SAMPLE)
    return b"".join(bodies[::step])[-DICTIONARY_BYTES:]


def compress(body: bytes, dictionary: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 15, 9, zlib.Z_DEFAULT_STRATEGY, dictionary)
    return packer.compress(body) + packer.flush()


def decompress(blob: bytes, dictionary: bytes) -> dict:
    unpacker = zlib.decompressobj(15, dictionary)
    return json.loads(unpacker.decompress(blob) + unpacker.flush())


def rows_of(columns: dict[str, list]) -> list[dict]:
    """Column-major table -> rows (missing values left out, as a request body writes them)."""
    names = list(columns)
    count = len(columns[names[0]]) if names else 0
    return [{n: columns[n][i] for n in names if columns[n][i] is not None} for i in range(count)]


def _with_client(table: str, client_id: int, row: dict) -> dict:
    """The row with SK_ID_CURR back, in the column order of the Kaggle files."""
    return {c: client_id if c == "SK_ID_CURR" else row[c] for c in RAW_COLUMNS[table] if c == "SK_ID_CURR" or c in row}


def application_body(client_id: int, tables: dict[str, dict[str, list]]) -> dict:
    """The API request body of a stored client: its application row (with SK_ID_CURR) and its history,
    each bureau credit carrying its monthly records."""
    body: dict = {"application": _with_client("application", client_id, rows_of(tables["application"])[0])}
    months_of: dict[int, list[dict]] = {}
    for month in rows_of(tables.get("bureau_balance", {})):
        months_of.setdefault(int(month.pop("SK_ID_BUREAU")), []).append(month)
    for table in RAW_COLUMNS:
        if table in ("application", "bureau_balance") or table not in tables:
            continue
        rows = [_with_client(table, client_id, row) for row in rows_of(tables[table])]
        if table == "bureau":
            for credit in rows:
                credit["bureau_balance"] = months_of.get(int(credit["SK_ID_BUREAU"]), [])
        body[table] = rows
    return body
