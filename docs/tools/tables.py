"""Markdown tables generated from the artifacts (comparison, confusion, fairness, drift)."""
from __future__ import annotations

from tools.fmt import fmt_int, fmt_num, fmt_pct
from tools.labels import group_name

HEAD = {
    "comparison": {
        "fr": ["Modèle", "Pondération des classes", "AUC ROC (moyenne ± écart-type)", "Coût / 1 000 clients",
               "Rappel", "Précision", "ECE", "Temps d'ajustement (s)"],
        "en": ["Model", "Class weights", "ROC AUC (mean ± std)", "Cost / 1,000 clients", "Recall", "Precision",
               "ECE", "Fit time (s)"]},
    "confusion": {"fr": ["", "Accordé", "Refusé"], "en": ["", "Granted", "Refused"]},
    "fairness": {
        "fr": ["Groupe", "Clients", "Défauts", "Taux de défaut", "AUC", "Taux d'acceptation", "Défauts manqués (FNR)",
               "Bons clients refusés (FPR)"],
        "en": ["Group", "Clients", "Defaulted", "Default rate", "AUC", "Approval rate", "Missed defaulters (FNR)",
               "Good clients refused (FPR)"]},
    "attributes": {
        "fr": ["Entrées du modèle", "Nombre", "AUC ROC (moyenne ± écart-type)", "Coût / 1 000 clients", "ECE",
               "Écart de coût apparié (IC 95 %)"],
        "en": ["Model inputs", "Count", "ROC AUC (mean ± std)", "Cost / 1,000 clients", "ECE",
               "Paired cost difference (95 % CI)"]},
    "paired": {
        "fr": ["Candidat − LightGBM optimisé", "Écart d'AUC (IC 95 %)", "Écart de coût (IC 95 %)", "ECE"],
        "en": ["Candidate − optimised LightGBM", "AUC difference (95 % CI)", "Cost difference (95 % CI)", "ECE"]},
    "calibration": {
        "fr": ["Décile", "Probabilité moyenne prédite", "Taux de défaut observé"],
        "en": ["Decile", "Mean predicted probability", "Observed default rate"]},
    "importance": {
        "fr": ["Variable", "Coefficient standardisé", "Rapport de cotes", "Rang coefficient", "Rang impureté (forêt)",
               "Rang permutation", "Rang SHAP"],
        "en": ["Feature", "Standardised coefficient", "Odds ratio", "Rank coefficient", "Rank impurity (forest)",
               "Rank permutation", "Rank SHAP"]},
    "drift": {"fr": ["Variable", "PSI", "KS"], "en": ["Feature", "PSI", "KS"]},
}


def _table(head: list[str], rows: list[list[str]], align: str) -> str:
    sep = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(sep) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def comparison_table(cmp: dict, lang: str, compact: bool = False) -> str:
    """One row per candidate; the retained model in bold. ``compact`` keeps model, weights, AUC and cost (slides)."""
    rows = []
    for r in cmp["rows"]:
        name = f"**{r['name']}**" if r is cmp["tuned"] else r["name"]
        rows.append([name, r["weight"], f"{fmt_num(r['auc_mean'], 3, lang)} ± {fmt_num(r['auc_std'], 3, lang)}",
                     fmt_num(r["cost_per_1000"], 0, lang), fmt_pct(r["recall"], 0, lang),
                     fmt_pct(r["precision"], 0, lang), fmt_num(r.get("ece"), 3, lang),
                     fmt_num(r["fit_seconds"], 2, lang)])
    if compact:
        head = HEAD["comparison"][lang]
        return _table([head[0], head[2], head[3], head[6]], [[r[0], r[2], r[3], r[6]] for r in rows], "lrrr")
    return _table(HEAD["comparison"][lang], rows, "llrrrrrr")


def _ci(values: list[float], digits: int, lang: str) -> str:
    word = " à " if lang == "fr" else " to "
    return _signed(values[0], digits, lang) + word + _signed(values[1], digits, lang)


def _signed(v: float, digits: int, lang: str) -> str:
    return ("+" if v > 0 else ("−" if v < 0 else "")) + fmt_num(abs(v), digits, lang)


VARIANTS = {
    "fr": {"without_excluded": "Sans sexe ni situation familiale (réglage retenu)", "with_protected": "Avec sexe et situation familiale",
           "without_excluded_and_age": "Sans sexe, situation familiale ni âge"},
    "en": {"without_excluded": "Without sex and family status (setting kept)", "with_protected": "With sex and family status",
           "without_excluded_and_age": "Without sex, family status and age"},
}


