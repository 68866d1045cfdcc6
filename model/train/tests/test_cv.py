import numpy as np
import pandas as pd
import pytest

from model.train.cv import cross_validate, estimator_fit_predict, fold_ids
from model.train.models import candidate_models


def make_data(n=200, seed=0):
    rng = np.random.default_rng(seed)
    X = pd.DataFrame({"a": rng.normal(size=n), "b": rng.normal(size=n)}, index=np.arange(1000, 1000 + n))
    y = (X["a"] + 0.5 * rng.normal(size=n) > 1.0).astype(int).to_numpy()
    return X, y


def test_folds_are_stratified_and_reproducible():
    X, y = make_data()
    folds = fold_ids(y, 5, seed=1)
    assert np.array_equal(folds, fold_ids(y, 5, seed=1))
    rates = [y[folds == k].mean() for k in range(5)]
    assert max(rates) - min(rates) < 0.05


def test_fold_count_is_validated():
    with pytest.raises(ValueError, match="n_folds must be >= 2, got 1"):
        fold_ids(np.array([0, 1]), 1, 0)


def test_each_fold_is_fitted_without_its_test_rows():
    X, y = make_data()
    folds = fold_ids(y, 4, seed=0)
    seen = []

    def spy(X_train, y_train, X_test, fold):
        seen.append((set(X_train.index), set(X_test.index), fold))
        return np.full(len(X_test), y_train.mean())

    result = cross_validate(spy, X, y, folds)
    for train_ids, test_ids, fold in seen:
        assert not train_ids & test_ids
        assert test_ids == set(X.index[folds == fold])
    assert not np.isnan(result.oof).any()


def test_scaling_is_fitted_inside_the_fold():
    # The logistic pipeline's scaler must see only training rows: its mean differs from the full-data mean.
    X, y = make_data()
    X.loc[X.index[:50], "a"] += 100.0  # rows only in some folds shift the full-data mean
    folds = fold_ids(y, 4, seed=0)
    factory = candidate_models(seed=0, fast=True)[("logistic_regression", "none")]
    means = []

    def fit_predict(X_train, y_train, X_test, fold):
        model = factory().fit(X_train, y_train)
        means.append(model.named_steps["standardscaler"].mean_[0])
        return model.predict_proba(X_test)[:, 1]

    cross_validate(fit_predict, X, y, folds)
    full_mean = X["a"].mean()
    assert all(abs(m - full_mean) > 1e-6 for m in means)


def test_every_candidate_beats_chance_except_the_dummy():
    X, y = make_data(400)
    folds = fold_ids(y, 3, seed=0)
    for (name, weight), factory in candidate_models(seed=0, fast=True).items():
        auc = cross_validate(estimator_fit_predict(factory), X, y, folds).auc_mean
        assert (auc == 0.5) if name == "dummy" else (auc > 0.8), (name, weight, auc)
