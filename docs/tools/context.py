"""Everything the templates may print, read from artifacts/ and derived in one place.

Templates only format; any comparison or choice of words that depends on the figures
(which model has the best AUC, how many features drift) is computed here.
"""
from __future__ import annotations

import json
import statistics
from pathlib import Path

from tools.client import choose_client, explain_client
from tools.labels import contract_name, feature_label, group_name, model_name, table_name, weight_name

ARTIFACT_FILES = ("metrics.json", "fairness.json", "drift.json", "importance.json", "features.json",
                  "population.json", "manifest.json")


def load_artifacts(art_dir: Path) -> dict:
    """The JSON artifacts by short name (``metrics``, ``fairness``...); a missing file is named in the error."""
    out = {}
    for name in ARTIFACT_FILES:
        path = art_dir / name
        if not path.is_file():
            raise FileNotFoundError(f"missing artifact {path} (run `make train`)")
        out[name.removesuffix(".json")] = json.loads(path.read_text(encoding="utf-8"))
    return out


def _comparison(metrics: dict, lang: str) -> dict:
    rows = [r | {"name": model_name(r["model"], lang), "weight": weight_name(r["class_weight"], lang)}
            for r in metrics["comparison"]]
    real = [r for r in rows if r["model"] != "dummy"]
    chosen = metrics["chosen"].get("variant", "lightgbm_tuned")
    tuned = next((r for r in rows if r["model"] == chosen), real[-1])
    optimised = [r for r in rows if r.get("tuning") == "nested search"]
    hand_set = [r for r in rows if r.get("tuning") == "hand-set"]
    paired = []
    for name, d in metrics.get("paired_vs_lightgbm_tuned", {}).items():
        key = name if name.startswith("lightgbm_") else f"{name}_tuned"
        row = next((r for r in rows if r["model"] == key), None)
        paired.append(d | {"model": key, "name": model_name(key, lang), "row": row,
                           "cost_significant": d["cost_diff_interval"][1] < 0 or d["cost_diff_interval"][0] > 0,
                           "auc_significant": d["auc_diff_interval"][1] < 0 or d["auc_diff_interval"][0] > 0})
    dummy = next((r for r in rows if r["model"] == "dummy"), None)
    balanced = [r for r in hand_set if r["class_weight"] == "balanced" and r.get("ece") is not None]
    return {
        "rows": rows, "tuned": tuned, "dummy": dummy, "optimised": optimised, "hand_set": hand_set,
        "paired": paired, "variants": [p for p in paired if p["model"].startswith("lightgbm_")],
        "families": [p for p in paired if not p["model"].startswith("lightgbm_")],
        "worst_balanced_ece": max(balanced, key=lambda r: r["ece"]) if balanced else None,
        "best_auc": max(real, key=lambda r: r["auc_mean"]),
        "lowest_cost": min(real, key=lambda r: r["cost_per_1000"]),
        "auc_spread": max(r["auc_mean"] for r in real) - min(r["auc_mean"] for r in real),
        "mean_std": statistics.fmean(r["auc_std"] for r in real),
        # AUC change from class weights, per model family that was run both ways.
        "weight_deltas": [w["auc_mean"] - u["auc_mean"] for w in real for u in real
                          if w["model"] == u["model"] and w["class_weight"] == "balanced"
                          and u["class_weight"] == "none"],
    }


def _threshold_facts(metrics: dict) -> dict:
    curve = metrics["threshold_curve"]
    at_half = next((r for r in curve if abs(r["threshold"] - 0.5) < 1e-9), None)
    best = min(curve, key=lambda r: r["cost_per_1000"])
    per_fold = metrics["search"].get("threshold_per_fold", [])
    cm = metrics["confusion_matrix"]
    n = sum(cm.values())
    return {"at_half": at_half, "grid_best": best, "per_fold_min": min(per_fold) if per_fold else None,
            "per_fold_max": max(per_fold) if per_fold else None, "n": n,
            "refusal_rate": (cm["tp"] + cm["fp"]) / n if n else None}


