"""Flatten LightGBM's nested ``dump_model()`` trees into arrays (the trees.json format of docs/artifacts.md)."""
from __future__ import annotations

import lightgbm as lgb
import numpy as np


def _flatten_tree(structure: dict) -> dict:
    """One tree as arrays indexed by internal node; a child < 0 is leaf ``~child``."""
    tree = {k: [] for k in ("split_feature", "threshold", "default_left", "missing_type",
                            "left_child", "right_child", "internal_count")}
    leaves: dict[int, tuple[float, int]] = {}
    if "leaf_value" in structure:  # a tree that never split: one leaf
        return {**tree, "leaf_value": [float(structure["leaf_value"])],
                "leaf_count": [int(structure.get("leaf_count", 0))]}

    def child_ref(node: dict) -> int:
        return node["split_index"] if "split_index" in node else ~node["leaf_index"]

    nodes = {}
    stack = [structure]
    while stack:
        node = stack.pop()
        if "split_index" in node:
            if node.get("decision_type", "<=") != "<=":
                raise ValueError(f"unsupported split {node.get('decision_type')!r}: encode categories as numbers")
            if node.get("missing_type") == "Zero":
                raise ValueError("missing_type 'Zero' is not supported (train with zero_as_missing=False)")
            nodes[node["split_index"]] = node
            stack.extend([node["left_child"], node["right_child"]])
        else:
            leaves[node["leaf_index"]] = (float(node["leaf_value"]), int(node["leaf_count"]))
    for i in range(len(nodes)):
        node = nodes[i]
        tree["split_feature"].append(int(node["split_feature"]))
        tree["threshold"].append(float(node["threshold"]))
        tree["default_left"].append(bool(node["default_left"]))
        tree["missing_type"].append(str(node["missing_type"]))
        tree["left_child"].append(child_ref(node["left_child"]))
        tree["right_child"].append(child_ref(node["right_child"]))
        tree["internal_count"].append(int(node["internal_count"]))
    tree["leaf_value"] = [leaves[i][0] for i in range(len(leaves))]
    tree["leaf_count"] = [leaves[i][1] for i in range(len(leaves))]
    return tree


def flatten_trees(booster: lgb.Booster) -> dict:
    """The whole model in the ``lightgbm-trees/1`` format."""
    dump = booster.dump_model()
    if dump.get("objective", "").split()[0] != "binary":
        raise ValueError(f"only binary models are supported, got objective {dump.get('objective')!r}")
    return {
        "format": "lightgbm-trees/1",
        "feature_count": int(dump["max_feature_idx"]) + 1,
        "feature_names": list(dump["feature_names"]),
        "trees": [_flatten_tree(t["tree_structure"]) for t in dump["tree_info"]],
    }


def _goes_left(x: float, threshold: float, default_left: bool, missing_type: str) -> bool:
    if np.isnan(x):
        if missing_type == "NaN":
            return default_left
        x = 0.0  # LightGBM's rule for missing_type None: a NaN is a zero
    return x <= threshold


def predict_raw(trees: dict, row: np.ndarray) -> float:
    """Raw score (log-odds) of one row by walking the flat trees: a reference for the ONNX and TS code."""
    total = 0.0
    for tree in trees["trees"]:
        if not tree["split_feature"]:
            total += tree["leaf_value"][0]
            continue
        node = 0
        while node >= 0:
            left = _goes_left(float(row[tree["split_feature"][node]]), tree["threshold"][node],
                              tree["default_left"][node], tree["missing_type"][node])
            node = tree["left_child"][node] if left else tree["right_child"][node]
        total += tree["leaf_value"][~node]
    return total
