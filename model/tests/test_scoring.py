"""Batch scoring slice by slice: the same scores as one pass over the whole folder, and no half-written file."""
import csv
import gzip
import shutil

import numpy as np
import pandas as pd
import pytest

from model import scoring
from model.cli import main
from model.config import ARTIFACTS_DIR, SAMPLE_DIR
from model.data import DataError
from model.export.onnx_export import run_onnx
from model.features.engine import compute_folder
from model.scoring import load_feature_spec, write_scores


@pytest.fixture(scope="module")
def one_slice(tmp_path_factory):
    out = tmp_path_factory.mktemp("one") / "scores.csv"
    summary = write_scores(SAMPLE_DIR, ARTIFACTS_DIR, out, allow_unknown=True, chunk_clients=100_000)
    assert summary.chunks == 1 and summary.clients == 5_000
    return out


def test_scores_equal_the_model_on_the_whole_folder_inputs(one_slice):
    names, categories = load_feature_spec(ARTIFACTS_DIR)
    X = compute_folder(SAMPLE_DIR, "application_test", categories, names)[0]
    proba, _ = run_onnx((ARTIFACTS_DIR / "model.onnx").read_bytes(), X.to_numpy(np.float64))
    scores = pd.read_csv(one_slice, keep_default_na=False)
    assert list(scores["SK_ID_CURR"]) == list(X.index)
    assert np.max(np.abs(scores["probability_of_default"] - np.round(proba, 6))) < 1e-9
    assert (scores["decision"] == "refused").sum() == 1_401  # the sample's refusals at the committed threshold


@pytest.mark.parametrize("chunk_clients", [1_300, 4_999])
def test_slicing_gives_the_same_bytes_whatever_the_boundary(one_slice, tmp_path, chunk_clients):
    out = tmp_path / "scores.csv"
    summary = write_scores(SAMPLE_DIR, ARTIFACTS_DIR, out, allow_unknown=True, chunk_clients=chunk_clients)
    assert summary.chunks == -(-5_000 // chunk_clients)
    assert out.read_bytes() == one_slice.read_bytes()


def test_a_failure_mid_way_leaves_the_previous_output_and_no_partial_file(tmp_path, monkeypatch):
    out = tmp_path / "scores.csv"
    out.write_text("the user's previous result\n")
    real = scoring.stream_folder

    def failing_after_one_slice(*args, **kwargs):
        slices = real(*args, **kwargs)
        yield next(slices)
        raise DataError("disk full (simulated)")

    monkeypatch.setattr(scoring, "stream_folder", failing_after_one_slice)
    with pytest.raises(DataError, match="simulated"):
        write_scores(SAMPLE_DIR, ARTIFACTS_DIR, out, allow_unknown=True, chunk_clients=1_000)
    assert out.read_text() == "the user's previous result\n"
    assert [p.name for p in tmp_path.iterdir()] == ["scores.csv"]


def test_an_application_file_without_rows_is_refused(tmp_path, capsys):
    folder = tmp_path / "empty"
    folder.mkdir()
    with gzip.open(SAMPLE_DIR / "application_test.csv.gz", "rt", newline="") as handle:
        header = next(csv.reader(handle))
    with open(folder / "application_test.csv", "w", newline="") as handle:
        csv.writer(handle).writerow(header)
    out = tmp_path / "scores.csv"
    assert main(["score", "--data-dir", str(folder), "--out", str(out)]) == 2
    assert "holds no application to score" in capsys.readouterr().err
    assert not out.exists()


def test_text_in_a_history_table_is_named_by_file_column_and_row(tmp_path, capsys):
    folder = tmp_path / "bad"
    folder.mkdir()
    shutil.copy(SAMPLE_DIR / "application_test.csv.gz", folder)
    with gzip.open(SAMPLE_DIR / "previous_application.csv.gz", "rt", newline="") as handle:
        header, *rows = [r for _, r in zip(range(40), csv.reader(handle))]
    rows[16][header.index("AMT_CREDIT")] = "12 000"
    with open(folder / "previous_application.csv", "w", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    assert main(["score", "--data-dir", str(folder), "--out", str(tmp_path / "s.csv"), "--unknown-as-missing"]) == 2
    err = capsys.readouterr().err
    assert "previous_application.csv, column AMT_CREDIT, row 17 (line 18): '12 000' is not a number" in err


def test_a_duplicate_id_names_both_rows(tmp_path, capsys):
    folder = tmp_path / "dup"
    folder.mkdir()
    with gzip.open(SAMPLE_DIR / "application_test.csv.gz", "rt", newline="") as handle:
        header, *rows = [r for _, r in zip(range(21), csv.reader(handle))]
    rows[14][0] = rows[3][0]
    with open(folder / "application_test.csv", "w", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    assert main(["score", "--data-dir", str(folder), "--out", str(tmp_path / "s.csv")]) == 2
    err = capsys.readouterr().err
    assert f"row 15 (line 16): duplicate client id {rows[3][0]} (already on row 4)" in err


def test_a_slice_size_that_is_not_a_positive_number_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["score", "--data-dir", str(SAMPLE_DIR), "--out", "/tmp/x.csv", "--chunk-clients", "0"])
    assert "--chunk-clients: must be >= 1, got 0" in capsys.readouterr().err
