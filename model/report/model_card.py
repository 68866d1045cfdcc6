"""The model card (markdown), written from the same data as metrics.json, fairness.json and drift.json."""
from __future__ import annotations

MODEL_NAMES = {"dummy": "Dummy (prior)", "logistic_regression": "Logistic regression, hand-set",
               "random_forest": "Random forest, hand-set", "lightgbm": "LightGBM, hand-set",
               "logistic_regression_tuned": "Logistic regression, optimised (nested CV)",
               "random_forest_tuned": "Random forest, optimised (nested CV)",
               "lightgbm_tuned": "LightGBM, optimised (nested CV)",
               "lightgbm_monotone": "LightGBM, optimised, monotone in the external scores",
               "lightgbm_bagged": "LightGBM, optimised, 5 seeds averaged"}
VARIANT_NAMES = {"without_excluded": "without sex and family status (deployed setting)",
                 "with_protected": "with sex and family status",
                 "without_excluded_and_age": "without sex, family status and age-derived inputs"}
PARAM_NAMES = {"n_estimators": "trees", "learning_rate": "learning rate", "num_leaves": "leaves per tree",
               "min_child_samples": "minimum clients per leaf", "colsample_bytree": "share of features per tree",
               "subsample": "share of clients per tree", "reg_lambda": "L2 penalty"}


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f} %"


