import numpy as np
import pandas as pd
import pytest

from model.export import check_parity, flatten_trees, predict_raw, to_onnx
from model.export.onnx_export import run_onnx
from model.train.models import make_lightgbm


@pytest.fixture(scope="module")
def booster_and_data():
    rng = np.random.default_rng(7)
    n = 1500
    X = pd.DataFrame({
        "with_nan": np.where(rng.random(n) < 0.3, np.nan, rng.normal(size=n)),  # missing_type NaN
        "dense": rng.normal(size=n),                                            # missing_type None
        "integer": rng.integers(0, 5, size=n).astype(float),
        "constant": np.ones(n),
    }).astype(np.float32)
    logit = 1.5 * np.nan_to_num(X["with_nan"], nan=1.0) - X["dense"] + 0.3 * X["integer"]
    y = (logit + rng.normal(size=n) > 0.5).astype(int)
    model = make_lightgbm({"n_estimators": 80, "num_leaves": 8, "min_child_samples": 10,
                           "class_weight": "balanced"}, seed=0).fit(X, y)
    return model.booster_, X


def probe_rows(X: pd.DataFrame, trees: dict) -> np.ndarray:
    """Real rows, NaN in every column, and values exactly on / just around every split threshold."""
    rows = [X.to_numpy(np.float64)[:300], np.full((1, X.shape[1]), np.nan)]
    base = np.nanmedian(X.to_numpy(np.float64), axis=0)
    for tree in trees["trees"]:
        for f, t in zip(tree["split_feature"], tree["threshold"]):
            for value in (t, np.nextafter(t, -np.inf), np.nextafter(t, np.inf), np.float32(t)):
                row = base.copy()
                row[f] = value
                rows.append(row[None, :])
    return np.vstack(rows)


def test_onnx_matches_lightgbm_on_real_nan_and_threshold_rows(booster_and_data):
    booster, X = booster_and_data
    trees = flatten_trees(booster)
    rows = probe_rows(X, trees)
    model = to_onnx(trees, "test")
    report = check_parity(model, rows, booster.predict(rows), booster.predict(rows, raw_score=True), threshold=0.5)
    print(f"ONNX vs LightGBM on {len(rows)} rows: {report}")
    assert report["max_abs_diff_probability"] <= 1e-5
    assert report["max_abs_diff_raw_score"] <= 1e-6
    assert report["decisions_identical"]
    assert {"NaN", "None"} <= {m for t in trees["trees"] for m in t["missing_type"]}


def test_flat_tree_walk_reproduces_lightgbm_raw_scores(booster_and_data):
    booster, X = booster_and_data
    trees = flatten_trees(booster)
    rows = probe_rows(X, trees)[:400]
    expected = booster.predict(rows, raw_score=True)
    assert max(abs(predict_raw(trees, r) - e) for r, e in zip(rows, expected)) < 1e-12


def test_probabilities_are_the_default_class_column(booster_and_data):
    booster, X = booster_and_data
    proba, raw = run_onnx(to_onnx(flatten_trees(booster), "test"), X.to_numpy(np.float64)[:50])
    assert np.allclose(proba, 1 / (1 + np.exp(-raw)), atol=1e-6)
    assert np.allclose(proba, booster.predict(X.to_numpy(np.float64)[:50]), atol=1e-5)


def test_parity_check_raises_when_models_disagree(booster_and_data):
    booster, X = booster_and_data
    rows = X.to_numpy(np.float64)[:20]
    with pytest.raises(AssertionError, match="disagree"):
        check_parity(to_onnx(flatten_trees(booster), "t"), rows, booster.predict(rows) + 0.01,
                     booster.predict(rows, raw_score=True), 0.5)


def test_single_leaf_trees_are_exported():
    X = pd.DataFrame({"a": np.zeros(100, dtype=np.float32)})
    y = np.array([0, 1] * 50)
    booster = make_lightgbm({"n_estimators": 3}, seed=0).fit(X, y).booster_
    trees = flatten_trees(booster)
    assert all(not t["split_feature"] for t in trees["trees"])
    proba, _ = run_onnx(to_onnx(trees, "t"), X.to_numpy(np.float64)[:5])
    assert np.allclose(proba, booster.predict(X.to_numpy(np.float64)[:5]), atol=1e-6)
