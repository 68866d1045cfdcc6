"""Writing the artifact folder and its manifest (the contract is docs/artifacts.md)."""
from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from model.config import ARTIFACT_FORMAT

FIXTURES = "fixtures"
# Sub-folder of the artifacts whose files the manifest lists too (the API verifies and runs them).
LISTED_FOLDERS = ("features-sql",)


def write_json(path: Path, payload: object, compress: bool = False) -> None:
    """Deterministic JSON (sorted keys off: the order is meaningful; no NaN allowed)."""
    text = json.dumps(payload, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    path.parent.mkdir(parents=True, exist_ok=True)
    if compress:
        # mtime=0 keeps the bytes identical across identical runs.
        with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
            handle.write(text.encode())
    else:
        path.write_text(text + "\n", encoding="utf-8")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def store_entry(path: Path) -> dict:
    """What the API checks of the client store at start-up instead of its sha256 (which would mean reading
    it whole): the digest of its checksums table and the number of clients it covers."""
    from model.store import store_digest

    digest, clients = store_digest(path)
    return {"content_sha256": digest, "clients": clients}


def write_manifest(out_dir: Path, model_version: str, trained_at: str, feature_count: int, threshold: float,
                   cost: dict) -> dict:
    """manifest.json listing every artifact file (fixtures excluded; ``features-sql/`` files by their
    relative path) with its checksum and size."""
    files = {}
    for path in sorted(out_dir.iterdir()):
        if path.is_file() and path.name != "manifest.json":
            files[path.name] = {"sha256": sha256(path), "bytes": path.stat().st_size}
    if "clients.sqlite" in files:
        files["clients.sqlite"] |= store_entry(out_dir / "clients.sqlite")
    for folder in LISTED_FOLDERS:
        for path in sorted((out_dir / folder).glob("*")) if (out_dir / folder).is_dir() else []:
            if path.is_file():
                files[f"{folder}/{path.name}"] = {"sha256": sha256(path), "bytes": path.stat().st_size}
    manifest = {"artifact_format": ARTIFACT_FORMAT, "model_version": model_version, "trained_at": trained_at,
                "feature_count": feature_count, "threshold": threshold, "cost": cost, "files": files}
    write_json(out_dir / "manifest.json", manifest)
    return manifest


def read_manifest(art_dir: Path) -> dict:
    path = art_dir / "manifest.json"
    if not path.is_file():
        raise FileNotFoundError(f"missing artifact file: {path} (run `make train`)")
    return json.loads(path.read_text(encoding="utf-8"))
