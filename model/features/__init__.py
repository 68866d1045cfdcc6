"""Model inputs: defined once in SQL (model/features/sql/), run by DuckDB (engine), selected by ``build``."""
from model.features.build import FeatureSet, build_features, build_relational, features_of_folder, model_columns

__all__ = ["FeatureSet", "build_features", "build_relational", "features_of_folder", "model_columns"]