def _num(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _interval(values: list[float], digits: int) -> str:
    return f"{values[0]:.{digits}f} to {values[1]:.{digits}f}"


def comparison_table(metrics: dict) -> str:
    """The comparison table as markdown (also used by the docs generator)."""
    lines = ["| model | class weight | ROC AUC (mean ± std over folds) | cost / 1,000 clients | recall | precision | "
             "ECE | fit (s) |", "|---|---|---|---:|---:|---:|---:|---:|"]
    for r in metrics["comparison"]:
        lines.append(f"| {MODEL_NAMES.get(r['model'], r['model'])} | {r['class_weight']} | "
                     f"{r['auc_mean']:.3f} ± {r['auc_std']:.3f} | {r['cost_per_1000']:.0f} | "
                     f"{r['recall']:.2f} | {r['precision']:.2f} | {_num(r.get('ece'))} | {r['fit_seconds']:.2f} |")
    return "\n".join(lines)


def paired_table(metrics: dict) -> str:
    """Each candidate minus the optimised LightGBM on the same outer folds and clients."""
    lines = ["| candidate − optimised LightGBM | AUC difference (mean ± std over folds) | 95 % interval | "
             "cost difference / 1,000 (mean ± std) | 95 % interval |", "|---|---:|---:|---:|---:|"]
    for name, d in metrics["paired_vs_lightgbm_tuned"].items():
        key = name if name in MODEL_NAMES and name.startswith("lightgbm_") else f"{name}_tuned"
        lines.append(f"| {MODEL_NAMES.get(key, name)} | {d['auc_diff_mean']:+.3f} ± {d['auc_diff_std']:.3f} | "
                     f"{_interval(d['auc_diff_interval'], 3)} | {d['cost_diff_mean']:+.0f} ± {d['cost_diff_std']:.0f} | "
                     f"{_interval(d['cost_diff_interval'], 0)} |")
    return "\n".join(lines)


def attributes_table(metrics: dict) -> str:
    """Nested-CV figures of the LightGBM search with and without the protected attributes and age."""
    a = metrics["attributes"]
    paired = a["paired_vs_without_excluded"]
    lines = ["| inputs | count | ROC AUC (mean ± std) | cost / 1,000 | ECE | cost difference vs deployed (95 % interval) |",
             "|---|---:|---:|---:|---:|---:|"]
    for v in a["variants"]:
        d = paired.get(v["name"])
        diff = "—" if d is None else f"{d['cost_diff_mean']:+.0f} ({_interval(d['cost_diff_interval'], 0)})"
        lines.append(f"| {VARIANT_NAMES.get(v['name'], v['name'])} | {v['inputs']} | {v['auc_mean']:.3f} ± "
                     f"{v['auc_std']:.3f} | {v['cost_per_1000']:.0f} | {_num(v['ece'])} | {diff} |")
    return "\n".join(lines)


def fairness_rows(fairness: dict) -> str:
    return "\n".join(
        f"| {g['attribute']} | {g['group']} | {g['n']} | {g['n_defaulted']} | {_pct(g.get('default_rate'))} | "
        f"{_num(g['auc'])} | {_pct(g['approval_rate'])} | {_pct(g['fnr'])} | {_pct(g['fpr'])} |"
        for g in fairness["groups"])


FAIRNESS_HEAD = ("| attribute | group | clients | defaulted | default rate | AUC | approval rate | false-negative rate | "
                 "false-positive rate |\n|---|---|---:|---:|---:|---:|---:|---:|---:|")


def age_decision(metrics: dict) -> str:
    """The age decision, stated with the figures it rests on."""
    a = metrics["attributes"]
    d = a["paired_vs_without_excluded"]["without_excluded_and_age"]
    r2 = a["proxies"]["age_r2"]
    kept = bool(a["age_derived_inputs"])
    effect = (f"Removing the age-derived inputs ({', '.join(a['age_derived_inputs']) or 'none'}) changes the nested "
              f"cost by {d['cost_diff_mean']:+.0f} per 1,000 clients (95 % interval {_interval(d['cost_diff_interval'], 0)}) "
              f"and the AUC by {d['auc_diff_mean']:+.3f}, and the remaining inputs predict the age with an R² of "
              f"{r2:.2f}.")
    if not kept:
        return effect + " Age is excluded from the inputs."
    return (effect + " **Decision: age stays an input.** Because the other inputs carry most of it, removing the column "
            "would not remove its influence; it would only hide it from the explanations. Kept visible, its "
            "contribution is shown to the advisor in every explanation and the age bands are monitored below. Age "
            "is a ground listed by French anti-discrimination law: its use must be validated by the lender's "
            "compliance officer before production; one line of `model/config.py` removes it.")


def importance_section(importance: dict) -> str:
    """Four readings of "importance", on the same clients; they answer different questions."""
    comp = importance.get("comparison")
    if not comp:
        return ""
    rows = "\n".join(
        f"| {f['name']} | {f['coefficient']:+.3f} | {f['odds_ratio']:.2f} | {f['impurity']:.3f} | "
        f"{f['permutation_auc_drop']:+.4f} | {f['mean_abs_shap']:.3f} | {f['ranks']['coefficient']} / "
        f"{f['ranks']['impurity']} / {f['ranks']['permutation']} / {f['ranks']['shap']} |" for f in comp["features"])
    shared = comp["shared_in_top"]
    return f"""Four readings of importance (features in the top {comp['top']} of at least one; ranks: coefficient /
impurity / permutation / SHAP). The logistic regression's standardised coefficient has a sign (positive raises
the risk) and its exponential is the odds ratio for one standard deviation more; the random forest's impurity
importance has no sign, is computed on the training data and favours continuous inputs with many split points;
permutation importance is the drop in AUC of the chosen LightGBM when a column is shuffled on
{comp['held_out_clients']:,} held-out clients (correlated inputs share it, so each looks less important); mean |SHAP|
is the chosen model's own attribution. Top-{comp['top']} features shared: SHAP and coefficients
{shared['shap_vs_coefficient']}, SHAP and impurity {shared['shap_vs_impurity']}, SHAP and permutation
{shared['shap_vs_permutation']}, coefficients and impurity {shared['coefficient_vs_impurity']}.

| feature | coefficient | odds ratio | impurity | permutation (AUC drop) | mean abs SHAP | ranks |
|---|---:|---:|---:|---:|---:|---:|
{rows}"""


def render_model_card(metrics: dict, fairness: dict, drift: dict, importance: dict, parity: dict) -> str:
    """Markdown model card; every figure comes from the arguments."""
    nested = metrics["chosen"]["nested_cv"]
    cm = metrics["confusion_matrix"]
    data = metrics["data"]
    calib, unc, attrs = metrics["calibration"], metrics["uncertainty"], metrics["attributes"]
    top = ", ".join(f["label"] for f in importance["features"][:5])
    flagged = [f for f in drift["features"] if f["flagged"]]
    per_fold = metrics["search"]["threshold_per_fold"]
    params = "\n".join(f"| {PARAM_NAMES.get(k, k)} | {v:.4g} |" if isinstance(v, float) else f"| {PARAM_NAMES.get(k, k)} | {v} |"
                       for k, v in metrics["chosen"]["params"].items())
    bins = "\n".join(f"| {i + 1} | {b['n']} | {b['p_min']:.3f}–{b['p_max']:.3f} | {b['predicted']:.3f} | "
                     f"{b['observed']:.3f} |" for i, b in enumerate(calib["bins"]))
    proxies = attrs["proxies"]
    sub = metrics.get("subgroups", {})
    sub_rows = "\n".join(f"| {name.replace('_', ' ')} | {s['n']} | {s['n_defaulted']} | {_num(s['auc'])} | "
                         f"{_num(s['cost_per_1000'], 0)} | {_num(s['recall'], 2)} | {_pct(s['refusal_rate'])} |"
                         for name, s in sub.items())
    excluded = ", ".join(attrs["excluded"]) or "none"
    fair_with = attrs["fairness_with_protected"]
    times = metrics.get("timings_seconds", {})
    return f"""# Model card — Prêt à dépenser credit scoring {metrics['model_version']}

Generated by `make train` on {metrics['trained_at']} from `metrics.json`, `fairness.json` and `drift.json`.

## Intended use
Estimate the probability that an applicant for consumer credit will have payment difficulties, to support
(not replace) a client advisor's decision. A client is **refused when the probability is at least
{metrics['chosen']['threshold']:.3f}**, the threshold that minimises the business cost
{metrics['cost']['fn_cost']:g}·FN + {metrics['cost']['fp_cost']:g}·FP (one missed defaulter costs as much as
{metrics['cost']['fn_cost'] / metrics['cost']['fp_cost']:g} refused good clients) on out-of-fold predictions of the
final parameters. Not for: clients outside the Home Credit population, automated refusal without review, or any
use that treats sex, family status or age as a reason for a decision.

## Data
Home Credit Default Risk (Kaggle, 2018): {data['n_train']:,} labelled clients ({data['n_defaulted']:,} with payment
difficulties, {100 * data['n_defaulted'] / data['n_train']:.1f} %), {data['n_new']:,} new clients; tables used:
{', '.join(data['tables'])}. {data['feature_count']} model inputs.

## Protected attributes
Excluded from the inputs (setting `EXCLUDED_ATTRIBUTES` in `model/config.py`): **{excluded}**. They are kept in
the raw data for fairness monitoring only; no publishing step reads them as inputs (age bands come from the raw
birth date). The same nested LightGBM search was run with other inputs, on the same outer folds:

{attributes_table(metrics)}

Removing a column does not remove the disparities that pass through the others: from the remaining inputs, sex
can be predicted with an AUC of {proxies['sex_auc']:.2f}, being married with an AUC of {proxies['married_auc']:.2f},
and age (without the age-derived inputs) with an R² of {proxies['age_r2']:.2f} ({proxies['method']}). Hence the
fairness tables below, both ways.

{age_decision(metrics)}

## Model
{MODEL_NAMES.get(metrics['chosen']['variant'], metrics['chosen']['variant'])}. Every family (logistic
regression, random forest, LightGBM) was optimised with the same budget: Optuna TPE,
{metrics['search']['trials_per_fold']} trials per outer fold, {metrics['search']['inner_folds']}-fold inner CV, inside
the same {metrics['search']['outer_folds']} outer folds. Rule: {metrics['choice']['rule']}. Class imbalance is handled
by the cost threshold; no model of the search is class-weighted, so its probabilities can be read as frequencies
(measured below). Final parameters (search on all labelled clients):

| parameter | value |
|---|---:|
{params}

## Performance (nested cross-validation: the search ran inside each outer fold)
- ROC AUC: **{nested['auc_mean']:.3f} ± {nested['auc_std']:.3f}**, the mean and standard deviation over the outer
  folds ({', '.join(f'{v:.3f}' for v in nested['fold_auc'])}). The spread between folds is not the uncertainty of the
  estimate: over the pooled out-of-fold predictions the AUC is {unc['auc_pooled']:.3f}, with a 95 % bootstrap
  interval of {_interval(unc['auc_interval'], 3)} ({unc['n_resamples']:,} resamples of the clients). A new sample of
  similar clients may show any value in that range; a changed population (drift) may show less.
- Business cost: **{nested['cost_per_1000']:.0f} per 1,000 clients**, each outer fold decided at its own threshold
  chosen inside that fold ({min(per_fold):.3f} to {max(per_fold):.3f}); 95 % bootstrap interval
  {_interval(unc['cost_interval'], 0)}. The production threshold {metrics['chosen']['threshold']:.3f} comes from
  the final parameters' out-of-fold predictions and is not the one these costs were measured at.
- Recall of defaulters {nested['recall']:.2f}, precision {nested['precision']:.2f}
- Confusion (per-fold thresholds): TN {cm['tn']}, FP {cm['fp']}, FN {cm['fn']}, TP {cm['tp']}

{comparison_table(metrics)}

Paired differences on the same outer folds and clients (negative cost: cheaper than the optimised LightGBM):

{paired_table(metrics)}

ONNX export checked against LightGBM on {parity['n_clients']:,} clients: max |Δ probability|
{parity['max_abs_diff_probability']:.1e}, decisions identical: {'yes' if parity['decisions_identical'] else 'no'}.
Training time of this run: {times.get('total', 0):.0f} s.

## Calibration (pooled out-of-fold predictions)
Brier score {calib['brier']:.4f} (always predicting the default rate: {calib['brier_prior']:.4f}); expected
calibration error (ECE) **{calib['ece']:.3f}** over ten equal-count bins; mean predicted probability
{calib['mean_predicted']:.3f} for an observed default rate of {calib['default_rate']:.3f}.

| bin | clients | predicted range | mean predicted | observed default rate |
|---:|---:|---:|---:|---:|
{bins}

## Clients with little or no history (pooled out-of-fold predictions, per-fold thresholds)
| clients | n | defaulted | AUC | cost / 1,000 | recall | refused |
|---|---:|---:|---:|---:|---:|---:|
{sub_rows}

## Explanations
Exact TreeSHAP values (log-odds). Most important features (mean |SHAP|): {top}.

{importance_section(importance)}

## Fairness (out-of-fold, at each fold's threshold): deployed model, without sex and family status
{FAIRNESS_HEAD}
{fairness_rows(fairness)}

## Fairness with sex and family status as inputs (for comparison)
{FAIRNESS_HEAD}
{fairness_rows(fair_with)}

Small groups give unstable rates: read any group of fewer than about 300 clients or 30 defaults as an indication.

## Drift of the new clients
{len(flagged)} of {len(drift['features'])} features flagged (PSI > {drift['psi_threshold']} or KS > {drift['ks_threshold']}){': ' + ', '.join(f['label'] for f in flagged[:10]) if flagged else ''}.

## Limits
Trained on a {data['n_train']:,}-client sample: differences between models smaller than the paired intervals above
are noise. Retrain on the full data, and have the compliance officer validate the inputs, before production.
"""
