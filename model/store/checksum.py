"""The store's own checksums (store format 2, docs/artifacts.md): one SHA-256 per chunk of 256 clients, and a
digest of that table which manifest.json records.

Why not the file's sha256: the API would have to read the whole store at every start (seconds at 356k
clients, a minute at 3.5M). It checks the small checksums table against the manifest at start-up and each
chunk the first time it reads a client of it (backend/src/store/store-checksum.ts computes the same bytes).
"""
from __future__ import annotations

import hashlib
import sqlite3
import struct

CHUNK = 256
NO_BODY = b"\xff\xff\xff\xff"


def _value(value: object) -> bytes:
    if value is None:
        return b"\x00"
    if isinstance(value, (int, float)):
        return b"\x01" + struct.pack("<d", float(value))
    data = str(value).encode("utf-8")
    return b"\x02" + struct.pack("<I", len(data)) + data


def client_bytes(client_id: int, row: tuple, vector: bytes, body: bytes | None) -> bytes:
    """What one client contributes to its chunk's hash: id, display row, inputs, raw rows."""
    parts = [struct.pack("<q", client_id), *(_value(v) for v in row), struct.pack("<I", len(vector)), vector]
    parts += [NO_BODY] if body is None else [struct.pack("<I", len(body)), body]
    return b"".join(parts)


def write_checksums(db: sqlite3.Connection, columns: list[str]) -> str:
    """Fill the checksums table from what the store holds (read back, so it vouches for the written bytes)
    and return the store digest."""
    db.execute("DELETE FROM checksums")
    select = (f"SELECT c.id, {', '.join(f'c.{name}' for name in columns)}, f.vector, r.body FROM clients AS c "
              "JOIN features AS f ON f.id = c.id LEFT JOIN raw AS r ON r.id = c.id ORDER BY c.id")
    chunk, rows, digest, first = 0, [], hashlib.sha256(), None
    count = last = 0

    def close_chunk() -> None:
        rows.append((chunk, first, last, count, digest.hexdigest()))

    for record in db.execute(select):
        client_id, values, vector, body = record[0], record[1:-2], record[-2], record[-1]
        if count == CHUNK:
            close_chunk()
            chunk, digest, count, first = chunk + 1, hashlib.sha256(), 0, None
        first = client_id if first is None else first
        last = client_id
        digest.update(client_bytes(client_id, values, vector, body))
        count += 1
    if count:
        close_chunk()
    db.executemany("INSERT INTO checksums (chunk, first_id, last_id, clients, sha256) VALUES (?, ?, ?, ?, ?)", rows)
    return table_digest(rows)


def table_digest(rows: list[tuple]) -> str:
    text = "".join(f"{chunk} {first} {last} {count} {sha}\n" for chunk, first, last, count, sha in rows)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def store_digest(path) -> tuple[str, int]:
    """The digest of a store's checksums table and the number of clients it covers (what the manifest lists)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT chunk, first_id, last_id, clients, sha256 FROM checksums ORDER BY chunk").fetchall()
    return table_digest(rows), sum(r[3] for r in rows)
