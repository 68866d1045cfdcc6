"""What the API accepts in each raw column the SQL reads: type, unit, labels, plausible range, required,
editable. application_schema.py turns these rules (with the allowed texts found in the data and the
model's categories) into application-schema.json.

Ranges are wide on purpose: they refuse what cannot be true (a negative amount, a score outside
[0, 1], an age outside 18-100), and every application of the sample passes them (see
``refusals`` and its test).
"""
from __future__ import annotations

AMOUNT_MAX = 1e9
DAYS_100_YEARS = 36525
# Age 18 to 100 at application: DAYS_BIRTH between -100 and -18 years of days (rounded inward).
DAYS_BIRTH_RANGE = (-36525, -6575)
# DAYS_EMPLOYED: up to 0 (days before the application), or 365243, Kaggle's "not employed" placeholder.
DAYS_EMPLOYED_RANGE = (-DAYS_100_YEARS, 365243)

# column: (type, unit, label, label_fr, min, max)
_A = {
    "NAME_CONTRACT_TYPE": ("category", None, "Contract type", "Type de contrat", None, None),
    "CODE_GENDER": ("category", None, "Gender", "Sexe", None, None),
    "NAME_INCOME_TYPE": ("category", None, "Income type", "Type de revenu", None, None),
    "NAME_EDUCATION_TYPE": ("category", None, "Education", "Niveau d'études", None, None),
    "NAME_FAMILY_STATUS": ("category", None, "Family status", "Situation familiale", None, None),
    "NAME_HOUSING_TYPE": ("category", None, "Housing situation", "Logement", None, None),
    "OCCUPATION_TYPE": ("category", None, "Occupation", "Profession", None, None),
    "FLAG_OWN_CAR": ("flag", None, "Owns a car", "Possède une voiture", None, None),
    "FLAG_OWN_REALTY": ("flag", None, "Owns a house or flat", "Propriétaire de son logement", None, None),
    "CNT_CHILDREN": ("integer", "count", "Number of children", "Nombre d'enfants", 0, 20),
    "AMT_INCOME_TOTAL": ("number", "currency", "Annual income", "Revenu annuel", 0, AMOUNT_MAX),
    "AMT_CREDIT": ("number", "currency", "Credit amount", "Montant du crédit", 0, AMOUNT_MAX),
    "AMT_ANNUITY": ("number", "currency", "Loan annuity", "Annuité du prêt", 0, AMOUNT_MAX),
    "AMT_GOODS_PRICE": ("number", "currency", "Price of the goods", "Prix du bien financé", 0, AMOUNT_MAX),
    "REGION_POPULATION_RELATIVE": ("number", "ratio", "Population density of the region",
                                   "Densité de population de la région", 0, 1),
    "DAYS_BIRTH": ("days", "days", "Birth date (days before the application)",
                   "Date de naissance (jours avant la demande)", *DAYS_BIRTH_RANGE),
    "DAYS_EMPLOYED": ("days", "days", "Start of current employment (days before; 365243 = not employed)",
                      "Début de l'emploi actuel (jours avant ; 365243 = sans emploi)", *DAYS_EMPLOYED_RANGE),
    "DAYS_REGISTRATION": ("days", "days", "Registration change (days before)",
                          "Changement d'enregistrement (jours avant)", -DAYS_100_YEARS, 0),
    "DAYS_ID_PUBLISH": ("days", "days", "ID document change (days before)",
                        "Changement de pièce d'identité (jours avant)", -DAYS_100_YEARS, 0),
    "OWN_CAR_AGE": ("number", "years", "Age of the car", "Âge de la voiture", 0, 100),
    "CNT_FAM_MEMBERS": ("integer", "count", "Family members", "Taille du foyer", 1, 30),
    "REGION_RATING_CLIENT_W_CITY": ("integer", None, "Region rating (with city)", "Note de la région (avec la ville)",
                                    1, 3),
    "EXT_SOURCE_1": ("number", None, "External score 1", "Score externe 1", 0, 1),
    "EXT_SOURCE_2": ("number", None, "External score 2", "Score externe 2", 0, 1),
    "EXT_SOURCE_3": ("number", None, "External score 3", "Score externe 3", 0, 1),
    "DAYS_LAST_PHONE_CHANGE": ("days", "days", "Phone change (days before)", "Changement de téléphone (jours avant)",
                               -DAYS_100_YEARS, 0),
    "FLAG_DOCUMENT_3": ("flag", None, "Provided document 3", "Document 3 fourni", 0, 1),
    "REG_CITY_NOT_WORK_CITY": ("flag", None, "Works outside home city", "Travaille hors de sa ville", 0, 1),
    "FLAG_WORK_PHONE": ("flag", None, "Gave a work phone", "Téléphone professionnel fourni", 0, 1),
    "FLAG_PHONE": ("flag", None, "Gave a home phone", "Téléphone fixe fourni", 0, 1),
    "DEF_30_CNT_SOCIAL_CIRCLE": ("integer", "count", "Acquaintances 30 days late", "Proches en retard de 30 jours",
                                 0, 1000),
    "DEF_60_CNT_SOCIAL_CIRCLE": ("integer", "count", "Acquaintances 60 days late", "Proches en retard de 60 jours",
                                 0, 1000),
    "AMT_REQ_CREDIT_BUREAU_YEAR": ("integer", "count", "Credit bureau enquiries in the last year",
                                   "Consultations du bureau de crédit sur un an", 0, 1000),
    "TOTALAREA_MODE": ("number", "ratio", "Building total area (normalised)", "Surface de l'immeuble (normalisée)",
                       0, 1),
    "YEARS_BEGINEXPLUATATION_AVG": ("number", "ratio", "Building age indicator (normalised)",
                                    "Ancienneté de l'immeuble (normalisée)", 0, 1),
    "FLOORSMAX_AVG": ("number", "ratio", "Building floors (normalised)", "Étages de l'immeuble (normalisés)", 0, 1),
}
_DAYS_BEFORE = (-DAYS_100_YEARS, 0)
_MONTHS_BEFORE = (-1200, 0)
RULES: dict[str, dict[str, tuple]] = {
    "application": _A,
    "bureau": {
        "CREDIT_ACTIVE": ("category", None, "Credit status", "État du crédit", None, None),
        "DAYS_CREDIT": ("days", "days", "Credit granted (days before)", "Crédit accordé (jours avant)", *_DAYS_BEFORE),
        "DAYS_CREDIT_ENDDATE": ("days", "days", "Credit end (days from the application)",
                                "Fin du crédit (jours depuis la demande)", -DAYS_100_YEARS, DAYS_100_YEARS),
        "AMT_CREDIT_MAX_OVERDUE": ("number", "currency", "Largest amount overdue", "Plus gros impayé", 0, AMOUNT_MAX),
        "CNT_CREDIT_PROLONG": ("integer", "count", "Prolongations", "Prolongations", 0, 1000),
        "AMT_CREDIT_SUM": ("number", "currency", "Credit amount", "Montant du crédit", 0, AMOUNT_MAX),
        # Negative when the client has paid more than owed (the sample has such credits).
        "AMT_CREDIT_SUM_DEBT": ("number", "currency", "Debt still owed", "Dette restante", -AMOUNT_MAX, AMOUNT_MAX),
        "AMT_CREDIT_SUM_OVERDUE": ("number", "currency", "Amount overdue", "Montant en retard", 0, AMOUNT_MAX),
    },
    "bureau_balance": {
        "MONTHS_BALANCE": ("integer", "months", "Month (before the application)", "Mois (avant la demande)",
                           *_MONTHS_BEFORE),
        "STATUS": ("category", None, "Status of the month", "Statut du mois", None, None),
    },
    "previous_application": {
        "NAME_CONTRACT_STATUS": ("category", None, "Decision", "Décision", None, None),
        "DAYS_DECISION": ("days", "days", "Decision (days before)", "Décision (jours avant)", *_DAYS_BEFORE),
        "AMT_APPLICATION": ("number", "currency", "Amount asked", "Montant demandé", 0, AMOUNT_MAX),
        "AMT_CREDIT": ("number", "currency", "Amount granted", "Montant accordé", 0, AMOUNT_MAX),
        "AMT_ANNUITY": ("number", "currency", "Annuity", "Annuité", 0, AMOUNT_MAX),
        "CNT_PAYMENT": ("integer", "count", "Number of instalments", "Nombre d'échéances", 0, 1200),
        "RATE_DOWN_PAYMENT": ("number", "ratio", "Down payment rate", "Taux d'apport", -0.01, 1),
    },
    "POS_CASH_balance": {
        "MONTHS_BALANCE": ("integer", "months", "Month (before the application)", "Mois (avant la demande)",
                           *_MONTHS_BEFORE),
        "CNT_INSTALMENT_FUTURE": ("integer", "count", "Instalments still due", "Échéances restantes", 0, 1200),
        "NAME_CONTRACT_STATUS": ("category", None, "Loan status", "État du prêt", None, None),
        "SK_DPD": ("integer", "days", "Days past due", "Jours de retard", 0, DAYS_100_YEARS),
        "SK_DPD_DEF": ("integer", "days", "Days past due (significant debt)", "Jours de retard (dette significative)",
                       0, DAYS_100_YEARS),
    },
    "credit_card_balance": {
        "MONTHS_BALANCE": ("integer", "months", "Month (before the application)", "Mois (avant la demande)",
                           *_MONTHS_BEFORE),
        # Negative when the card is in credit (the sample has such months).
        "AMT_BALANCE": ("number", "currency", "Balance", "Solde", -AMOUNT_MAX, AMOUNT_MAX),
        "AMT_CREDIT_LIMIT_ACTUAL": ("number", "currency", "Credit limit", "Plafond", 0, AMOUNT_MAX),
        "AMT_DRAWINGS_CURRENT": ("number", "currency", "Drawings in the month", "Retraits du mois",
                                 -AMOUNT_MAX, AMOUNT_MAX),
        "AMT_INST_MIN_REGULARITY": ("number", "currency", "Minimum instalment", "Échéance minimale", 0, AMOUNT_MAX),
        "AMT_PAYMENT_TOTAL_CURRENT": ("number", "currency", "Amount paid in the month", "Montant payé dans le mois",
                                      0, AMOUNT_MAX),
        "SK_DPD": ("integer", "days", "Days past due", "Jours de retard", 0, DAYS_100_YEARS),
    },
    "installments_payments": {
        "DAYS_INSTALMENT": ("days", "days", "Due day (days before)", "Échéance (jours avant)", *_DAYS_BEFORE),
        "DAYS_ENTRY_PAYMENT": ("days", "days", "Payment day (days before)", "Paiement (jours avant)", *_DAYS_BEFORE),
        "AMT_INSTALMENT": ("number", "currency", "Amount due", "Montant dû", 0, AMOUNT_MAX),
        "AMT_PAYMENT": ("number", "currency", "Amount paid", "Montant payé", 0, AMOUNT_MAX),
    },
}

