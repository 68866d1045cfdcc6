"""The note's and the slides' charts as SVG, drawn from the artifacts.

SVG output is made byte-reproducible (fixed hash salt, no date, text kept as text) so that
`make test-docs` can regenerate the figures and compare them with the committed ones.
"""
from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from tools.client import ExampleClient  # noqa: E402
from tools.fmt import fmt_num, fmt_pct  # noqa: E402

# Okabe–Ito: readable by colour-blind readers; the sign is also written on each bar.
BLUE, VERMILLION, GREEN, ORANGE, GREY = "#0072B2", "#D55E00", "#009E73", "#E69F00", "#595959"
defaults = {"width": 7.0, "font_size": 9, "importance_top": 12}

TEXT = {
    "fr": {"threshold": "seuil de décision (refus si probabilité ≥ seuil)", "cost": "coût pour 1 000 clients",
           "total": "coût total", "fn": "défauts manqués (10·FN)", "fp": "bons clients refusés (FP)",
           "chosen": "seuil retenu", "importance": "moyenne de |SHAP| (log-odds)",
           "logodds": "contribution au risque (log-odds) : à droite, le risque augmente",
           "base": "risque de référence", "final": "ce client", "line": "seuil de refus", "others": "autres variables",
           "fpr": "taux de faux positifs (bons clients refusés)", "tpr": "taux de vrais positifs (défauts détectés)",
           "chance": "hasard"},
    "en": {"threshold": "decision threshold (refuse when probability ≥ threshold)", "cost": "cost per 1,000 clients",
           "total": "total cost", "fn": "missed defaulters (10·FN)", "fp": "refused good clients (FP)",
           "chosen": "chosen threshold", "importance": "mean |SHAP| (log-odds)",
           "logodds": "contribution to risk (log-odds): to the right, risk goes up",
           "base": "baseline risk", "final": "this client", "line": "refusal threshold", "others": "other features",
           "fpr": "false-positive rate (good clients refused)", "tpr": "true-positive rate (defaulters caught)",
           "chance": "chance"},
}


def _style() -> None:
    plt.rcParams.update({
        "svg.hashsalt": "pad-docs", "svg.fonttype": "none", "font.family": "DejaVu Sans",
        "font.size": defaults["font_size"], "axes.spines.top": False, "axes.spines.right": False,
        "axes.titlesize": defaults["font_size"] + 1, "legend.frameon": False,
    })


def _number_axis(ax, lang: str, digits: int, axis: str = "x") -> None:
    fmt = FuncFormatter(lambda v, _pos: fmt_num(v, digits, lang))
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(fmt)


def _save(fig, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="svg", metadata={"Date": None}, bbox_inches="tight")
    plt.close(fig)
    return path


def plot_cost_curve(metrics: dict, lang: str, path: Path) -> Path:
    """Cost per 1,000 clients against the threshold, split into its two parts, chosen threshold marked."""
    _style()
    t = TEXT[lang]
    curve = metrics["threshold_curve"]
    fn_cost, fp_cost = metrics["cost"]["fn_cost"], metrics["cost"]["fp_cost"]
    n = sum(metrics["confusion_matrix"].values())
    xs = [r["threshold"] for r in curve]
    fig, ax = plt.subplots(figsize=(defaults["width"], 2.25))
    ax.plot(xs, [r["cost_per_1000"] for r in curve], color=BLUE, linewidth=2.2, label=t["total"])
    ax.plot(xs, [fn_cost * r["fn"] * 1000 / n for r in curve], color=VERMILLION, linestyle="--", label=t["fn"])
    ax.plot(xs, [fp_cost * r["fp"] * 1000 / n for r in curve], color=GREEN, linestyle=":", label=t["fp"])
    chosen = metrics["chosen"]["threshold"]
    ax.axvline(chosen, color=GREY, linewidth=1)
    ax.annotate(f"{t['chosen']} : {fmt_num(chosen, 3, lang)}" if lang == "fr" else f"{t['chosen']}: {chosen:.3f}",
                xy=(chosen, ax.get_ylim()[1] * 0.92), xytext=(6, 0), textcoords="offset points", color=GREY)
    ax.set_xlabel(t["threshold"])
    ax.set_ylabel(t["cost"])
    ax.set_xlim(0, 1)
    _number_axis(ax, lang, 1)
    ax.legend(loc="upper right", bbox_to_anchor=(1.0, 0.85))
    return _save(fig, path)


