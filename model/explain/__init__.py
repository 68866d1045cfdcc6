"""Exact SHAP contributions from LightGBM (pred_contrib) and global importance."""
from model.explain.shap import global_importance, shap_contributions

__all__ = ["global_importance", "shap_contributions"]
