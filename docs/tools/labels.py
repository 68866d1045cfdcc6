"""Words the artifacts carry in English only: model names, groups, contracts, tables.

Feature labels come from features.json in both languages (``label`` and ``label_fr``, written
by model/features/catalogue.py).
"""
from __future__ import annotations


MODEL_NAMES = {
    "en": {"dummy": "Dummy (base rate)", "logistic_regression": "Logistic regression, hand-set",
           "random_forest": "Random forest, hand-set", "lightgbm": "LightGBM, hand-set",
           "logistic_regression_tuned": "Logistic regression, optimised",
           "random_forest_tuned": "Random forest, optimised", "lightgbm_tuned": "LightGBM, optimised",
           "lightgbm_monotone": "LightGBM, optimised, monotone", "lightgbm_bagged": "LightGBM, optimised, 5 seeds"},
    "fr": {"dummy": "Référence naïve (taux moyen)", "logistic_regression": "Régression logistique, réglée à la main",
           "random_forest": "Forêt aléatoire, réglée à la main", "lightgbm": "LightGBM, réglé à la main",
           "logistic_regression_tuned": "Régression logistique optimisée",
           "random_forest_tuned": "Forêt aléatoire optimisée", "lightgbm_tuned": "LightGBM optimisé",
           "lightgbm_monotone": "LightGBM optimisé, monotone", "lightgbm_bagged": "LightGBM optimisé, 5 graines"},
}

FAMILY_STATUS = {
    "en": {"Married": "Married", "Civil marriage": "Civil union", "Single / not married": "Single",
           "Separated": "Separated", "Widow": "Widowed", "unknown": "Unknown"},
    "fr": {"Married": "Marié(e)", "Civil marriage": "Union civile", "Single / not married": "Célibataire",
           "Separated": "Séparé(e)", "Widow": "Veuf ou veuve", "unknown": "Inconnu"},
}

CLASS_WEIGHTS = {
    "en": {"none": "none", "balanced": "balanced", "searched": "searched"},
    "fr": {"none": "aucune", "balanced": "équilibrée", "searched": "recherchée"},
}

GENDERS = {"en": {"F": "Women", "M": "Men"}, "fr": {"F": "Femmes", "M": "Hommes"}}

CONTRACT_TYPES = {"en": {"Cash loans": "cash loan", "Revolving loans": "revolving credit"},
                  "fr": {"Cash loans": "prêt personnel", "Revolving loans": "crédit renouvelable"}}

# Table names of the Kaggle data, as a reader knows them.
TABLES = {
    "en": {"application": "application form", "bureau": "credit bureau", "bureau_balance": "bureau monthly balance",
           "previous_application": "previous applications", "POS_CASH_balance": "POS and cash loans",
           "credit_card_balance": "credit cards", "installments_payments": "instalment payments"},
    "fr": {"application": "dossier de demande", "bureau": "bureau de crédit", "bureau_balance": "soldes mensuels du bureau",
           "previous_application": "demandes précédentes", "POS_CASH_balance": "prêts en magasin et en espèces",
           "credit_card_balance": "cartes de crédit", "installments_payments": "échéances payées"},
}


def feature_label(name: str, lang: str, catalogue: dict[str, dict]) -> str:
    """The feature's label in ``lang``; English comes from features.json."""
    if lang == "fr":
        if not catalogue[name].get("label_fr"):
            raise KeyError(f"no French label for feature {name!r}: add it to model/features/labels_fr.py")
        return catalogue[name]["label_fr"]
    return catalogue[name]["label"]


def model_name(key: str, lang: str) -> str:
    return MODEL_NAMES[lang].get(key, key)


def weight_name(key: str | None, lang: str) -> str:
    return CLASS_WEIGHTS[lang].get(key or "none", str(key))


def group_name(attribute: str, group: str, lang: str) -> str:
    """A fairness group in words: ``Femmes``, ``25–34 ans``, ``Under 25``."""
    if attribute == "gender":
        return GENDERS[lang].get(group, group)
    if attribute == "family_status":
        return FAMILY_STATUS[lang].get(group, group)
    if attribute == "age_band":
        if group.startswith("<"):
            return f"Moins de {group[1:]} ans" if lang == "fr" else f"Under {group[1:]}"
        if group.endswith("+"):
            return f"{group[:-1]} ans et plus" if lang == "fr" else f"{group[:-1]} and over"
        return f"{group.replace('-', '–')} ans" if lang == "fr" else f"Aged {group.replace('-', '–')}"
    return group


def contract_name(value: str | None, lang: str) -> str:
    return CONTRACT_TYPES[lang].get(value or "", value or ("contrat inconnu" if lang == "fr" else "unknown contract"))


def table_name(key: str, lang: str) -> str:
    return TABLES[lang].get(key, key)
