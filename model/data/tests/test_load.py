import gzip
import shutil
from pathlib import Path

import numpy as np
import pytest

from model.config import SAMPLE_DIR
from model.data import DataError, load_tables, read_table


def write_csv(path: Path, text: str) -> None:
    path.write_text(text.strip() + "\n", encoding="utf-8")


def test_missing_folder_is_named(tmp_path):
    with pytest.raises(DataError, match="data folder not found: .*nope"):
        load_tables(tmp_path / "nope")


def test_missing_application_file_is_named(tmp_path):
    with pytest.raises(DataError, match="missing file: .*application_train"):
        load_tables(tmp_path)


def test_missing_required_column_is_named(tmp_path):
    src = gzip.open(SAMPLE_DIR / "application_train.csv.gz", "rt").read().splitlines()
    header = src[0].split(",")
    drop = header.index("AMT_CREDIT")
    rows = [",".join(v for i, v in enumerate(line.split(",")) if i != drop) for line in src[:20]]
    write_csv(tmp_path / "application_train.csv", "\n".join(rows))
    with pytest.raises(DataError, match="application_train.csv: missing required column.*AMT_CREDIT"):
        load_tables(tmp_path)


def test_unparseable_value_names_the_file(tmp_path):
    write_csv(tmp_path / "bureau_balance.csv", "SK_ID_BUREAU,MONTHS_BALANCE,STATUS\n1,abc,0")
    with pytest.raises(DataError, match="bureau_balance.csv: unreadable content"):
        read_table(tmp_path, "bureau_balance")


def test_relational_tables_are_optional_and_typed(tmp_path):
    shutil.copy(SAMPLE_DIR / "application_train.csv.gz", tmp_path)
    shutil.copy(SAMPLE_DIR / "bureau.csv.gz", tmp_path)
    tables = load_tables(tmp_path)
    assert tables.present == ["bureau"]
    assert tables.get("previous_application") is None
    assert tables.train["AMT_CREDIT"].dtype == np.float32
    assert str(tables.train["NAME_CONTRACT_TYPE"].dtype) == "category"
    # XNA is a missing category, not a gender
    assert "XNA" not in set(tables.train["CODE_GENDER"].dropna().astype(str))


def test_plain_csv_and_gzip_are_both_read(tmp_path):
    with gzip.open(SAMPLE_DIR / "application_train.csv.gz", "rt") as handle:
        (tmp_path / "application_train.csv").write_text(handle.read())
    assert len(load_tables(tmp_path).train) == 4000
