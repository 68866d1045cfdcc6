"""Words the artifacts carry in English only: French feature labels and model names.

features.json labels are English (the API serves them); the French documents need their own.
tests/test_labels.py fails when the model's catalogue gains a feature without a French label.
"""
from __future__ import annotations

FEATURE_LABELS_FR: dict[str, str] = {
    "NAME_CONTRACT_TYPE": "Type de contrat",
    "CODE_GENDER": "Sexe",
    "NAME_INCOME_TYPE": "Type de revenu",
    "NAME_EDUCATION_TYPE": "Niveau d'études",
    "NAME_FAMILY_STATUS": "Situation familiale",
    "NAME_HOUSING_TYPE": "Logement",
    "OCCUPATION_TYPE": "Profession",
    "FLAG_OWN_CAR": "Possède une voiture",
    "FLAG_OWN_REALTY": "Propriétaire de son logement",
    "CNT_CHILDREN": "Nombre d'enfants",
    "AMT_INCOME_TOTAL": "Revenu annuel",
    "AMT_CREDIT": "Montant du crédit",
    "AMT_ANNUITY": "Annuité du prêt",
    "AMT_GOODS_PRICE": "Prix du bien financé",
    "REGION_POPULATION_RELATIVE": "Densité de population de la région",
    "OWN_CAR_AGE": "Âge de la voiture",
    "CNT_FAM_MEMBERS": "Taille du foyer",
    "REGION_RATING_CLIENT_W_CITY": "Note de la région (avec la ville)",
    "EXT_SOURCE_1": "Score externe 1",
    "EXT_SOURCE_2": "Score externe 2",
    "EXT_SOURCE_3": "Score externe 3",
    "FLAG_DOCUMENT_3": "Document 3 fourni",
    "REG_CITY_NOT_WORK_CITY": "Travaille hors de sa ville",
    "FLAG_WORK_PHONE": "Téléphone professionnel fourni",
    "FLAG_PHONE": "Téléphone fixe fourni",
    "DEF_30_CNT_SOCIAL_CIRCLE": "Proches en retard de 30 jours",
    "DEF_60_CNT_SOCIAL_CIRCLE": "Proches en retard de 60 jours",
    "AMT_REQ_CREDIT_BUREAU_YEAR": "Consultations du bureau de crédit sur un an",
    "TOTALAREA_MODE": "Surface de l'immeuble (normalisée)",
    "YEARS_BEGINEXPLUATATION_AVG": "Ancienneté de l'immeuble (normalisée)",
    "FLOORSMAX_AVG": "Étages de l'immeuble (normalisés)",
    "AGE_YEARS": "Âge",
    "EMPLOYMENT_YEARS": "Ancienneté dans l'emploi",
    "NOT_EMPLOYED": "Sans emploi ou retraité",
    "REGISTRATION_YEARS": "Années depuis le changement d'enregistrement",
    "ID_PUBLISH_YEARS": "Années depuis le changement de pièce d'identité",
    "PHONE_CHANGE_YEARS": "Années depuis le changement de téléphone",
    "CREDIT_INCOME_RATIO": "Crédit / revenu",
    "ANNUITY_INCOME_RATIO": "Annuité / revenu",
    "CREDIT_GOODS_RATIO": "Crédit / prix du bien",
    "CREDIT_TERM_YEARS": "Crédit / annuité (durée)",
    "EMPLOYED_AGE_RATIO": "Part de la vie passée dans l'emploi actuel",
    "INCOME_PER_PERSON": "Revenu par membre du foyer",
    "EXT_SOURCE_MEAN": "Scores externes, moyenne",
    "EXT_SOURCE_MIN": "Scores externes, minimum",
    "EXT_SOURCE_MAX": "Scores externes, maximum",
    "BUREAU_CREDIT_COUNT": "Crédits chez d'autres prêteurs",
    "BUREAU_ACTIVE_COUNT": "Crédits actifs chez d'autres prêteurs",
    "BUREAU_YEARS_SINCE_LAST": "Années depuis le dernier crédit extérieur",
    "BUREAU_YEARS_SINCE_FIRST": "Années depuis le premier crédit extérieur",
    "BUREAU_ACTIVE_YEARS_LEFT_MAX": "Années restantes sur les crédits extérieurs",
    "BUREAU_DEBT_SUM": "Dette extérieure",
    "BUREAU_CREDIT_SUM": "Montant des crédits extérieurs",
    "BUREAU_OVERDUE_SUM": "Impayés extérieurs",
    "BUREAU_MAX_OVERDUE": "Plus gros impayé extérieur",
    "BUREAU_PROLONG_COUNT": "Prolongations de crédits extérieurs",
    "BUREAU_LATE_MONTH_SHARE": "Mois de retard chez d'autres prêteurs",
    "BUREAU_WORST_LATENESS": "Pire retard chez d'autres prêteurs",
    "BUREAU_HISTORY_MONTHS": "Mois d'historique au bureau de crédit",
    "BUREAU_DEBT_CREDIT_RATIO": "Dette extérieure / crédits extérieurs",
    "BUREAU_DEBT_INCOME_RATIO": "Dette extérieure / revenu",
    "PREV_APPLICATION_COUNT": "Demandes précédentes",
    "PREV_APPROVED_COUNT": "Demandes précédentes acceptées",
    "PREV_REFUSED_COUNT": "Demandes précédentes refusées",
    "PREV_YEARS_SINCE_LAST": "Années depuis la dernière demande",
    "PREV_YEARS_SINCE_LAST_REFUSAL": "Années depuis le dernier refus",
    "PREV_APPROVED_CREDIT_MEAN": "Montant des crédits précédents",
    "PREV_APPROVED_ANNUITY_MEAN": "Annuité des crédits précédents",
    "PREV_APPROVED_TERM_MEAN": "Durée des crédits précédents",
    "PREV_ASKED_GRANTED_RATIO": "Demandé / accordé (crédits précédents)",
    "PREV_DOWN_PAYMENT_RATE": "Taux d'apport des crédits précédents",
    "PREV_REFUSED_SHARE": "Part des demandes refusées",
    "POS_MONTH_COUNT": "Mois d'historique de prêts en magasin ou en espèces",
    "POS_LATE_MONTH_SHARE": "Mois de retard sur prêts en magasin ou en espèces",
    "POS_MAX_DAYS_LATE": "Plus long retard sur prêts en magasin ou en espèces",
    "POS_MAX_DAYS_LATE_SIGNIFICANT": "Plus long retard significatif sur prêts en magasin ou en espèces",
    "POS_REMAINING_INSTALMENTS": "Échéances restantes sur prêts en magasin ou en espèces",
    "POS_COMPLETED_LOANS": "Prêts en magasin ou en espèces remboursés",
    "CC_MONTH_COUNT": "Mois d'historique de carte de crédit",
    "CC_BALANCE_MEAN": "Solde moyen de la carte",
    "CC_LIMIT_MEAN": "Plafond moyen de la carte",
    "CC_UTILISATION_MEAN": "Utilisation de la carte, moyenne",
    "CC_UTILISATION_MAX": "Utilisation de la carte, maximum",
    "CC_DRAWINGS_MEAN": "Retraits moyens par carte",
    "CC_PAID_MIN_RATIO_MEAN": "Paiement / minimum dû (carte)",
    "CC_LATE_MONTH_SHARE": "Mois de retard sur les cartes",
    "INST_PAYMENT_COUNT": "Échéances payées",
    "INST_LATE_SHARE": "Échéances payées en retard",
    "INST_DAYS_LATE_MEAN": "Retard moyen par échéance",
    "INST_UNDERPAID_SHARE": "Échéances sous-payées",
    "INST_PAID_RATIO_MEAN": "Payé / dû par échéance",
}

MODEL_NAMES = {
    "en": {"dummy": "Dummy (base rate)", "logistic_regression": "Logistic regression",
           "random_forest": "Random forest", "lightgbm": "LightGBM, default parameters",
           "lightgbm_tuned": "LightGBM, searched (nested CV)"},
    "fr": {"dummy": "Référence naïve (taux moyen)", "logistic_regression": "Régression logistique",
           "random_forest": "Forêt aléatoire", "lightgbm": "LightGBM, paramètres par défaut",
           "lightgbm_tuned": "LightGBM, recherche (CV imbriquée)"},
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
        if name not in FEATURE_LABELS_FR:
            raise KeyError(f"no French label for feature {name!r}: add it to docs/tools/labels.py")
        return FEATURE_LABELS_FR[name]
    return catalogue[name]["label"]


def model_name(key: str, lang: str) -> str:
    return MODEL_NAMES[lang].get(key, key)


def weight_name(key: str | None, lang: str) -> str:
    return CLASS_WEIGHTS[lang].get(key or "none", str(key))


def group_name(attribute: str, group: str, lang: str) -> str:
    """A fairness group in words: ``Femmes``, ``25–34 ans``, ``Under 25``."""
    if attribute == "gender":
        return GENDERS[lang].get(group, group)
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
