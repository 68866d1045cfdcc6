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
           "logodds": "contribution au risque (log-odds)\u202f: à droite, le risque augmente",
           "points": "contribution au risque (points de probabilité)\u202f: à droite, il augmente",
           "predicted": "probabilité prédite (moyenne du décile)", "observed": "taux de défaut observé",
           "perfect": "calibration parfaite", "deciles": "déciles de clients (hors pli)",
           "pooled": "prédictions hors pli regroupées", "fold_mean": "moyenne des plis",
           "base": "risque de référence", "final": "ce client", "line": "seuil de refus", "others": "autres variables",
           "fpr": "taux de faux positifs (bons clients refusés)", "tpr": "taux de vrais positifs (défauts détectés)",
           "chance": "hasard"},
    "en": {"threshold": "decision threshold (refuse when probability ≥ threshold)", "cost": "cost per 1,000 clients",
           "total": "total cost", "fn": "missed defaulters (10·FN)", "fp": "refused good clients (FP)",
           "chosen": "chosen threshold", "importance": "mean |SHAP| (log-odds)",
           "logodds": "contribution to risk (log-odds): to the right, risk goes up",
           "points": "contribution to risk (probability points): to the right, risk goes up",
           "predicted": "predicted probability (decile mean)", "observed": "observed default rate",
           "perfect": "perfect calibration", "deciles": "deciles of clients (out of fold)",
           "pooled": "pooled out-of-fold predictions", "fold_mean": "mean of the folds",
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
    ax.annotate(f"{t['chosen']}\u202f: {fmt_num(chosen, 3, lang)}" if lang == "fr" else f"{t['chosen']}: {chosen:.3f}",
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


def plot_waterfall(client: ExampleClient, lang: str, path: Path, font_size: int = defaults["font_size"],
                   width: float = defaults["width"] * 0.62) -> Path:
    """From the baseline risk to this client's risk, one bar per large contribution, in probability points.

    The points are added in the order shown (client.points): they sum to the client's risk minus the baseline.
    ``font_size`` 14 and a slide-sized ``width`` give the projected version (text at least 14 pt at scale 1).
    """
    _style()
    plt.rcParams.update({"font.size": font_size, "axes.titlesize": font_size})
    t = TEXT[lang]
    points = client.points()
    steps = [(f"{c.label} = {c.display}", p) for c, p in zip(client.top, points)]
    steps.append((f"{t['others']} ({client.rest_count})", points[-1]))
    row = 0.24 * font_size / defaults["font_size"]
    fig, ax = plt.subplots(figsize=(width, row * len(steps) + 0.8 * font_size / defaults["font_size"]))
    base = 100.0 * client.base_probability
    start = base
    span = max(abs(p) for p in points) or 1.0
    for i, (label, value) in enumerate(steps):
        colour = VERMILLION if value > 0 else BLUE
        ax.barh(len(steps) - 1 - i, value, left=start, color=colour, height=0.6)
        sign = fmt_num(abs(value), 1, lang)
        ax.text(max(start, start + value) + 0.03 * span, len(steps) - 1 - i, ("+" if value > 0 else "\u2212") + sign,
                va="center", fontsize=font_size)
        start += value
    ax.set_yticks(range(len(steps)), [s[0] for s in steps][::-1])
    threshold = 100.0 * client.threshold
    ax.axvline(base, color=GREY, linewidth=0.8, linestyle=":")
    ax.axvline(threshold, color="black", linewidth=1.2, linestyle="--")
    ax.axvline(start, color=GREY, linewidth=0.8)
    ax.text(threshold, len(steps) - 0.35, f" {t['line']} {fmt_pct(client.threshold, 1, lang)}", fontsize=font_size,
            va="bottom")
    ax.set_ylim(-0.6, len(steps) + 0.55)
    ax.set_xlabel(t["points"], fontsize=font_size)
    ax.set_title(f"{t['base']} {fmt_pct(client.base_probability, 1, lang)} → {t['final']} "
                 f"{fmt_pct(client.probability, 1, lang)}", loc="left")
    _number_axis(ax, lang, 0)
    return _save(fig, path)


def plot_reliability(metrics: dict, lang: str, path: Path) -> Path:
    """Mean predicted probability against the observed default rate, per decile of out-of-fold predictions."""
    _style()
    t = TEXT[lang]
    bins = metrics["calibration"]["bins"]
    fig, ax = plt.subplots(figsize=(3.0, 2.3))
    top = max(max(b["predicted"] for b in bins), max(b["observed"] for b in bins)) * 1.1
    ax.plot([0, top], [0, top], color=GREY, linestyle=":", label=t["perfect"])
    ax.plot([b["predicted"] for b in bins], [b["observed"] for b in bins], color=BLUE, marker="o", linewidth=1.5,
            label=t["deciles"])
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_xlabel(t["predicted"], fontsize=defaults["font_size"] - 1)
    ax.set_ylabel(t["observed"], fontsize=defaults["font_size"] - 1)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt_pct(v, 0, lang)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: fmt_pct(v, 0, lang)))
    ax.legend(loc="upper left", fontsize=defaults["font_size"] - 1)
    return _save(fig, path)