def _fairness(fairness: dict, lang: str) -> dict:
    groups = [g | {"name": group_name(g["attribute"], g["group"], lang)} for g in fairness["groups"]]
    by_attr = {a: [g for g in groups if g["attribute"] == a] for a in dict.fromkeys(g["attribute"] for g in groups)}

    def gap(attr: str, key: str) -> dict | None:
        rows = [g for g in by_attr.get(attr, []) if g[key] is not None]
        if len(rows) < 2:
            return None
        lo, hi = min(rows, key=lambda g: g[key]), max(rows, key=lambda g: g[key])
        return {"low": lo, "high": hi, "gap": hi[key] - lo[key]}

    youngest = next((g for g in by_attr.get("age_band", []) if g["group"].startswith("<")), None)
    return {"groups": groups, "by_attr": by_attr, "youngest": youngest,
            "main_groups": [g for g in groups if g["attribute"] in ("gender", "age_band")],
            "approval_gap_age": gap("age_band", "approval_rate"), "fnr_gap_age": gap("age_band", "fnr"),
            "approval_gap_gender": gap("gender", "approval_rate"), "fnr_gap_gender": gap("gender", "fnr"),
            "per_fold_threshold": isinstance(fairness.get("threshold"), str)}


def _drift(drift: dict, lang: str, catalogue: dict) -> dict:
    flagged = [f | {"label_l": feature_label(f["name"], lang, catalogue)} for f in drift["features"] if f["flagged"]]
    bureau = [f | {"label_l": feature_label(f["name"], lang, catalogue)} for f in drift["features"]
              if catalogue.get(f["name"], {}).get("source") in ("bureau", "bureau_balance")]
    return {"bureau_top": bureau[0] if bureau else None, "n_bureau": len(bureau),
            "n_bureau_flagged": sum(f["flagged"] for f in bureau),"flagged": flagged, "n_flagged": len(flagged), "n_features": len(drift["features"]),
            "psi_threshold": drift["psi_threshold"], "ks_threshold": drift["ks_threshold"],
            "n_reference": drift["n_reference"], "n_current": drift["n_current"],
            "top": [f | {"label_l": feature_label(f["name"], lang, catalogue)} for f in drift["features"][:8]]}


def _client_ext(client, lang: str, catalogue: dict) -> dict:
    """The example client's external scores: which are missing, and whether mean = min = max (one score known)."""
    names = ["EXT_SOURCE_1", "EXT_SOURCE_2", "EXT_SOURCE_3"]
    known = [n for n in names if client.inputs.get(n) is not None]
    missing = [feature_label(n, lang, catalogue) for n in names if n in client.inputs and client.inputs[n] is None]
    agg = [client.inputs.get(n) for n in ("EXT_SOURCE_MEAN", "EXT_SOURCE_MIN", "EXT_SOURCE_MAX")]
    single = len(known) == 1 and None not in agg and max(agg) - min(agg) < 1e-6
    return {"missing": missing, "single": single, "known": [feature_label(n, lang, catalogue) for n in known]}


def _attributes(metrics: dict, lang: str) -> dict:
    a = metrics["attributes"]
    variants = {v["name"]: v for v in a["variants"]}
    groups = [g | {"name": group_name(g["attribute"], g["group"], lang)} for g in a["fairness_with_protected"]["groups"]]
    return a | {"by_name": variants, "paired": a["paired_vs_without_excluded"],
                "fairness_with_groups": [g for g in groups if g["attribute"] in ("gender", "age_band")],
                "age_kept": bool(a["age_derived_inputs"])}