# Without these an application is not scored (the sample's applications all have them). Gender and
# family status are not asked for: protected attributes are never required.
REQUIRED = ("NAME_CONTRACT_TYPE", "AMT_CREDIT", "AMT_INCOME_TOTAL", "NAME_INCOME_TYPE", "DAYS_BIRTH",
            "DAYS_EMPLOYED", "CNT_CHILDREN", "CNT_FAM_MEMBERS", "NAME_EDUCATION_TYPE", "NAME_HOUSING_TYPE")
# What a what-if may change: the loan terms, income, household and employment.
EDITABLE = ("AMT_CREDIT", "AMT_ANNUITY", "AMT_GOODS_PRICE", "NAME_CONTRACT_TYPE", "AMT_INCOME_TOTAL",
            "NAME_INCOME_TYPE", "CNT_CHILDREN", "CNT_FAM_MEMBERS", "DAYS_EMPLOYED", "OCCUPATION_TYPE")

# French labels of the category texts (the texts themselves travel unchanged).
TEXT_FR = {
    "Cash loans": "Prêt personnel", "Revolving loans": "Crédit renouvelable", "F": "Femme", "M": "Homme",
    "Y": "Oui", "N": "Non", "XNA": "Non renseigné", "XAP": "Sans objet",
    "Commercial associate": "Associé commercial", "Pensioner": "Retraité", "State servant": "Fonctionnaire",
    "Unemployed": "Sans emploi", "Working": "Salarié", "Businessman": "Chef d'entreprise", "Student": "Étudiant",
    "Maternity leave": "Congé maternité",
    "Academic degree": "Doctorat", "Higher education": "Études supérieures",
    "Incomplete higher": "Études supérieures non terminées", "Lower secondary": "Collège",
    "Secondary / secondary special": "Lycée ou professionnel",
    "Civil marriage": "Union civile", "Married": "Marié(e)", "Separated": "Séparé(e)",
    "Single / not married": "Célibataire", "Widow": "Veuf ou veuve", "Unknown": "Inconnu",
    "Co-op apartment": "Appartement coopératif", "House / apartment": "Maison ou appartement",
    "Municipal apartment": "Logement municipal", "Office apartment": "Logement de fonction",
    "Rented apartment": "Location", "With parents": "Chez ses parents",
    "Accountants": "Comptable", "Cleaning staff": "Agent d'entretien", "Cooking staff": "Cuisinier",
    "Core staff": "Employé", "Drivers": "Chauffeur", "HR staff": "Ressources humaines",
    "High skill tech staff": "Technicien qualifié", "IT staff": "Informaticien", "Laborers": "Ouvrier",
    "Low-skill Laborers": "Ouvrier non qualifié", "Managers": "Cadre", "Medicine staff": "Personnel médical",
    "Private service staff": "Services à la personne", "Realty agents": "Agent immobilier",
    "Sales staff": "Commercial", "Secretaries": "Secrétaire", "Security staff": "Agent de sécurité",
    "Waiters/barmen staff": "Serveur ou barman",
    "Active": "En cours", "Closed": "Clos", "Sold": "Cédé", "Bad debt": "Créance irrécouvrable",
    "Approved": "Accepté", "Refused": "Refusé", "Canceled": "Annulé", "Unused offer": "Offre non utilisée",
    "Completed": "Remboursé", "Signed": "Signé", "Returned to the store": "Retourné au magasin", "Demand": "Mise en demeure",
    "Amortized debt": "Dette amortie", "Sent proposal": "Proposition envoyée",
    "0": "Aucun retard", "1": "1 à 30 jours de retard", "2": "31 à 60 jours de retard", "3": "61 à 90 jours de retard",
    "4": "91 à 120 jours de retard", "5": "Plus de 120 jours de retard ou cédé", "C": "Clos", "X": "Inconnu",
}
