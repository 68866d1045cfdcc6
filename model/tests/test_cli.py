"""End to end through the CLI: training on a partial folder, batch scoring, and one-line errors."""
import csv
import gzip
import json
import shutil

import numpy as np
import pytest

from model.artifacts import sha256
from model.cli import main
from model.config import ARTIFACTS_DIR, SAMPLE_DIR
from model.store import read_vectors


@pytest.fixture(scope="module")
def fast_artifacts(tmp_path_factory):
    """A fast training run on the application table plus bureau tables only."""
    data = tmp_path_factory.mktemp("partial")
    for name in ("application_train.csv.gz", "application_test.csv.gz", "bureau.csv.gz", "bureau_balance.csv.gz",
                 "HomeCredit_columns_description.csv.gz"):
        shutil.copy(SAMPLE_DIR / name, data)
    out = tmp_path_factory.mktemp("artifacts")
    assert main(["train", "--data-dir", str(data), "--out", str(out), "--fast"]) == 0
    return data, out


def test_training_writes_every_artifact_listed_with_checksums(fast_artifacts):
    _, out = fast_artifacts
    manifest = json.loads((out / "manifest.json").read_text())
    expected = {"model.onnx", "trees.json", "features.json", "metrics.json", "population.json", "importance.json",
                "fairness.json", "drift.json", "clients.sqlite", "model-card.md"}
    assert expected <= set(manifest["files"])
    for name, entry in manifest["files"].items():
        assert sha256(out / name) == entry["sha256"]
    features = json.loads((out / "features.json").read_text())["features"]
    assert manifest["feature_count"] == len(features)
    assert not any(f["name"].startswith(("PREV_", "POS_", "CC_")) for f in features)  # tables absent
    assert any(f["name"].startswith("BUREAU_") for f in features)
    assert all(f["label"] and f["description"] for f in features)
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["data"]["tables"] == ["application", "bureau", "bureau_balance"]
    assert {r["model"] for r in metrics["comparison"]} >= {"dummy", "logistic_regression", "random_forest",
                                                          "lightgbm", "lightgbm_tuned"}
    assert metrics["onnx_parity"]["max_abs_diff_probability"] <= 1e-5


def test_scoring_a_folder_with_only_the_test_table(fast_artifacts, tmp_path):
    _, art = fast_artifacts
    shutil.copy(SAMPLE_DIR / "application_test.csv.gz", tmp_path)
    out = tmp_path / "scores.csv"
    assert main(["score", "--data-dir", str(tmp_path), "--out", str(out), "--artifacts", str(art)]) == 0
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 5000
    assert set(rows[0]) == {"SK_ID_CURR", "probability_of_default", "decision"}
    assert {r["decision"] for r in rows} <= {"granted", "refused"}
    threshold = json.loads((art / "manifest.json").read_text())["threshold"]
    assert all((float(r["probability_of_default"]) >= threshold) == (r["decision"] == "refused") for r in rows)


def test_scoring_uses_relational_tables_when_present(fast_artifacts, tmp_path):
    data, art = fast_artifacts
    only_app = tmp_path / "only_app"
    only_app.mkdir()
    shutil.copy(SAMPLE_DIR / "application_test.csv.gz", only_app)
    main(["score", "--data-dir", str(only_app), "--out", str(tmp_path / "a.csv"), "--artifacts", str(art)])
    main(["score", "--data-dir", str(data), "--out", str(tmp_path / "b.csv"), "--artifacts", str(art)])
    a = [float(r["probability_of_default"]) for r in csv.DictReader((tmp_path / "a.csv").open())]
    b = [float(r["probability_of_default"]) for r in csv.DictReader((tmp_path / "b.csv").open())]
    assert len(a) == len(b) and a != b  # bureau features change the scores


@pytest.mark.parametrize("args, message", [
    (["score", "--data-dir", "/nonexistent/folder", "--out", "/tmp/x.csv"], "data folder not found: /nonexistent"),
    (["train", "--data-dir", "/nonexistent/folder", "--fast"], "data folder not found"),
])
def test_cli_errors_are_one_line_and_name_the_problem(args, message, capsys):
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and message in err and "\n" not in err


def test_cli_names_a_missing_file(tmp_path, capsys):
    assert main(["score", "--data-dir", str(tmp_path), "--out", str(tmp_path / "s.csv")]) == 2
    assert "missing file" in capsys.readouterr().err


def test_cli_names_a_missing_column(tmp_path, capsys):
    with gzip.open(SAMPLE_DIR / "application_test.csv.gz", "rt") as handle:
        lines = [next(handle) for _ in range(5)]
    header = lines[0].rstrip("\n").split(",")
    keep = [i for i, col in enumerate(header) if col != "EXT_SOURCE_2"]
    (tmp_path / "application_test.csv").write_text(
        "".join(",".join(line.rstrip("\n").split(",")[i] for i in keep) + "\n" for line in lines))
    assert main(["score", "--data-dir", str(tmp_path), "--out", str(tmp_path / "s.csv")]) == 2
    assert "missing required column(s) EXT_SOURCE_2" in capsys.readouterr().err


def test_committed_artifacts_are_consistent():
    """The store's inputs, run through the committed ONNX model, give the committed LightGBM probabilities."""
    from model.export.onnx_export import run_onnx

    manifest = json.loads((ARTIFACTS_DIR / "manifest.json").read_text())
    for name, entry in manifest["files"].items():
        assert sha256(ARTIFACTS_DIR / name) == entry["sha256"], name
    ids, X = read_vectors(ARTIFACTS_DIR / "clients.sqlite")
    fixture = json.loads(gzip.open(ARTIFACTS_DIR / "fixtures" / "predictions.json.gz").read())
    order = np.argsort(fixture["ids"])
    assert np.array_equal(ids, np.array(fixture["ids"])[order])
    proba, _ = run_onnx((ARTIFACTS_DIR / "model.onnx").read_bytes(), X.astype(np.float64))
    assert np.max(np.abs(proba - np.array(fixture["probability"])[order])) <= 1e-5
    assert X.shape[1] == manifest["feature_count"]
