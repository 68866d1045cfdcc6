"""Store format 2 (docs/artifacts.md): raw rows survive the blob round trip in file order, the checksums vouch
for every byte a client is served from, and replicated stores are complete artifact folders."""
import json
import sqlite3
from contextlib import closing

import numpy as np
import pandas as pd
import pytest

from model.artifacts import sha256
from model.config import ARTIFACTS_DIR
from model.features.raw_columns import RAW_COLUMNS
from model.store import history_counts, read_application, read_raw, read_vectors, store_digest, write_store
from model.store.checksum import CHUNK, table_digest
from model.store.replicate import ReplicateError, replicate


def _raw(n_clients: int) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(7)
    ids = np.arange(1000, 1000 + n_clients)
    app = pd.DataFrame({c: (rng.normal(size=n_clients) if t == "DOUBLE" else ["Cash loans"] * n_clients)
                        for c, t in RAW_COLUMNS["application"].items() if c != "SK_ID_CURR"})
    app.insert(0, "SK_ID_CURR", ids)
    app.loc[1, "AMT_ANNUITY"] = np.nan
    # Rows of a client interleaved with others' (file order is not client order) and a missing text.
    bureau = pd.DataFrame({"SK_ID_CURR": [ids[2], ids[0], ids[2]], "SK_ID_BUREAU": [7, 8, 9],
                           "CREDIT_ACTIVE": ["Closed", None, "Active"], "DAYS_CREDIT": [-3.0, -2.0, -1.0]})
    balance = pd.DataFrame({"SK_ID_BUREAU": [9, 7, 9, 12345], "MONTHS_BALANCE": [-1.0, -5.0, 0.0, -2.0],
                            "STATUS": ["X", "0", "C", "1"]})
    return {"application": app, "bureau": bureau.reindex(columns=list(RAW_COLUMNS["bureau"])),
            "bureau_balance": balance}


def _store(tmp_path, n_clients=600):
    raw = _raw(n_clients)
    ids = raw["application"]["SK_ID_CURR"]
    display = pd.DataFrame({"id": ids, "dataset": "train", "target": None, "probability": 0.5})
    for col in ("gender", "age_years", "income", "credit_amount", "annuity", "goods_price", "contract_type",
                "family_status", "education", "income_type", "occupation", "children", "employment_years",
                "own_car", "own_realty"):
        display[col] = None
    X = pd.DataFrame({"PREV_APPLICATION_COUNT": np.arange(n_clients, dtype=float), "OTHER": np.nan}, index=ids)
    path = tmp_path / "clients.sqlite"
    digest = write_store(path, display, X, {"model_version": "0.0.1", "feature_count": "2"}, raw)
    return path, raw, digest


def test_raw_rows_come_back_per_client_in_file_order(tmp_path):
    path, raw, _ = _store(tmp_path)
    back = read_raw(path)
    assert back["bureau"]["SK_ID_BUREAU"].tolist() == [8, 7, 9]  # clients by id, each in file order
    # file order within the client (not grouped by credit); the record of a credit of no client is dropped
    assert back["bureau_balance"]["MONTHS_BALANCE"].tolist() == [-1.0, -5.0, 0.0]
    assert back["bureau"]["CREDIT_ACTIVE"].tolist() == [None, "Closed", "Active"]
    pd.testing.assert_frame_equal(back["application"], raw["application"].astype(back["application"].dtypes))
    body = read_application(path, 1002)
    assert [c["SK_ID_BUREAU"] for c in body["bureau"]] == [7, 9]
    assert body["bureau"][1]["bureau_balance"] == [{"MONTHS_BALANCE": -1.0, "STATUS": "X"},
                                                   {"MONTHS_BALANCE": 0.0, "STATUS": "C"}]
    assert "AMT_ANNUITY" not in read_application(path, 1001)["application"]  # missing: left out of the body
    assert read_application(path, 5) is None


def test_checksums_cover_every_client_and_change_with_one_byte(tmp_path):
    path, _, digest = _store(tmp_path)
    assert store_digest(path) == (digest, 600)
    with closing(sqlite3.connect(path)) as db:
        chunks = db.execute("SELECT chunk, first_id, last_id, clients, sha256 FROM checksums ORDER BY chunk").fetchall()
        assert [c[3] for c in chunks] == [CHUNK, CHUNK, 600 - 2 * CHUNK] and chunks[1][1] == 1000 + CHUNK
        assert table_digest(chunks) == digest
        vector = bytearray(db.execute("SELECT vector FROM features WHERE id = 1300").fetchone()[0])
        vector[0] ^= 1
        db.execute("UPDATE features SET vector = ? WHERE id = 1300", (bytes(vector),))
        db.commit()
        from model.store.checksum import write_checksums
        from model.store.writer import CLIENT_COLUMNS
        assert write_checksums(db, CLIENT_COLUMNS) != digest
        changed = db.execute("SELECT chunk, sha256 FROM checksums ORDER BY chunk").fetchall()
    assert [a[1] != b[4] for a, b in zip(changed, chunks)] == [False, True, False]


def test_history_counts_round_like_the_api_and_leave_unknowns_empty():
    X = pd.DataFrame({"PREV_APPLICATION_COUNT": [2.5, np.nan], "BUREAU_CREDIT_COUNT": [np.nan, 3.0],
                      "POS_MONTH_COUNT": [10.0, np.nan], "POS_LATE_MONTH_SHARE": [0.3, np.nan],
                      "CC_MONTH_COUNT": [np.nan, 4.0], "CC_LATE_MONTH_SHARE": [np.nan, 0.25]})
    counts = history_counts(X)
    assert counts["previous_applications"].tolist() == [3, None]
    assert counts["bureau_credits"].tolist() == [None, 3]
    assert counts["late_months"].tolist() == [3, 1]
    assert history_counts(X.iloc[:, :2])["late_months"].tolist() == [None, None]


def test_a_replicated_folder_is_a_complete_artifact_folder_with_shifted_ids(tmp_path):
    out = tmp_path / "big"
    entry = replicate(ARTIFACTS_DIR, out, 9000 + 700)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["files"]["clients.sqlite"] == entry and entry["clients"] == 9700
    assert entry["sha256"] == sha256(out / "clients.sqlite") and store_digest(out / "clients.sqlite")[0] == entry["content_sha256"]
    assert (out / "model.onnx").read_bytes() == (ARTIFACTS_DIR / "model.onnx").read_bytes()
    ids, X = read_vectors(out / "clients.sqlite")
    source_ids, source_X = read_vectors(ARTIFACTS_DIR / "clients.sqlite")
    assert np.array_equal(ids[9000:], source_ids[:700] + 10_000_000)
    assert np.array_equal(X[9000:], source_X[:700], equal_nan=True)
    copy = read_application(out / "clients.sqlite", int(ids[9000]))
    original = read_application(ARTIFACTS_DIR / "clients.sqlite", int(source_ids[0]))
    assert copy["application"].pop("SK_ID_CURR") == ids[9000] and original["application"].pop("SK_ID_CURR") == source_ids[0]
    assert copy["application"] == original["application"]
    with pytest.raises(ReplicateError, match="already exists"):
        replicate(ARTIFACTS_DIR, out, 10)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no scratch folder left behind
