"""Feature engineering: one module per source table, joined by ``build``."""
from model.features.build import FeatureSet, build_features, encode_categories

__all__ = ["FeatureSet", "build_features", "encode_categories"]
