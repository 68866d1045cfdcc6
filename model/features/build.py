"""Join the per-table features into the model matrix (one row per client, float32)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.data.load import Tables
from model.features.aggregate import safe_ratio
from model.features.application import CATEGORICAL, build_application
from model.features.bureau import build_bureau
from model.features.credit_card import build_credit_card
from model.features.installments import build_installments
from model.features.pos_cash import build_pos_cash
from model.features.previous import build_previous


@dataclass
class FeatureSet:
    """Model inputs for some clients: ``X`` (float32, NaN = missing) indexed by SK_ID_CURR."""

    X: pd.DataFrame
    categories: dict[str, list[str]]

    @property
    def names(self) -> list[str]:
        return list(self.X.columns)


def build_relational(tables: Tables) -> pd.DataFrame:
    """Per-client aggregates of every relational table present (columns only for tables that exist)."""
    parts = [
        build_bureau(tables.get("bureau"), tables.get("bureau_balance")),
        build_previous(tables.get("previous_application")),
        build_pos_cash(tables.get("POS_CASH_balance")),
        build_credit_card(tables.get("credit_card_balance")),
        build_installments(tables.get("installments_payments")),
    ]
    present = [p for p in parts if p.shape[1] > 0]
    out = pd.concat(present, axis=1) if present else pd.DataFrame(index=pd.Index([], name="SK_ID_CURR"))
    out.index.name = "SK_ID_CURR"
    return out


def encode_categories(frame: pd.DataFrame, categories: dict[str, list[str]] | None = None
                      ) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Replace category columns by integer codes (float32, NaN = missing or unseen).

    ``categories`` fixes the code order (from training); when None it is learned
    from ``frame`` (sorted labels: no target involved, so no leakage).
    """
    out = frame.copy()
    learned = {} if categories is None else dict(categories)
    for col in CATEGORICAL:
        if col not in out.columns:
            continue
        values = out[col].astype("object")
        if col not in learned:
            learned[col] = sorted(str(v) for v in values.dropna().unique())
        lookup = {label: float(code) for code, label in enumerate(learned[col])}
        out[col] = values.map(lambda v: lookup.get(str(v), np.nan) if pd.notna(v) else np.nan).astype(np.float32)
    return out, learned


def build_features(application: pd.DataFrame, relational: pd.DataFrame,
                   categories: dict[str, list[str]] | None = None,
                   columns: list[str] | None = None) -> FeatureSet:
    """Model matrix for the clients of ``application``.

    Parameters
    ----------
    application : an application table (train or test).
    relational : output of ``build_relational`` (may have no columns).
    categories : code order of category columns; learned when None (training).
    columns : the model's feature list; when given, the matrix is reindexed to it so that
        features of absent tables are missing (NaN) rather than absent.
    """
    app = build_application(application)
    X = app.join(relational, how="left")
    if "BUREAU_DEBT_SUM" in X.columns:
        X["BUREAU_DEBT_INCOME_RATIO"] = safe_ratio(X["BUREAU_DEBT_SUM"], X["AMT_INCOME_TOTAL"])
    X, categories = encode_categories(X, categories)
    if columns is not None:
        X = X.reindex(columns=columns)
    X = X.astype(np.float32).replace([np.inf, -np.inf], np.nan)
    return FeatureSet(X=X, categories=categories)