def plot_roc(metrics: dict, lang: str, path: Path) -> Path:
    """ROC curve of the nested out-of-fold predictions."""
    _style()
    t = TEXT[lang]
    fig, ax = plt.subplots(figsize=(3.0, 2.3))
    # The curve pools every outer fold's predictions: label it with the pooled AUC, and give the folds' mean apart.
    pooled = metrics["roc"].get("auc_pooled", metrics["chosen"]["nested_cv"]["auc_mean"])
    ax.plot(metrics["roc"]["fpr"], metrics["roc"]["tpr"], color=BLUE, linewidth=2,
            label=f"{t['pooled']}\nAUC {fmt_num(pooled, 3, lang)} ({t['fold_mean']} "
                  f"{fmt_num(metrics['chosen']['nested_cv']['auc_mean'], 3, lang)})")
    ax.plot([0, 1], [0, 1], color=GREY, linestyle=":", label=t["chance"])
    ax.set_xlabel(t["fpr"], fontsize=defaults["font_size"] - 1)
    ax.set_ylabel(t["tpr"], fontsize=defaults["font_size"] - 1)
    _number_axis(ax, lang, 1)
    _number_axis(ax, lang, 1, "y")
    ax.legend(loc="lower right", fontsize=defaults["font_size"] - 2)
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


NESTED_TEXT = {
    "fr": {"outer": "pli externe", "test": "clients évalués (jamais vus)", "inner": "recherche et seuil : {n} plis internes",
           "title": "Validation croisée imbriquée"},
    "en": {"outer": "outer fold", "test": "clients scored (never seen)", "inner": "search and threshold: {n} inner folds",
           "title": "Nested cross-validation"},
}


def plot_nested_cv(metrics: dict, lang: str, path: Path) -> Path:
    """Each outer fold's held-out clients, and the inner folds the search and the threshold use on the others."""
    _style()
    t = NESTED_TEXT[lang]
    outer, inner = metrics["search"]["outer_folds"], metrics["search"]["inner_folds"]
    fig, ax = plt.subplots(figsize=(3.3, 0.28 * outer + 0.75))
    for k in range(outer):
        y = outer - 1 - k
        ax.barh(y, 1, left=k, color=VERMILLION, height=0.6)
        rest = [j for j in range(outer) if j != k]
        width = (outer - 1) / inner
        start = 0.0
        for i in range(inner):  # the training clients, re-split for the search (drawn over the other folds)
            left = start
            segments = [(j, min(j + 1, left + width) - max(j, left)) for j in range(outer - 1)
                        if min(j + 1, left + width) > max(j, left)]
            for j, w in segments:
                x = rest[j] + max(0.0, left - j)
                ax.barh(y, w, left=x, color=BLUE if i % 2 == 0 else "#56B4E9", height=0.6)
            start += width
        ax.text(-0.1, y, f"{t['outer']} {k + 1}", ha="right", va="center", fontsize=defaults["font_size"] - 1)
    ax.set_xlim(-0.05, outer)
    ax.set_ylim(-0.6, outer - 0.2)
    ax.axis("off")
    ax.barh([], [], color=VERMILLION, label=t["test"])
    ax.barh([], [], color=BLUE, label=t["inner"].format(n=inner))
    ax.legend(loc="upper center", bbox_to_anchor=(0.45, 0.02), ncol=1, fontsize=defaults["font_size"] - 1)
    return _save(fig, path)
