"""Our own LightGBM -> ONNX converter (skl2onnx/onnxmltools are not available here).

The graph takes ``input`` as double so every threshold is compared exactly as
LightGBM does (float64); it has two heads over the same trees:
TreeEnsembleClassifier (``label``, ``probabilities`` with column 1 = default)
and TreeEnsembleRegressor (``raw_score``, log-odds, accumulated in double).
"""
from __future__ import annotations

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

ONNX_IR_VERSION = 9  # onnxruntime 1.30 (Python) and onnxruntime-node read up to IR 10
ML_OPSET = 3


def _nodes(trees: dict) -> tuple[dict, list[tuple[int, int, float]]]:
    """ONNX node attributes for every tree, and (tree, node id, value) for every leaf."""
    attrs = {k: [] for k in ("nodes_treeids", "nodes_nodeids", "nodes_featureids", "nodes_modes",
                             "nodes_truenodeids", "nodes_falsenodeids", "nodes_missing_value_tracks_true")}
    values: list[float] = []
    leaves: list[tuple[int, int, float]] = []
    for t, tree in enumerate(trees["trees"]):
        n_internal = len(tree["split_feature"])
        node_id = lambda child: child if child >= 0 else n_internal + ~child  # noqa: E731
        for i in range(n_internal):
            threshold = tree["threshold"][i]
            if tree["missing_type"][i] == "NaN":
                nan_left = tree["default_left"][i]
            else:  # "None": LightGBM reads a NaN as 0.0, so it goes where 0.0 goes
                nan_left = 0.0 <= threshold
            attrs["nodes_treeids"].append(t)
            attrs["nodes_nodeids"].append(i)
            attrs["nodes_featureids"].append(tree["split_feature"][i])
            attrs["nodes_modes"].append("BRANCH_LEQ")
            attrs["nodes_truenodeids"].append(node_id(tree["left_child"][i]))
            attrs["nodes_falsenodeids"].append(node_id(tree["right_child"][i]))
            attrs["nodes_missing_value_tracks_true"].append(int(nan_left))
            values.append(threshold)
        for j, leaf_value in enumerate(tree["leaf_value"]):
            for key, value in (("nodes_treeids", t), ("nodes_nodeids", n_internal + j), ("nodes_featureids", 0),
                               ("nodes_modes", "LEAF"), ("nodes_truenodeids", 0), ("nodes_falsenodeids", 0),
                               ("nodes_missing_value_tracks_true", 0)):
                attrs[key].append(value)
            values.append(0.0)
            leaves.append((t, n_internal + j, leaf_value))
    attrs["nodes_values_as_tensor"] = numpy_helper.from_array(np.array(values, dtype=np.float64))
    return attrs, leaves


def to_onnx(trees: dict, model_version: str) -> onnx.ModelProto:
    """Build the ONNX model from flat trees (``model.export.trees.flatten_trees``)."""
    attrs, leaves = _nodes(trees)
    leaf_tree = [t for t, _, _ in leaves]
    leaf_node = [n for _, n, _ in leaves]
    weights = numpy_helper.from_array(np.array([v for _, _, v in leaves], dtype=np.float64))
    classifier = helper.make_node(
        "TreeEnsembleClassifier", ["input"], ["label", "probabilities"], domain="ai.onnx.ml",
        name="lightgbm_classifier", classlabels_int64s=[0, 1], post_transform="LOGISTIC",
        class_treeids=leaf_tree, class_nodeids=leaf_node, class_ids=[0] * len(leaves),
        class_weights_as_tensor=weights, **attrs)
    regressor = helper.make_node(
        "TreeEnsembleRegressor", ["input"], ["raw_score"], domain="ai.onnx.ml", name="lightgbm_raw_score",
        n_targets=1, post_transform="NONE", aggregate_function="SUM",
        target_treeids=leaf_tree, target_nodeids=leaf_node, target_ids=[0] * len(leaves),
        target_weights_as_tensor=weights, **attrs)
    n_features = trees["feature_count"]
    graph = helper.make_graph(
        [classifier, regressor], "pad_credit_scoring",
        [helper.make_tensor_value_info("input", TensorProto.DOUBLE, [None, n_features])],
        [helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
         helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2]),
         helper.make_tensor_value_info("raw_score", TensorProto.FLOAT, [None, 1])])
    model = helper.make_model(graph, ir_version=ONNX_IR_VERSION, producer_name="pad-credit-model",
                              producer_version=model_version,
                              opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("ai.onnx.ml", ML_OPSET)])
    helper.set_model_props(model, {"model_version": model_version,
                                   "feature_names": ",".join(trees["feature_names"])})
    onnx.checker.check_model(model)
    return model


def run_onnx(model: onnx.ModelProto | bytes, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Probability of default and raw score from the ONNX model, for rows ``X``."""
    payload = model if isinstance(model, bytes) else model.SerializeToString()
    session = ort.InferenceSession(payload, providers=["CPUExecutionProvider"])
    _, proba, raw = session.run(None, {"input": np.asarray(X, dtype=np.float64)})
    return proba[:, 1].astype(np.float64), raw[:, 0].astype(np.float64)


def check_parity(model: onnx.ModelProto, X: np.ndarray, expected_proba: np.ndarray, expected_raw: np.ndarray,
                 threshold: float, tolerance: float = 1e-5) -> dict:
    """Compare ONNX with LightGBM on every row; raise if they disagree beyond ``tolerance``.

    Returns the figures recorded in metrics.json (max differences, identical decisions).
    """
    proba, raw = run_onnx(model, X)
    diff_p = float(np.max(np.abs(proba - expected_proba)))
    diff_raw = float(np.max(np.abs(raw - expected_raw)))
    same = bool(np.array_equal(proba >= threshold, expected_proba >= threshold))
    report = {"n_clients": int(len(X)), "max_abs_diff_probability": diff_p, "max_abs_diff_raw_score": diff_raw,
              "decisions_identical": same}
    if diff_p > tolerance or not same:
        raise AssertionError(f"ONNX and LightGBM disagree: {report}")
    return report
