"""Why "importance" means something different for each model family, measured on the same clients.

- logistic regression: standardised coefficients (sign = direction, exp = odds ratio per standard deviation);
- random forest: impurity importance (no sign, computed on the training data, favours continuous inputs);
- permutation importance of the chosen LightGBM on held-out clients (drop in AUC when a column is shuffled);
- mean |SHAP| of the chosen LightGBM (the model's own attribution, summed over trees).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.inspection import permutation_importance
from sklearn.metrics import roc_auc_score

from model.train.cv import fold_ids
from model.train.models import make_lightgbm, make_model

TOP = 10


def _rank(values: dict[str, float]) -> dict[str, int]:
    order = sorted(values, key=lambda k: -abs(values[k]))
    return {name: i + 1 for i, name in enumerate(order)}


def importance_comparison(X: pd.DataFrame, y: np.ndarray, lgbm_params: dict, family_params: dict[str, dict],
                          shap_importance: list[dict], seed: int, n_repeats: int = 3) -> dict:
    """Top features by each reading, with every feature's rank under the other readings."""
    names = list(X.columns)
    logistic = make_model("logistic_regression", family_params.get("logistic_regression", {}), seed).fit(X, y)
    coef = logistic[-1].coef_[0][:len(names)]  # the missing-value indicators follow the features
    coefficients = dict(zip(names, map(float, coef)))
    forest = make_model("random_forest", family_params.get("random_forest", {}), seed).fit(X, y)
    impurity = dict(zip(names, map(float, forest[-1].feature_importances_)))
    folds = fold_ids(y, 5, seed)
    test = folds == 0  # held-out clients: permutation on training rows would reward over-fitting
    model = make_lightgbm(lgbm_params, seed).fit(X[~test], y[~test])
    perm = permutation_importance(model, X[test], y[test], scoring="roc_auc", n_repeats=n_repeats, random_state=seed)
    permutation = dict(zip(names, map(float, perm.importances_mean)))
    shap = {f["name"]: float(f["mean_abs_shap"]) for f in shap_importance}
    ranks = {"coefficient": _rank(coefficients), "impurity": _rank(impurity), "permutation": _rank(permutation),
             "shap": _rank(shap)}
    chosen = sorted(set().union(*[[n for n, r in rk.items() if r <= TOP] for rk in ranks.values()]),
                    key=lambda n: ranks["shap"][n])
    rows = [{"name": n, "coefficient": round(coefficients[n], 4), "odds_ratio": round(float(np.exp(coefficients[n])), 3),
             "impurity": round(impurity[n], 4), "permutation_auc_drop": round(permutation[n], 4),
             "mean_abs_shap": round(shap[n], 4), "ranks": {k: rk[n] for k, rk in ranks.items()}} for n in chosen]
    disagreement = {f"{a}_vs_{b}": int(len({n for n, r in ranks[a].items() if r <= TOP}
                                           & {n for n, r in ranks[b].items() if r <= TOP}))
                    for a, b in (("shap", "coefficient"), ("shap", "impurity"), ("shap", "permutation"),
                                 ("coefficient", "impurity"))}
    return {"top": TOP, "held_out_clients": int(test.sum()),
            "held_out_auc": round(float(roc_auc_score(y[test], model.predict_proba(X[test])[:, 1])), 4),
            "shared_in_top": disagreement, "features": rows}
