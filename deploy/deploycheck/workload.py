"""Request bodies built from the committed client store, for memory checks and the bench."""
from __future__ import annotations

import array
import json
import sqlite3
from contextlib import closing

from .image import REPO

__all__ = ["applications_batch_body", "score_batch_body"]


def score_batch_body(count: int, features: list[str], top: int = 5) -> bytes:
    """A POST /v1/score body with the model inputs of `count` stored clients, explanations on.

    The store keeps each client's inputs as float32 little-endian blobs, NaN = missing.
    """
    uri = f"file:{REPO / 'artifacts' / 'clients.sqlite'}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as db:
        rows = db.execute("SELECT id, vector FROM features ORDER BY id LIMIT ?", (count,)).fetchall()
    if len(rows) < count:
        raise ValueError(f"count must be <= {len(rows)} (clients in the store), got {count}")
    records = []
    for client_id, blob in rows:
        values = array.array("f", blob).tolist()
        if len(values) != len(features):
            raise ValueError(f"client {client_id}: {len(values)} stored inputs, the API lists {len(features)} features")
        records.append({"id": client_id} | {name: (None if v != v else v) for name, v in zip(features, values)})
    return json.dumps({"records": records, "explain": True, "top": top}).encode()


HISTORY = ("bureau", "previous_application", "POS_CASH_balance", "credit_card_balance", "installments_payments")


def _rows(db: sqlite3.Connection, table: str, key: str, value: int) -> list[dict]:
    cur = db.execute(f'SELECT * FROM "{table}" WHERE "{key}" = ? ORDER BY rowid', (value,))
    names = [d[0] for d in cur.description]
    return [{n: v for n, v in zip(names, row) if v is not None} for row in cur.fetchall()]


def applications_batch_body(count: int, top: int) -> bytes:
    """A POST /v1/applications/batch body: `count` stored clients' raw Kaggle rows with their whole history
    (bureau_balance nested in its credit), explanations on: the heaviest request the applications API takes."""
    uri = f"file:{REPO / 'artifacts' / 'clients.sqlite'}?mode=ro"
    applications = []
    with closing(sqlite3.connect(uri, uri=True)) as db:
        ids = [r[0] for r in db.execute('SELECT SK_ID_CURR FROM "application" ORDER BY rowid LIMIT ?', (count,))]
        for client_id in ids:
            body: dict = {"id": f"deploy-{client_id}", "application": _rows(db, "application", "SK_ID_CURR", client_id)[0]}
            for table in HISTORY:
                rows = _rows(db, table, "SK_ID_CURR", client_id)
                if table == "bureau":
                    for credit in rows:
                        credit["bureau_balance"] = [{k: v for k, v in m.items() if k != "SK_ID_BUREAU"} for m in
                                                    _rows(db, "bureau_balance", "SK_ID_BUREAU", credit["SK_ID_BUREAU"])]
                if rows:
                    body[table] = rows
            applications.append(body)
    return json.dumps({"applications": applications}).encode()
