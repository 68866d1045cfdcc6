"""Request bodies for the API reference's curl examples, from the client store (artifacts/clients.sqlite):
a stored client's stored model inputs (its raw rows as an application body: model.store.read_application)."""
from __future__ import annotations

import json
import math
import sqlite3
import struct
from pathlib import Path

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
