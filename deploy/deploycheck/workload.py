"""Request bodies built from the committed client store, for memory checks and the bench."""
from __future__ import annotations

import array
import json
import sqlite3
from contextlib import closing

from model.store import read_applications

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


def applications_batch_body(count: int, top: int) -> bytes:
    """A POST /v1/applications/batch body: `count` stored clients' raw Kaggle rows with their whole history
    (bureau_balance nested in its credit), explanations on: the heaviest request the applications API takes."""
    bodies = read_applications(REPO / "artifacts" / "clients.sqlite", count)
    applications = [{"id": f"deploy-{body['application']['SK_ID_CURR']}"} | body for body in bodies]
    return json.dumps({"applications": applications}).encode()
