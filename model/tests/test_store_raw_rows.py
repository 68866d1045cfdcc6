"""The committed artifacts: a stored client recomputed from its stored raw rows gives its stored inputs, the
shipped SQL is the one in model/features/sql, and the random-applications fixture matches the engine."""
import gzip
import json

import numpy as np

from model.artifacts import sha256
from model.config import ARTIFACTS_DIR
from model.features.engine import SQL_DIR, compute_frames
from model.features.random_applications import frames_of
from model.features.ship import FOLDER, SHIPPED
from model.scoring import load_feature_spec
from model.store import read_raw, read_vectors


def test_every_stored_client_recomputed_from_its_raw_rows_gives_its_stored_inputs():
    names, categories = load_feature_spec(ARTIFACTS_DIR)
    raw = read_raw(ARTIFACTS_DIR / "clients.sqlite")
    ids, stored = read_vectors(ARTIFACTS_DIR / "clients.sqlite")
    assert len(raw["application"]) == len(ids) == 9000 and len(raw["bureau_balance"]) > 1_000_000
    X = compute_frames(raw, categories, names, ARTIFACTS_DIR / FOLDER).loc[ids].to_numpy(np.float32)
    same = (X == stored) | (np.isnan(X) & np.isnan(stored))
    assert same.all(), f"{int((~same).sum())} stored inputs differ"


def test_the_artifacts_ship_the_definitions_of_the_repository_listed_in_the_manifest():
    files = json.loads((ARTIFACTS_DIR / "manifest.json").read_text())["files"]
    for name in SHIPPED + ("application-schema.json",):
        path = ARTIFACTS_DIR / FOLDER / name
        assert files[f"{FOLDER}/{name}"]["sha256"] == sha256(path)
        if name in SHIPPED:
            assert path.read_bytes() == (SQL_DIR / name).read_bytes(), f"{name} differs: retrain (make train)"


def test_the_random_applications_fixture_covers_the_edge_cases_and_matches_the_engine():
    names, categories = load_feature_spec(ARTIFACTS_DIR)
    with gzip.open(ARTIFACTS_DIR / "fixtures" / "applications-random.json.gz", "rt") as handle:
        fixture = json.load(handle)
    schema = json.loads((ARTIFACTS_DIR / FOLDER / "application-schema.json").read_text())
    bodies = [a["body"] for a in fixture["applications"]]
    assert fixture["features"] == names and len(bodies) >= 200
    assert any(not b["bureau"] and not b["previous_application"] for b in bodies)
    assert max(sum(len(c["bureau_balance"]) for c in b["bureau"]) for b in bodies) > 100
    assert any(b["application"].get("AMT_CREDIT") == 0 for b in bodies)
    assert any("EXT_SOURCE_1" not in b["application"] for b in bodies)
    for spec in schema["tables"]["application"]["columns"]:
        if spec.get("allowed"):
            seen = {b["application"].get(spec["name"]) for b in bodies}
            assert set(spec["allowed"]) <= seen, spec["name"]
    X = compute_frames(frames_of(bodies, schema), categories, names, ARTIFACTS_DIR / FOLDER).to_numpy(np.float32)
    expected = np.array([[np.nan if a["inputs"][n] is None else a["inputs"][n] for n in names]
                         for a in fixture["applications"]], dtype=np.float32)
    assert np.array_equal(X, expected, equal_nan=True)
