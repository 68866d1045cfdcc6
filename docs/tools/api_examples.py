"""Request bodies for the API reference's curl examples, from the client store (artifacts/clients.sqlite):
a stored client's raw Kaggle rows as an application body with its history, and its stored model inputs."""
from __future__ import annotations

import json
import math
import sqlite3
import struct
from pathlib import Path

HISTORY = ("bureau", "previous_application", "POS_CASH_balance", "credit_card_balance", "installments_payments")


def _rows(db: sqlite3.Connection, table: str, key: str, value: int) -> list[dict]:
    if not db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone():
        return []
    cur = db.execute(f'SELECT * FROM "{table}" WHERE "{key}" = ? ORDER BY rowid', (value,))
    names = [d[0] for d in cur.description]
    return [{n: v for n, v in zip(names, row) if v is not None} for row in cur.fetchall()]


def raw_application(store: Path, client_id: int) -> dict | None:
    """``{"application": {...}, "bureau": [{..., "bureau_balance": [...]}], ...}`` of a stored client, or None
    when the store keeps no raw rows."""
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        application = _rows(db, "application", "SK_ID_CURR", client_id)
        if not application:
            return None
        body: dict = {"application": application[0]}
        for table in HISTORY:
            rows = _rows(db, table, "SK_ID_CURR", client_id)
            if table == "bureau":
                for credit in rows:
                    credit["bureau_balance"] = [{k: v for k, v in m.items() if k != "SK_ID_BUREAU"}
                                                for m in _rows(db, "bureau_balance", "SK_ID_BUREAU", credit["SK_ID_BUREAU"])]
            if rows:
                body[table] = rows
        return body
    finally:
        db.close()


def stored_inputs(store: Path, client_id: int) -> dict:
    """The stored model inputs of a client, by feature name (missing ones left out)."""
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    try:
        blob = db.execute("SELECT vector FROM features WHERE id = ?", (client_id,)).fetchone()[0]
    finally:
        db.close()
    names = [f["name"] for f in json.loads((store.parent / "features.json").read_text(encoding="utf-8"))["features"]]
    values = struct.unpack(f"<{len(names)}f", blob)
    # The shortest decimal that reads back as the same float32.
    return {n: float(f"{v:.9g}") for n, v in zip(names, values) if not math.isnan(v)}
