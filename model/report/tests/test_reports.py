import numpy as np
import pandas as pd
import pytest

from model.report.drift import psi, drift_table
from model.report.fairness import age_band, fairness_table
from model.report.population import population_stats


def test_psi_is_zero_for_identical_samples_and_grows_with_shift():
    rng = np.random.default_rng(0)
    ref = rng.normal(size=5000)
    assert psi(ref, ref.copy()) == pytest.approx(0.0, abs=1e-12)
    small, large = psi(ref, rng.normal(0.1, 1, 5000)), psi(ref, rng.normal(1.0, 1, 5000))
    assert small < 0.1 < 0.2 < large


def test_psi_counts_a_change_in_missing_values():
    ref = np.array([1.0, 2.0, 3.0, 4.0] * 100)
    cur = np.where(np.arange(400) % 2 == 0, np.nan, ref)
    assert psi(ref, cur) > 0.2


def test_drift_table_flags_shifted_features_first():
    rng = np.random.default_rng(1)
    ref = pd.DataFrame({"stable": rng.normal(size=2000), "shifted": rng.normal(size=2000)})
    cur = pd.DataFrame({"stable": rng.normal(size=2000), "shifted": rng.normal(2, 1, 2000)})
    table = drift_table(ref, cur, {"stable": "Stable", "shifted": "Shifted"})
    assert [r["name"] for r in table["features"]] == ["shifted", "stable"]
    assert table["features"][0]["flagged"] and not table["features"][1]["flagged"]


def test_age_bands_are_half_open():
    assert list(age_band(np.array([24.9, 25.0, 34.99, 35.0, 55.0, np.nan]))) == \
        ["<25", "25-34", "25-34", "35-44", "55+", "unknown"]


def test_fairness_rates_by_group_match_hand_counts():
    gender = pd.Series(["F", "F", "F", "M", "M", "M"])
    ages = np.array([30, 30, 30, 50, 50, 50])
    y = np.array([0, 1, 1, 0, 0, 1])
    p = np.array([0.6, 0.7, 0.2, 0.1, 0.8, 0.9])
    table = fairness_table(gender, ages, y, p, 0.5)
    f = next(g for g in table["groups"] if g["group"] == "F")
    m = next(g for g in table["groups"] if g["group"] == "M")
    assert f["approval_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert f["fnr"] == 0.5 and f["fpr"] == 1.0
    assert m["fnr"] == 0.0 and m["fpr"] == 0.5
    assert {g["group"] for g in table["groups"] if g["attribute"] == "age_band"} == {"25-34", "45-54"}


def test_population_histograms_are_class_shares():
    rng = np.random.default_rng(2)
    X = pd.DataFrame({"x": rng.normal(size=500), "k": rng.integers(0, 3, 500).astype(float)},
                     index=np.arange(500))
    X.loc[:9, "x"] = np.nan
    y = (rng.random(500) < 0.1).astype(int)
    stats = population_stats(X, y, rng.random(500), [{"name": "x"}, {"name": "k"}], seed=0)
    hist = stats["features"]["x"]["histogram"]
    assert sum(hist["repaid"]) == pytest.approx(1.0, abs=1e-4)
    assert sum(hist["defaulted"]) == pytest.approx(1.0, abs=1e-4)
    assert stats["features"]["x"]["missing_rate"] == 0.02
    assert len(stats["features"]["k"]["histogram"]["edges"]) == 4  # one bin per discrete value
    assert stats["sample"]["features"] == ["x", "k"] and len(stats["sample"]["values"]) == 500