def _importance_comparison(importance: dict, lang: str, catalogue: dict) -> dict | None:
    comp = importance.get("comparison")
    if not comp:
        return None
    rows = [f | {"label_l": feature_label(f["name"], lang, catalogue)} for f in comp["features"]]
    by_coef = sorted(rows, key=lambda f: f["ranks"]["coefficient"])
    by_impurity = sorted(rows, key=lambda f: f["ranks"]["impurity"])
    by_perm = sorted(rows, key=lambda f: f["ranks"]["permutation"])
    return comp | {"rows": rows, "by_coef": by_coef, "by_impurity": by_impurity, "by_perm": by_perm,
                   "top_shap": sorted(rows, key=lambda f: f["ranks"]["shap"])}


MONTHS = {"fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                  "novembre", "décembre"],
          "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December"]}


def format_date(iso: str, lang: str) -> str:
    """``2026-11-25T15:20:32+00:00`` -> ``25 novembre 2026`` / ``25 November 2026``."""
    year, month, day = (int(v) for v in iso[:10].split("-"))
    return f"{day} {MONTHS[lang][month - 1]} {year}"


def build_context(art_dir: Path, lang: str, client_id: int | None = None) -> dict:
    """The template context for one language."""
    a = load_artifacts(art_dir)
    metrics, catalogue_list = a["metrics"], a["features"]["features"]
    catalogue = {f["name"]: f for f in catalogue_list}
    threshold = metrics["chosen"]["threshold"]
    data = metrics["data"]
    sources: dict[str, int] = {}
    for f in catalogue_list:
        sources[f["source"]] = sources.get(f["source"], 0) + 1
    importance = [f | {"label_l": feature_label(f["name"], lang, catalogue)} for f in a["importance"]["features"]]
    cid = client_id if client_id is not None else choose_client(art_dir, threshold)
    search = metrics["search"]
    cmp = _comparison(metrics, lang)
    cmp["tuned_near_best"] = cmp["best_auc"]["auc_mean"] - cmp["tuned"]["auc_mean"] <= cmp["mean_std"]
    total_importance = sum(f["mean_abs_shap"] for f in importance) or 1.0
    client = explain_client(art_dir, cid, lang, a["population"], catalogue_list, threshold)
    return {
        "lang": lang, "metrics": metrics, "manifest": a["manifest"], "cost": metrics["cost"],
        "data": data | {"default_rate": data["n_defaulted"] / data["n_train"],
                        "table_names": [table_name(t, lang) for t in data["tables"]],
                        "features_by_source": [(table_name(s, lang), n) for s, n in sources.items()]},
        "chosen": metrics["chosen"] | {"weighted": metrics["chosen"]["params"].get("class_weight") is not None},
        "nested": metrics["chosen"]["nested_cv"],
        "search": search | {"inner_auc_mean": statistics.fmean(search["inner_auc_per_fold"])},
        "cmp": cmp,
        "trained_date": format_date(metrics["trained_at"], lang),
        "thr": _threshold_facts(metrics),
        "cm": metrics["confusion_matrix"],
        "importance": importance,
        "n_importance_clients": a["importance"]["n_clients"],
        "fair": _fairness(a["fairness"], lang),
        "drift": _drift(a["drift"], lang, catalogue),
        "ext_share": sum(f["mean_abs_shap"] for f in importance if f["name"].startswith("EXT_SOURCE")) / total_importance,
        "client": client,
        "contract": contract_name(client.profile.get("contract_type"), lang),
        "raising": [c for c in client.top if c.shap > 0],
        "lowering": [c for c in client.top if c.shap < 0],
        "parity": metrics.get("onnx_parity"),
        "calib": metrics["calibration"], "unc": metrics["uncertainty"],
        "attrs": _attributes(metrics, lang),
        "subgroups": metrics.get("subgroups", {}),
        "imp_cmp": _importance_comparison(a["importance"], lang, catalogue),
        "timings": metrics.get("timings_seconds", {}),
        "client_ext": _client_ext(client, lang, catalogue),
        "fast_mode": bool(metrics.get("fast_mode")),
    }
