"""The engine's edges: what it reads from a folder, and how it reports what it cannot read."""
import csv
import gzip
import shutil

import numpy as np
import pytest

from model.config import SAMPLE_DIR
from model.data import DataError
from model.features.build import features_of_folder


def _small_folder(tmp_path, rows: int = 30):
    with gzip.open(SAMPLE_DIR / "application_train.csv.gz", "rt", newline="") as handle:
        table = [row for _, row in zip(range(rows + 1), csv.reader(handle))]
    with open(tmp_path / "application_train.csv", "w", newline="") as handle:
        csv.writer(handle).writerows(table)
    return table


def test_a_value_that_is_not_a_number_is_reported_with_file_column_line_and_value(tmp_path):
    table = _small_folder(tmp_path)
    table[3][table[0].index("AMT_CREDIT")] = "abc"
    with open(tmp_path / "application_train.csv", "w", newline="") as handle:
        csv.writer(handle).writerows(table)
    with pytest.raises(DataError, match=r'application_train.csv: column "AMT_CREDIT".*"abc".*line: 4'):
        features_of_folder(tmp_path, "application_train")


def test_a_missing_required_column_is_named(tmp_path):
    table = _small_folder(tmp_path)
    drop = table[0].index("DAYS_BIRTH")
    with open(tmp_path / "application_train.csv", "w", newline="") as handle:
        csv.writer(handle).writerows([r[:drop] + r[drop + 1:] for r in table])
    with pytest.raises(DataError, match="missing required column.*DAYS_BIRTH"):
        features_of_folder(tmp_path, "application_train")


def test_absent_history_tables_and_optional_columns_give_missing_inputs(tmp_path):
    table = _small_folder(tmp_path)
    drop = table[0].index("FLOORSMAX_AVG")
    with open(tmp_path / "application_train.csv", "w", newline="") as handle:
        csv.writer(handle).writerows([r[:drop] + r[drop + 1:] for r in table])
    shutil.copy(SAMPLE_DIR / "bureau.csv.gz", tmp_path)
    features, present = features_of_folder(tmp_path, "application_train",
                                           columns=["FLOORSMAX_AVG", "BUREAU_CREDIT_COUNT", "PREV_APPLICATION_COUNT"])
    assert present == ["bureau"] and len(features.X) == 30
    assert features.X["FLOORSMAX_AVG"].isna().all() and features.X["PREV_APPLICATION_COUNT"].isna().all()
    assert features.X["BUREAU_CREDIT_COUNT"].notna().any()
    ids = [int(r[0]) for r in table[1:]]
    assert list(features.X.index) == ids  # the file's order, not the ids' order
    assert features.X.dtypes.map(lambda d: d == np.float32).all()
