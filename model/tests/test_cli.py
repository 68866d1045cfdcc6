"""End to end through the CLI: training on a partial folder, batch scoring, and one-line errors."""
import csv
import gzip
import json
import shutil

import numpy as np
import pytest

from model.artifacts import sha256
from model.cli import main
from model.config import ARTIFACTS_DIR, EXCLUDED_ATTRIBUTES, SAMPLE_DIR
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
    assert main(["score", "--data-dir", str(tmp_path), "--out", str(out), "--artifacts", str(art),
                 "--unknown-as-missing"]) == 0
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 5000
    assert set(rows[0]) == {"SK_ID_CURR", "probability_of_default", "decision", "missing_tables", "unknown_categories"}
    # The sample's new clients hold one income type the labelled ones never had: scored as missing, flagged.
    flagged = [r for r in rows if r["unknown_categories"]]
    assert flagged and all(r["unknown_categories"] == "NAME_INCOME_TYPE" for r in flagged)
    assert all(r["missing_tables"].split(";")[:2] == ["bureau", "bureau_balance"] for r in rows)
    assert {r["decision"] for r in rows} <= {"granted", "refused"}
    threshold = json.loads((art / "manifest.json").read_text())["threshold"]
    assert all((float(r["probability_of_default"]) >= threshold) == (r["decision"] == "refused") for r in rows)


def test_scoring_uses_relational_tables_when_present(fast_artifacts, tmp_path):
    data, art = fast_artifacts
    only_app = tmp_path / "only_app"
    only_app.mkdir()
    shutil.copy(SAMPLE_DIR / "application_test.csv.gz", only_app)
    for folder, name in ((only_app, "a.csv"), (data, "b.csv")):
        assert main(["score", "--data-dir", str(folder), "--out", str(tmp_path / name), "--artifacts", str(art),
                     "--unknown-as-missing"]) == 0
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


def test_excluded_attributes_are_never_model_inputs(fast_artifacts):
    _, out = fast_artifacts
    for folder in (out, ARTIFACTS_DIR):
        names = {f["name"] for f in json.loads((folder / "features.json").read_text())["features"]}
        assert names and not names & set(EXCLUDED_ATTRIBUTES), folder
        metrics = json.loads((folder / "metrics.json").read_text())
        assert metrics["chosen"]["excluded_attributes"] == list(EXCLUDED_ATTRIBUTES)
        # ...but they are monitored: the fairness table still reports sex and family status.
        fairness = json.loads((folder / "fairness.json").read_text())
        assert {"gender", "family_status", "age_band"} <= {g["attribute"] for g in fairness["groups"]}


def test_training_reports_calibration_uncertainty_and_the_attribute_comparison(fast_artifacts):
    _, out = fast_artifacts
    m = json.loads((out / "metrics.json").read_text())
    assert len(m["calibration"]["bins"]) == 10 and 0 <= m["calibration"]["ece"] < 1
    low, high = m["uncertainty"]["auc_interval"]
    assert low < m["uncertainty"]["auc_pooled"] < high
    assert [v["name"] for v in m["attributes"]["variants"]] == [
        "without_excluded", "with_protected", "without_excluded_and_age"]
    assert m["attributes"]["variants"][1]["inputs"] == m["attributes"]["variants"][0]["inputs"] + 2
    assert 0.5 < m["attributes"]["proxies"]["sex_auc"] <= 1
    assert {"lightgbm_tuned", "logistic_regression_tuned", "random_forest_tuned"} <= {r["model"] for r in m["comparison"]}
    assert set(m["paired_vs_lightgbm_tuned"]) >= {"logistic_regression", "random_forest"}
    assert m["subgroups"]["no_bureau_record"]["n"] + m["subgroups"]["with_bureau_record"]["n"] == m["data"]["n_train"]


def test_population_compares_labelled_clients_through_out_of_fold_probabilities(fast_artifacts):
    _, out = fast_artifacts
    from sklearn.metrics import roc_auc_score
    sample = json.loads((out / "population.json").read_text())["sample"]
    fixture = json.loads(gzip.open(out / "fixtures" / "predictions.json.gz").read())
    in_sample = dict(zip(fixture["ids"], fixture["probability"]))
    assert any(abs(p - in_sample[i]) > 1e-4 for i, p in zip(sample["ids"], sample["probability"]))
    assert roc_auc_score(sample["target"], sample["probability"]) < 0.85  # in-sample scores separate far better


