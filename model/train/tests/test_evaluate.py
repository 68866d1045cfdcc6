import numpy as np
import pytest

from model.config import CostModel
from model.train.evaluate import bootstrap_intervals, calibration, paired_difference, subgroup


def calibrated_sample(n=20000, seed=0):
    rng = np.random.default_rng(seed)
    proba = rng.beta(1, 10, n)
    y = (rng.random(n) < proba).astype(int)
    return y, proba


def test_calibrated_probabilities_have_a_small_ece_and_inflated_ones_a_large_one():
    y, proba = calibrated_sample()
    good = calibration(y, proba)
    bad = calibration(y, np.clip(proba * 3, 0, 1))
    assert good["ece"] < 0.01
    assert bad["ece"] > 0.1
    assert len(good["bins"]) == 10 and sum(b["n"] for b in good["bins"]) == y.size
    assert good["bins"][0]["predicted"] < good["bins"][-1]["predicted"]


def test_brier_score_and_reliability_bins_match_hand_counts():
    y = np.array([0, 0, 1, 1])
    proba = np.array([0.1, 0.2, 0.6, 0.9])
    out = calibration(y, proba, n_bins=2)
    assert out["brier"] == pytest.approx((0.01 + 0.04 + 0.16 + 0.01) / 4)
    assert [b["observed"] for b in out["bins"]] == [0.0, 1.0]
    # |0.15 - 0| * 0.5 + |0.75 - 1| * 0.5
    assert out["ece"] == pytest.approx(0.2)


def test_bootstrap_interval_surrounds_the_pooled_figures():
    y, proba = calibrated_sample(4000, 1)
    thresholds = np.full(y.size, 0.1)
    out = bootstrap_intervals(y, proba, thresholds, CostModel(), 200, 0)
    assert out["auc_interval"][0] < out["auc_pooled"] < out["auc_interval"][1]
    assert out["cost_interval"][0] < out["cost_per_1000"] < out["cost_interval"][1]
    assert out["auc_interval"][1] - out["auc_interval"][0] > 0.01  # a real spread, not a point


def test_a_model_paired_with_itself_differs_by_nothing_and_a_noisier_one_loses():
    y, proba = calibrated_sample(4000, 2)
    folds = np.arange(y.size) % 5
    model = {"proba": proba, "thresholds": np.full(y.size, 0.1)}
    same = paired_difference(y, folds, model, model, CostModel(), 50, 0)
    assert same["auc_diff_mean"] == 0 and same["cost_diff_mean"] == 0 and same["cost_diff_interval"] == [0, 0]
    noisy = {"proba": np.clip(proba + np.random.default_rng(3).normal(0, 0.2, y.size), 0, 1),
             "thresholds": model["thresholds"]}
    worse = paired_difference(y, folds, noisy, model, CostModel(), 50, 0)
    assert worse["auc_diff_interval"][1] < 0 and len(worse["auc_diff_folds"]) == 5


def test_subgroup_figures_cover_only_the_masked_clients():
    y = np.array([0, 1, 0, 1, 0, 0])
    proba = np.array([0.2, 0.9, 0.1, 0.05, 0.6, 0.3])
    mask = np.array([True, True, True, True, False, False])
    out = subgroup(y, proba, np.full(6, 0.5), mask, CostModel())
    # refused: 0.9 (a default); missed: 0.05 -> cost 10 per 4 clients
    assert out == {"n": 4, "n_defaulted": 2, "auc": 0.5, "cost_per_1000": 2500.0, "recall": 0.5, "refusal_rate": 0.25}
