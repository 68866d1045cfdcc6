"""A larger artifact folder made of copies of a store's clients, for the benchmarks and the memory tests
(issue 15: 356,255 and 3.5 million clients). Copy k shifts every id by k x 10,000,000 and keeps the same
inputs, display row and raw-rows blob (the blob does not hold SK_ID_CURR); checksums and the manifest entry
are recomputed, so the API starts on it as on a published folder."""
from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from model.artifacts import sha256, store_entry, write_json
from model.store.checksum import write_checksums
from model.store.writer import CLIENT_COLUMNS, SCHEMA, create_indexes

ID_STEP = 10_000_000
STORE = "clients.sqlite"


class ReplicateError(ValueError):
    pass


def _copies(source_clients: int, clients: int) -> int:
    return -(-clients // source_clients)


def replicate(source: Path, out: Path, clients: int) -> dict:
    """Write ``out`` (must not exist) with ``clients`` clients copied from the store of ``source``; returns
    the new manifest entry of the store."""
    if out.exists():
        raise ReplicateError(f"{out} already exists: choose a new folder (nothing is overwritten)")
    if not (source / STORE).is_file() or not (source / "manifest.json").is_file():
        raise ReplicateError(f"{source} is not an artifact folder (no {STORE} or manifest.json)")
    with closing(sqlite3.connect(f"file:{source / STORE}?mode=ro", uri=True)) as db:
        source_clients, max_id = db.execute("SELECT count(*), max(id) FROM clients").fetchone()
    if max_id >= ID_STEP:
        raise ReplicateError(f"{source / STORE}: ids reach {max_id}, the copies would collide (step {ID_STEP:,})")
    if clients < 1:
        raise ReplicateError(f"--clients must be at least 1, got {clients}")
    out.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    shutil.copytree(source, scratch, dirs_exist_ok=True, ignore=shutil.ignore_patterns(STORE))
    with closing(sqlite3.connect(scratch / STORE)) as db:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.executescript(SCHEMA)
        db.execute("ATTACH DATABASE ? AS src", (f"file:{source / STORE}?mode=ro",))
        cols = ", ".join(CLIENT_COLUMNS)
        left = clients
        for copy in range(_copies(source_clients, clients)):
            take, shift = min(left, source_clients), copy * ID_STEP
            # The first `take` source ids (all of them but in the last copy).
            db.execute(f"CREATE TEMP TABLE pick AS SELECT id FROM src.clients ORDER BY id LIMIT {take}")
            db.execute(f"INSERT INTO clients (id, {cols}) SELECT id + {shift}, {cols} FROM src.clients "
                       "WHERE id IN (SELECT id FROM pick) ORDER BY id")
            db.execute(f"INSERT INTO features SELECT id + {shift}, vector FROM src.features "
                       "WHERE id IN (SELECT id FROM pick) ORDER BY id")
            db.execute(f"INSERT INTO raw SELECT id + {shift}, body FROM src.raw "
                       "WHERE id IN (SELECT id FROM pick) ORDER BY id")
            db.execute("DROP TABLE pick")
            db.commit()
            left -= take
        db.execute("INSERT INTO raw_dictionary SELECT bytes FROM src.raw_dictionary")
        meta = dict(db.execute("SELECT key, value FROM src.meta").fetchall()) | {"clients": str(clients)}
        db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", list(meta.items()))
        db.commit()
        db.execute("DETACH DATABASE src")
        create_indexes(db)
        write_checksums(db, CLIENT_COLUMNS)
        db.commit()
    manifest = json.loads((scratch / "manifest.json").read_text(encoding="utf-8"))
    path = scratch / STORE
    entry = {"sha256": sha256(path), "bytes": path.stat().st_size} | store_entry(path)
    manifest["files"][STORE] = entry
    write_json(scratch / "manifest.json", manifest)
    scratch.rename(out)
    return entry
