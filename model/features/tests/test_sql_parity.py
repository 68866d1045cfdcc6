"""Golden test of the feature definitions: the SQL, run on the sample's raw Kaggle files, gives exactly the
model inputs stored in artifacts/clients.sqlite for all 9,000 sample clients (float32-equal, NaN where NaN).
"""
import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from model.config import ARTIFACTS_DIR, SAMPLE_DIR
from model.features.engine import SQL_DIR, compute_folder
from model.store import read_vectors


def _spec() -> tuple[list[str], dict[str, list[str]]]:
    features = json.loads((ARTIFACTS_DIR / "features.json").read_text(encoding="utf-8"))["features"]
    return [f["name"] for f in features], {f["name"]: f["categories"] for f in features if f.get("categories")}


def sample_inputs(sql_dir: Path = SQL_DIR) -> pd.DataFrame:
    """Inputs of every sample client (train and test) computed by the SQL, in store order (by id)."""
    names, categories = _spec()
    parts = [compute_folder(SAMPLE_DIR, dataset, categories, names, sql_dir)[0]
             for dataset in ("application_train", "application_test")]
    return pd.concat(parts).sort_index()


def mismatches(computed: pd.DataFrame) -> dict[str, int]:
    """Per feature, how many stored clients the computed inputs differ from (NaN equals NaN only)."""
    ids, stored = read_vectors(ARTIFACTS_DIR / "clients.sqlite")
    assert computed.index.to_numpy().tolist() == ids.tolist(), "the SQL must give one row per stored client"
    values = computed.to_numpy(np.float32)
    same = (values == stored) | (np.isnan(values) & np.isnan(stored))
    return {name: int((~same[:, j]).sum()) for j, name in enumerate(computed.columns) if not same[:, j].all()}


@pytest.fixture(scope="module")
def computed() -> pd.DataFrame:
    return sample_inputs()


def test_sql_reproduces_every_stored_input_of_the_9000_sample_clients(computed):
    assert len(computed) == 9000
    assert mismatches(computed) == {}


def test_sql_gives_nan_exactly_where_the_stored_inputs_are_missing(computed):
    _, stored = read_vectors(ARTIFACTS_DIR / "clients.sqlite")
    missing = np.isnan(computed.to_numpy(np.float32))
    assert missing.any() and (missing == np.isnan(stored)).all()


@pytest.mark.parametrize("file, old, new, feature", [
    ("application.sql", "years_before(a.DAYS_BIRTH)", "-a.DAYS_BIRTH / 365.0", "AGE_YEARS"),
    ("bureau.sql", "sum_f32(AMT_CREDIT_SUM, row_order)", "as_loaded(sum(AMT_CREDIT_SUM))", "BUREAU_CREDIT_SUM"),
    ("credit_card.sql", "CASE WHEN as_loaded(SK_DPD) > 0", "CASE WHEN as_loaded(SK_DPD) >= 0", "CC_LATE_MONTH_SHARE"),
])
def test_an_altered_definition_fails_the_parity(tmp_path, file, old, new, feature):
    altered = tmp_path / "sql"
    shutil.copytree(SQL_DIR, altered)
    text = (altered / file).read_text(encoding="utf-8")
    assert old in text
    (altered / file).write_text(text.replace(old, new), encoding="utf-8")
    assert feature in mismatches(sample_inputs(altered))


def test_running_the_definitions_client_chunk_by_chunk_changes_nothing(computed):
    names, categories = _spec()
    chunked = compute_folder(SAMPLE_DIR, "application_train", categories, names, chunk_clients=700)[0]
    expected = computed.loc[chunked.index]
    assert np.array_equal(chunked.to_numpy(), expected.to_numpy(), equal_nan=True)
