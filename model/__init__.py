"""Prêt à dépenser credit-scoring pipeline: Home Credit tables -> features -> LightGBM -> ONNX artifacts."""

__version__ = "1.0.0"
__all__ = ["__version__"]
