"""How much of an excluded attribute the remaining inputs still carry (removing a column is not removing a bias)."""
from __future__ import annotations

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.metrics import r2_score, roc_auc_score
from sklearn.model_selection import KFold, StratifiedKFold

from model.config import AGE_DERIVED_INPUTS
from model.train.models import LGBM_DEFAULTS, N_JOBS


def _oof(X: pd.DataFrame, target: np.ndarray, classify: bool, n_folds: int, seed: int, n_trees: int) -> np.ndarray:
    params = {**LGBM_DEFAULTS, "n_estimators": n_trees, "random_state": seed, "n_jobs": N_JOBS, "verbose": -1}
    splitter = (StratifiedKFold if classify else KFold)(n_splits=n_folds, shuffle=True, random_state=seed)
    oof = np.empty(len(target))
    for train_idx, test_idx in splitter.split(X, target):
        if classify:
            model = lgb.LGBMClassifier(**params).fit(X.iloc[train_idx], target[train_idx])
            oof[test_idx] = model.predict_proba(X.iloc[test_idx])[:, 1]
        else:
            model = lgb.LGBMRegressor(**params).fit(X.iloc[train_idx], target[train_idx])
            oof[test_idx] = model.predict(X.iloc[test_idx])
    return oof


def proxy_strength(X: pd.DataFrame, application: pd.DataFrame, seed: int, fast: bool = False) -> dict:
    """Out-of-fold AUC of predicting sex (men) and marriage from the model's inputs, and R² of predicting the
    age from the model's inputs without the age-derived ones (LightGBM, hand-set parameters, 5-fold CV)."""
    n_folds, n_trees = (3, 60) if fast else (5, 300)
    out = {"method": f"LightGBM with hand-set parameters, {n_folds}-fold out-of-fold predictions"}
    for name, column, positive in (("sex_auc", "CODE_GENDER", "M"), ("married_auc", "NAME_FAMILY_STATUS", "Married")):
        values = application[column].astype("object").to_numpy()
        known = pd.notna(values)
        target = (values[known] == positive).astype(int)
        oof = _oof(X[known], target, True, n_folds, seed, n_trees)
        out[name] = round(float(roc_auc_score(target, oof)), 4)
    age = -application["DAYS_BIRTH"].to_numpy(np.float64) / 365.25
    without_age = X.drop(columns=[c for c in AGE_DERIVED_INPUTS if c in X.columns])
    out["age_r2"] = round(float(r2_score(age, _oof(without_age, age, False, n_folds, seed, n_trees))), 4)
    return out
