import numpy as np
import pytest

from model.config import CostModel
from model.train.cost import best_threshold, business_cost, confusion, cost_curve, cross_fitted_cost


Y = np.array([0, 0, 0, 0, 1, 1])
P = np.array([0.1, 0.2, 0.3, 0.6, 0.4, 0.9])


def test_confusion_counts_refusals_at_or_above_threshold():
    assert confusion(Y, P, 0.4) == {"tn": 3, "fp": 1, "fn": 0, "tp": 2}
    assert confusion(Y, P, 0.41) == {"tn": 3, "fp": 1, "fn": 1, "tp": 1}


def test_business_cost_weights_missed_defaulters_ten_times():
    # threshold 0.5: refused = {0.6 (good), 0.9 (bad)}; granted bad = {0.4} -> 10*1 + 1*1
    assert business_cost(Y, P, 0.5) == 11.0
    assert business_cost(Y, P, 0.5, CostModel(fn_cost=5, fp_cost=2)) == 7.0


def test_best_threshold_finds_the_hand_computed_minimum():
    # refusing from 0.4 up costs 1 FP only (0.6); any higher threshold misses the 0.4 defaulter (cost >= 10)
    assert best_threshold(Y, P) == pytest.approx(0.4)


def test_best_threshold_refuses_nobody_when_fn_is_cheap():
    # the riskiest score is a good client and FN is cheap: granting everyone (threshold above every score) wins
    y, p, cheap_fn = np.array([0, 1]), np.array([0.9, 0.5]), CostModel(fn_cost=0.1, fp_cost=1)
    t = best_threshold(y, p, cheap_fn)
    assert t > p.max()
    assert business_cost(y, p, t, cheap_fn) == pytest.approx(0.1)


def test_cost_curve_matches_business_cost_at_each_threshold():
    curve = cost_curve(Y, P, thresholds=np.array([0.0, 0.35, 0.5, 1.0]))
    for row in curve:
        assert row["cost_per_1000"] == pytest.approx(business_cost(Y, P, row["threshold"]) * 1000 / len(Y))
    assert [(r["fn"], r["fp"]) for r in curve] == [(0, 4), (0, 1), (1, 1), (2, 0)]


def test_cost_curve_rejects_mismatched_inputs():
    with pytest.raises(ValueError, match="equal shape"):
        cost_curve(Y, P[:3])


def test_cross_fitted_cost_never_uses_a_folds_own_labels():
    # Fold 0 alone would be perfect at 0.4 and fold 1 at 0.95; each is decided at the other's threshold:
    # fold 1 at 0.4 refuses its 0.5 good client (1 FP), fold 0 at 0.95 misses its 0.4 defaulter (1 FN).
    y = np.array([0, 0, 1, 0, 0, 1])
    p = np.array([0.1, 0.3, 0.4, 0.2, 0.5, 0.95])
    folds = np.array([0, 0, 0, 1, 1, 1])
    result = cross_fitted_cost(y, p, folds)
    assert result["cost_per_1000"] == pytest.approx((10 * 1 + 1 * 1) * 1000 / 6)
    assert result["recall"] == 0.5
    assert result["precision"] == 0.5


def test_cross_fitted_cost_uses_given_fold_thresholds():
    y = np.array([0, 0, 1, 0, 0, 1])
    p = np.array([0.1, 0.3, 0.4, 0.2, 0.5, 0.95])
    folds = np.array([0, 0, 0, 1, 1, 1])
    result = cross_fitted_cost(y, p, folds, thresholds=[0.35, 0.9])
    assert result == {"cost_per_1000": 0.0, "recall": 1.0, "precision": 1.0}


def test_costs_must_be_positive():
    with pytest.raises(ValueError, match="fn_cost"):
        CostModel(fn_cost=0)