def plot_importance(importance: list[dict], lang: str, path: Path, top: int = defaults["importance_top"]) -> Path:
    """Mean |SHAP| of the most important features, largest on top."""
    _style()
    rows = importance[:top][::-1]
    fig, ax = plt.subplots(figsize=(defaults["width"] * 0.36, 0.2 * top + 0.6))
    ax.barh([r["label_l"] for r in rows], [r["mean_abs_shap"] for r in rows], color=BLUE)
    ax.set_xlabel(TEXT[lang]["importance"])
    _number_axis(ax, lang, 2)
    return _save(fig, path)


def plot_waterfall(client: ExampleClient, lang: str, path: Path) -> Path:
    """From the average risk to this client's risk, one bar per large contribution (log-odds)."""
    _style()
    t = TEXT[lang]
    steps = [(f"{c.label} = {c.display}", c.shap) for c in client.top]
    steps.append((f"{t['others']} ({client.rest_count})", client.rest_sum))
    fig, ax = plt.subplots(figsize=(defaults["width"] * 0.62, 0.24 * len(steps) + 0.8))
    start = client.base_value
    for i, (label, value) in enumerate(steps):
        colour = VERMILLION if value > 0 else BLUE
        ax.barh(len(steps) - 1 - i, value, left=start, color=colour, height=0.6)
        sign = fmt_num(abs(value), 2, lang)
        ax.text(max(start, start + value) + 0.02, len(steps) - 1 - i, ("+" if value > 0 else "\u2212") + sign,
                va="center", fontsize=defaults["font_size"] - 1)
        start += value
    ax.set_yticks(range(len(steps)), [s[0] for s in steps][::-1])
    logit_t = math.log(client.threshold / (1 - client.threshold))
    ax.axvline(client.base_value, color=GREY, linewidth=0.8, linestyle=":")
    ax.axvline(logit_t, color="black", linewidth=1.2, linestyle="--")
    ax.axvline(start, color=GREY, linewidth=0.8)
    # The threshold's label sits above the first bar, clear of the bar values.
    ax.text(logit_t, len(steps) - 0.35, f" {t['line']}", fontsize=defaults["font_size"] - 1, va="bottom")
    ax.set_ylim(-0.6, len(steps) + 0.45)
    ax.set_xlabel(t["logodds"], fontsize=defaults["font_size"] - 1)
    ax.set_title(f"{t['base']} {fmt_pct(client.base_probability, 1, lang)} → {t['final']} "
                 f"{fmt_pct(client.probability, 1, lang)}", loc="left")
    _number_axis(ax, lang, 1)
    return _save(fig, path)


def plot_roc(metrics: dict, lang: str, path: Path) -> Path:
    """ROC curve of the nested out-of-fold predictions."""
    _style()
    t = TEXT[lang]
    fig, ax = plt.subplots(figsize=(3.0, 2.7))
    ax.plot(metrics["roc"]["fpr"], metrics["roc"]["tpr"], color=BLUE, linewidth=2,
            label=f"AUC {fmt_num(metrics['chosen']['nested_cv']['auc_mean'], 3, lang)}")
    ax.plot([0, 1], [0, 1], color=GREY, linestyle=":", label=t["chance"])
    ax.set_xlabel(t["fpr"], fontsize=defaults["font_size"] - 1)
    ax.set_ylabel(t["tpr"], fontsize=defaults["font_size"] - 1)
    _number_axis(ax, lang, 1)
    _number_axis(ax, lang, 1, "y")
    ax.legend(loc="lower right")
    return _save(fig, path)


def plot_fairness(groups: list[dict], lang: str, path: Path) -> Path:
    """Approval rate and false-negative rate by group (out of fold, at the nested thresholds).

    ``groups`` are fairness.json rows with a readable ``name`` (e.g. "Moins de 25 ans").
    """
    _style()
    names = [g["name"] for g in groups]
    fig, ax = plt.subplots(figsize=(defaults["width"] * 0.62, 2.6))
    ys = range(len(groups))
    ax.barh([y + 0.2 for y in ys], [g["approval_rate"] or 0 for g in groups], height=0.4, color=BLUE,
            label="taux d'acceptation" if lang == "fr" else "approval rate")
    ax.barh([y - 0.2 for y in ys], [g["fnr"] or 0 for g in groups], height=0.4, color=ORANGE, edgecolor="black",
            linewidth=0.4, label="défauts manqués (FNR)" if lang == "fr" else "missed defaulters (FNR)")
    ax.set_yticks(list(ys), names)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt_pct(v, 0, lang)))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, fontsize=defaults["font_size"] - 1)
    return _save(fig, path)