# --- train --out: never destroy what the pipeline did not write ---------------------------------------------

def test_train_refuses_a_folder_holding_other_files_and_deletes_nothing(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(SAMPLE_DIR / "application_train.csv.gz", data)
    before = sorted(p.name for p in data.iterdir())
    assert main(["train", "--data-dir", str(data), "--out", str(data), "--fast"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: --out") and "application_train.csv.gz" in err and "\n" not in err
    assert sorted(p.name for p in data.iterdir()) == before


def test_train_refuses_the_repository_root(capsys):
    from model.config import REPO_ROOT
    assert main(["train", "--out", str(REPO_ROOT), "--fast"]) == 2
    assert "not empty and holds no artifact set" in capsys.readouterr().err


def test_out_check_accepts_new_empty_and_previous_artifact_folders(fast_artifacts, tmp_path):
    from model.data import DataError
    from model.publish import check_out_dir
    check_out_dir(tmp_path / "new")
    check_out_dir(tmp_path)
    check_out_dir(fast_artifacts[1])
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(DataError, match="no manifest.json"):
        check_out_dir(tmp_path)


def test_swap_replaces_a_previous_set_only_when_the_new_one_is_complete(fast_artifacts, tmp_path):
    from model.data import DataError
    from model.publish import swap_in
    previous = tmp_path / "artifacts"
    shutil.copytree(fast_artifacts[1], previous)
    staging = tmp_path / "staging"
    staging.mkdir()
    (staging / "manifest.json").write_text('{"files": {}}')
    swap_in(staging, previous)
    assert [p.name for p in previous.iterdir()] == ["manifest.json"] and not staging.exists()
    # a stranger appeared in the target while training: refused, the new set stays aside, nothing deleted
    (previous / "mine.txt").write_text("keep me")
    other = tmp_path / "other"
    other.mkdir()
    with pytest.raises(DataError, match="mine.txt"):
        swap_in(other, previous)
    assert (previous / "mine.txt").read_text() == "keep me" and other.exists()


# --- score: every input problem in one line, before the work ------------------------------------------------

def _small_application(tmp_path, edit=None, n=12):
    """The sample's first ``n`` new clients as a plain CSV; ``edit(rows, header)`` changes them."""
    with gzip.open(SAMPLE_DIR / "application_test.csv.gz", "rt", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = [next(reader) for _ in range(n)]
    if edit:
        edit(rows, header)
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    with open(folder / "application_test.csv", "w", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    return folder


def _set(row_index, column, value):
    def edit(rows, header):
        rows[row_index][header.index(column)] = value
    return edit


@pytest.mark.parametrize("edit, message", [
    (_set(3, "SK_ID_CURR", ""), "application_test.csv, column SK_ID_CURR, row 4 (line 5): empty client id"),
    (lambda rows, header: rows[5].__setitem__(0, rows[1][0]),
     "application_test.csv, column SK_ID_CURR, row 6 (line 7): duplicate client id"),
    (_set(2, "AMT_CREDIT", "abc"), "application_test.csv, column AMT_CREDIT, row 3 (line 4): 'abc' is not a number"),
    (_set(7, "AMT_INCOME_TOTAL", "-1500"), "application_test.csv, column AMT_INCOME_TOTAL, row 8 (line 9): negative amount"),
    (_set(1, "NAME_EDUCATION_TYPE", "Martian school"),
     "application_test.csv, column NAME_EDUCATION_TYPE, row 2 (line 3): unknown category 'Martian school'"),
])
def test_score_names_file_column_and_row_of_a_bad_value(edit, message, tmp_path, capsys):
    folder = _small_application(tmp_path, edit)
    out = tmp_path / "scores.csv"
    assert main(["score", "--data-dir", str(folder), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and message in err and "\n" not in err
    assert not out.exists()


def test_score_refuses_a_folder_as_output_before_any_work(tmp_path, capsys):
    folder = _small_application(tmp_path, _set(0, "AMT_CREDIT", "abc"))  # a bad file: the --out check comes first
    assert main(["score", "--data-dir", str(folder), "--out", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err


def test_score_warns_about_absent_tables_and_flags_each_client(tmp_path, capsys):
    folder = _small_application(tmp_path)
    out = tmp_path / "scores.csv"
    assert main(["score", "--data-dir", str(folder), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "warning:" in captured.err and "bureau" in captured.err
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 12 and all("previous_application" in r["missing_tables"].split(";") for r in rows)