def attributes_table(attrs: dict, lang: str) -> str:
    rows = []
    for v in attrs["variants"]:
        d = attrs["paired"].get(v["name"])
        diff = "—" if d is None else f"{_signed(d['cost_diff_mean'], 0, lang)} ({_ci(d['cost_diff_interval'], 0, lang)})"
        rows.append([VARIANTS[lang].get(v["name"], v["name"]), fmt_int(v["inputs"], lang),
                     f"{fmt_num(v['auc_mean'], 3, lang)} ± {fmt_num(v['auc_std'], 3, lang)}",
                     fmt_num(v["cost_per_1000"], 0, lang), fmt_num(v["ece"], 3, lang), diff])
    return _table(HEAD["attributes"][lang], rows, "lrrrrr")


def paired_table(paired: list[dict], lang: str) -> str:
    rows = [[p["name"], f"{_signed(p['auc_diff_mean'], 3, lang)} ({_ci(p['auc_diff_interval'], 3, lang)})",
             f"{_signed(p['cost_diff_mean'], 0, lang)} ({_ci(p['cost_diff_interval'], 0, lang)})",
             fmt_num(p["row"]["ece"], 3, lang) if p["row"] else "—"] for p in paired]
    return _table(HEAD["paired"][lang], rows, "lrrr")


def importance_table(rows: list[dict], lang: str, top: int = 8) -> str:
    out = [[f["label_l"], _signed(f["coefficient"], 2, lang), fmt_num(f["odds_ratio"], 2, lang),
            fmt_int(f["ranks"]["coefficient"], lang), fmt_int(f["ranks"]["impurity"], lang),
            fmt_int(f["ranks"]["permutation"], lang), fmt_int(f["ranks"]["shap"], lang)] for f in rows[:top]]
    return _table(HEAD["importance"][lang], out, "lrrrrrr")


def confusion_table(cm: dict, lang: str) -> str:
    """Confusion counts, rows = what happened, columns = the decision."""
    repaid, defaulted = ("Remboursé", "En défaut") if lang == "fr" else ("Repaid", "Defaulted")
    rows = [[repaid, fmt_int(cm["tn"], lang), fmt_int(cm["fp"], lang)],
            [defaulted, fmt_int(cm["fn"], lang), fmt_int(cm["tp"], lang)]]
    return _table(HEAD["confusion"][lang], rows, "lrr")


def fairness_table(groups: list[dict], lang: str) -> str:
    rows = [[group_name(g["attribute"], g["group"], lang), fmt_int(g["n"], lang), fmt_int(g["n_defaulted"], lang),
             fmt_pct(g.get("default_rate"), 1, lang), fmt_num(g["auc"], 3, lang), fmt_pct(g["approval_rate"], 0, lang),
             fmt_pct(g["fnr"], 0, lang), fmt_pct(g["fpr"], 0, lang)] for g in groups]
    return _table(HEAD["fairness"][lang], rows, "lrrrrrrr")


def drift_table(features: list[dict], lang: str) -> str:
    rows = [[("**" + f["label_l"] + "**") if f["flagged"] else f["label_l"], fmt_num(f["psi"], 2, lang),
             fmt_num(f["ks"], 2, lang)] for f in features]
    return _table(HEAD["drift"][lang], rows, "lrr")


PARAMS = {
    "fr": {"n_estimators": "Arbres", "learning_rate": "Taux d'apprentissage", "num_leaves": "Feuilles par arbre",
           "min_child_samples": "Clients min. par feuille", "colsample_bytree": "Part des colonnes",
           "subsample": "Part des lignes", "reg_lambda": "Pénalité L2", "class_weight": "Pondération"},
    "en": {"n_estimators": "Trees", "learning_rate": "Learning rate", "num_leaves": "Leaves per tree",
           "min_child_samples": "Min. clients per leaf", "colsample_bytree": "Column share",
           "subsample": "Row share", "reg_lambda": "L2 penalty", "class_weight": "Class weights"},
}


def params_table(params: dict, lang: str) -> str:
    """The final model's hyper-parameters as a one-row table (integers as counts, floats to 3 significant digits)."""
    names = [k for k in params if k in PARAMS[lang]]

    def value(v: object) -> str:
        if v is None:
            return "aucune" if lang == "fr" else "none"
        if isinstance(v, bool) or isinstance(v, str):
            return str(v)
        if isinstance(v, int):
            return fmt_int(v, lang)
        text = f"{v:.3g}"
        return text.replace(".", ",") if lang == "fr" else text

    return _table([PARAMS[lang][k] for k in names], [[value(params[k]) for k in names]], "r" * len(names))
