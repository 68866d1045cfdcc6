"""French labels of the category values, for the dashboard, the API and the printed report.

The Kaggle tables write categories in English ("Cash loans", "Laborers"); an advisor reads
French. The labels sit in the model package, beside the feature labels (features/sql/catalogue.json), so the
list, the client page, the charts and the report all show the same words, and a category the
catalogue does not know is visible as such (``categories_fr`` falls back to the English text
and ``missing_category_labels_fr`` names it for the tests).
"""

CATEGORY_LABELS_FR: dict[str, dict[str, str]] = {
    "NAME_CONTRACT_TYPE": {
        "Cash loans": "Prêt personnel",
        "Revolving loans": "Crédit renouvelable",
    },
    "CODE_GENDER": {"F": "Femme", "M": "Homme", "XNA": "Non renseigné"},
    "NAME_INCOME_TYPE": {
        "Businessman": "Chef d'entreprise",
        "Commercial associate": "Commercial",
        "Maternity leave": "Congé maternité",
        "Pensioner": "Retraité",
        "State servant": "Fonctionnaire",
        "Student": "Étudiant",
        "Unemployed": "Sans emploi",
        "Working": "Salarié",
    },
    "NAME_EDUCATION_TYPE": {
        "Academic degree": "Diplôme universitaire supérieur",
        "Higher education": "Études supérieures",
        "Incomplete higher": "Études supérieures non terminées",
        "Lower secondary": "Collège",
        "Secondary / secondary special": "Lycée ou formation professionnelle",
    },
    "NAME_FAMILY_STATUS": {
        "Civil marriage": "Union civile",
        "Married": "Marié(e)",
        "Separated": "Séparé(e)",
        "Single / not married": "Célibataire",
        "Unknown": "Non renseigné",
        "Widow": "Veuf ou veuve",
    },
    "NAME_HOUSING_TYPE": {
        "Co-op apartment": "Appartement en coopérative",
        "House / apartment": "Maison ou appartement",
        "Municipal apartment": "Logement social",
        "Office apartment": "Logement de fonction",
        "Rented apartment": "Location",
        "With parents": "Chez les parents",
    },
    "OCCUPATION_TYPE": {
        "Accountants": "Comptable",
        "Cleaning staff": "Agent d'entretien",
        "Cooking staff": "Cuisinier",
        "Core staff": "Employé",
        "Drivers": "Chauffeur",
        "HR staff": "Ressources humaines",
        "High skill tech staff": "Technicien qualifié",
        "IT staff": "Informaticien",
        "Laborers": "Ouvrier",
        "Low-skill Laborers": "Ouvrier non qualifié",
        "Managers": "Cadre",
        "Medicine staff": "Personnel médical",
        "Private service staff": "Services à la personne",
        "Realty agents": "Agent immobilier",
        "Sales staff": "Vendeur",
        "Secretaries": "Secrétaire",
        "Security staff": "Agent de sécurité",
        "Waiters/barmen staff": "Serveur ou barman",
    },
}


def missing_category_labels_fr(catalogue: list[dict]) -> list[str]:
    """``FEATURE: value`` for every category value of ``catalogue`` without a French label."""
    missing = []
    for entry in catalogue:
        for value in _values(entry.get("categories")):
            if value not in CATEGORY_LABELS_FR.get(entry["name"], {}):
                missing.append(f"{entry['name']}: {value}")
    return missing


def with_category_labels_fr(catalogue: list[dict]) -> list[dict]:
    """Copies of the features.json entries with ``categories_fr``: the French label of each value.

    ``categories_fr`` has the shape of ``categories`` (a list by code, or a mapping code -> text),
    and ``None`` where ``categories`` is ``None``. A value without a French label keeps its text.
    """
    out = []
    for entry in catalogue:
        labels = CATEGORY_LABELS_FR.get(entry["name"], {})
        categories = entry.get("categories")
        if categories is None:
            french = None
        elif isinstance(categories, dict):
            french = {code: labels.get(value, value) for code, value in categories.items()}
        else:
            french = [labels.get(value, value) for value in categories]
        out.append({**entry, "categories_fr": french})
    return out


def _values(categories) -> list[str]:
    if categories is None:
        return []
    return list(categories.values()) if isinstance(categories, dict) else list(categories)
