"""Slice-by-slice feature building: the same inputs as the whole-folder run, whatever the slices' boundaries."""
import csv
import gzip
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pytest

from model.config import ARTIFACTS_DIR, SAMPLE_DIR
from model.data import DataError
from model.features.engine import compute_folder
from model.features.streaming import stream_folder
from model.scoring import load_feature_spec

NAMES, CATEGORIES = load_feature_spec(ARTIFACTS_DIR)


def _gathered(folder, dataset, chunk_clients):
    import pandas as pd

    return pd.concat([X for X, _ in stream_folder(folder, dataset, CATEGORIES, NAMES, chunk_clients=chunk_clients)])


def _assert_identical(a, b):
    assert list(a.index) == list(b.index) and list(a.columns) == list(b.columns)
    x, y = a.to_numpy(), b.to_numpy()
    differ = ~((x == y) | (np.isnan(x) & np.isnan(y)))
    assert differ.sum() == 0, f"{differ.sum()} inputs differ"


@pytest.fixture(scope="module")
def whole_train():
    return compute_folder(SAMPLE_DIR, "application_train", CATEGORIES, NAMES)[0]


@pytest.mark.parametrize("chunk_clients", [4_000, 777])
def test_slices_compute_exactly_the_whole_folder_inputs(whole_train, chunk_clients):
    # 777 does not divide 4,000: the last slice is short and every boundary falls inside the history tables.
    _assert_identical(_gathered(SAMPLE_DIR, "application_train", chunk_clients), whole_train)


def test_an_application_file_out_of_id_order_keeps_its_order_and_its_inputs(tmp_path):
    folder = tmp_path / "shuffled"
    shutil.copytree(SAMPLE_DIR, folder)
    (folder / "application_test.csv.gz").unlink()
    with gzip.open(SAMPLE_DIR / "application_train.csv.gz", "rt", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    rows = rows[1::2] + rows[::2][::-1]  # ids interleaved and partly reversed: slices span wide id ranges
    (folder / "application_train.csv.gz").unlink()
    with open(folder / "application_train.csv", "w", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    streamed = _gathered(folder, "application_train", 1_000)
    assert list(streamed.index) == [int(r[0]) for r in rows]
    _assert_identical(streamed, compute_folder(folder, "application_train", CATEGORIES, NAMES)[0])


def test_bureau_balance_without_bureau_is_ignored_as_in_the_whole_run(tmp_path):
    folder = tmp_path / "no-bureau"
    folder.mkdir()
    for name in ("application_train.csv.gz", "bureau_balance.csv.gz", "previous_application.csv.gz"):
        shutil.copy(SAMPLE_DIR / name, folder)
    slices = list(stream_folder(folder, "application_train", CATEGORIES, NAMES, chunk_clients=1_500))
    assert len(slices) == 3 and slices[0][1] == ["previous_application"]
    import pandas as pd

    _assert_identical(pd.concat([X for X, _ in slices]),
                      compute_folder(folder, "application_train", CATEGORIES, NAMES)[0])


def test_a_bad_value_in_a_history_table_names_its_file_and_column(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    shutil.copy(SAMPLE_DIR / "application_train.csv.gz", folder)
    with gzip.open(SAMPLE_DIR / "bureau.csv.gz", "rt", newline="") as handle:
        header, *rows = [r for _, r in zip(range(50), csv.reader(handle))]
    rows[10][header.index("AMT_CREDIT_SUM")] = "lots"
    with open(folder / "bureau.csv", "w", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    with pytest.raises(DataError, match=r'bureau.csv: column "AMT_CREDIT_SUM".*"lots"'):
        list(stream_folder(folder, "application_train", CATEGORIES, NAMES))


def test_the_scratch_folder_is_removed_when_the_iteration_is_abandoned(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # this test's scratch alone, whatever else runs
    slices = stream_folder(SAMPLE_DIR, "application_train", CATEGORIES, NAMES, chunk_clients=1_000)
    next(slices)
    assert [p.name.startswith("pad-stream-") for p in tmp_path.iterdir()] == [True]
    slices.close()
    assert list(tmp_path.iterdir()) == []


def test_a_slice_size_below_one_is_refused():
    with pytest.raises(ValueError, match="chunk_clients must be >= 1, got 0"):
        next(stream_folder(SAMPLE_DIR, "application_train", CATEGORIES, NAMES, chunk_clients=0))
