"""The model matrix of a data set: the SQL feature definitions run by the engine, then the model's columns.

No Python code here computes an input: ``model/features/sql/`` is the single definition, shared with the
API. This module only chooses which computed inputs a model uses and lines the rows up with the
application table.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from model.data.load import Tables
from model.features.engine import compute_folder, compute_frames
from model.features.raw_columns import tables_needed


@dataclass
class FeatureSet:
    """Model inputs for some clients: ``X`` (float32, NaN = missing) indexed by SK_ID_CURR."""

    X: pd.DataFrame
    categories: dict[str, list[str]]

    @property
    def names(self) -> list[str]:
        return list(self.X.columns)


def model_columns(computed: list[str], present: list[str]) -> list[str]:
    """The computed inputs a model trained on these tables uses: those whose history tables are present.

    An input of an absent table would be missing for every client; it is left out, as it always was.
    """
    return [name for name in computed if set(tables_needed(name)) <= set(present)]


def features_of_folder(data_dir: Path, dataset: str, categories: dict[str, list[str]] | None = None,
                       columns: list[str] | None = None) -> tuple[FeatureSet, list[str]]:
    """Model inputs of every application of ``dataset`` (application_train / application_test) in a folder.

    Parameters
    ----------
    categories : code order of the category columns; learned from this data set when None (training).
    columns : the model's feature list (features.json); when None, every input the folder's tables allow.

    Returns
    -------
    The feature set (rows in the file's order) and the history tables present in the folder.
    """
    X, categories, present = compute_folder(Path(data_dir), dataset, categories)
    columns = model_columns(list(X.columns), present) if columns is None else columns
    return FeatureSet(X=_select(X, columns), categories=categories), present


def build_relational(tables: Tables) -> dict[str, pd.DataFrame | None]:
    """The history tables of ``tables``, by Kaggle name, for ``build_features`` (kept for the notebooks)."""
    return dict(tables.relational)


def build_features(application: pd.DataFrame, relational: dict[str, pd.DataFrame | None],
                   categories: dict[str, list[str]] | None = None,
                   columns: list[str] | None = None) -> FeatureSet:
    """Model inputs of in-memory tables (an application table and its history tables), through the same SQL.

    ``categories`` is learned from ``application`` when None; ``columns`` defaults to every input the
    present tables allow. Rows follow ``application``'s order.
    """
    if categories is None:
        categories = _learn(application)
    X = compute_frames({"application": application, **relational}, categories)
    present = [name for name, frame in relational.items() if frame is not None]
    columns = model_columns(list(X.columns), present) if columns is None else columns
    return FeatureSet(X=_select(X, columns), categories=categories)


def _learn(application: pd.DataFrame) -> dict[str, list[str]]:
    from model.features.raw_columns import APPLICATION_CATEGORIES

    return {col: sorted(str(v) for v in application[col].astype("object").dropna().unique()
                        if str(v) not in ("XNA", "XAP", ""))
            for col in APPLICATION_CATEGORIES if col in application.columns}


def _select(X: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    unknown = [c for c in columns if c not in X.columns]
    if unknown:
        raise ValueError(f"the feature definitions compute no input named {', '.join(unknown)}")
    return X[columns].astype(np.float32)
