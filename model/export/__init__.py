"""Export of the chosen LightGBM: flat trees (for TreeSHAP), ONNX (own converter), parity checks."""
from model.export.onnx_export import check_parity, to_onnx
from model.export.trees import flatten_trees, predict_raw

__all__ = ["check_parity", "flatten_trees", "predict_raw", "to_onnx"]
