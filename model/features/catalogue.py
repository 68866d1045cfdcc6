"""Readable label, unit and one-sentence description of every feature the model may use.

Raw Kaggle columns take their description from HomeCredit_columns_description.csv
when the folder has it; engineered features carry their own sentence here.
"""
from __future__ import annotations

import csv
import gzip
from pathlib import Path

from model.features.raw_columns import APPLICATION_CATEGORIES as CATEGORICAL
from model.features.raw_columns import APPLICATION_FLAGS as BINARY
from model.features.labels_fr import FEATURE_LABELS_FR

# name: (label, unit, description or None to use the Kaggle description)
CATALOGUE: dict[str, tuple[str, str | None, str | None]] = {
    "NAME_CONTRACT_TYPE": ("Contract type", None, None),
    "CODE_GENDER": ("Gender", None, None),
    "NAME_INCOME_TYPE": ("Income type", None, None),
    "NAME_EDUCATION_TYPE": ("Education", None, None),
    "NAME_FAMILY_STATUS": ("Family status", None, None),
    "NAME_HOUSING_TYPE": ("Housing situation", None, None),
    "OCCUPATION_TYPE": ("Occupation", None, None),
    "FLAG_OWN_CAR": ("Owns a car", None, None),
    "FLAG_OWN_REALTY": ("Owns a house or flat", None, None),
    "CNT_CHILDREN": ("Number of children", "count", None),
    "AMT_INCOME_TOTAL": ("Annual income", "currency", None),
    "AMT_CREDIT": ("Credit amount", "currency", None),
    "AMT_ANNUITY": ("Loan annuity", "currency", None),
    "AMT_GOODS_PRICE": ("Price of the goods", "currency", None),
    "REGION_POPULATION_RELATIVE": ("Population density of the region", "ratio", None),
    "OWN_CAR_AGE": ("Age of the client's car", "years", None),
    "CNT_FAM_MEMBERS": ("Family members", "count", None),
    "REGION_RATING_CLIENT_W_CITY": ("Region rating (with city)", None, None),
    "EXT_SOURCE_1": ("External score 1", None, None),
    "EXT_SOURCE_2": ("External score 2", None, None),
    "EXT_SOURCE_3": ("External score 3", None, None),
    "FLAG_DOCUMENT_3": ("Provided document 3", None, None),
    "REG_CITY_NOT_WORK_CITY": ("Works outside home city", None, None),
    "FLAG_WORK_PHONE": ("Gave a work phone", None, None),
    "FLAG_PHONE": ("Gave a home phone", None, None),
    "DEF_30_CNT_SOCIAL_CIRCLE": ("Acquaintances 30 days late", "count", None),
    "DEF_60_CNT_SOCIAL_CIRCLE": ("Acquaintances 60 days late", "count", None),
    "AMT_REQ_CREDIT_BUREAU_YEAR": ("Credit bureau enquiries in the last year", "count", None),
    "TOTALAREA_MODE": ("Building total area (normalised)", "ratio", None),
    "YEARS_BEGINEXPLUATATION_AVG": ("Building age indicator (normalised)", "ratio", None),
    "FLOORSMAX_AVG": ("Building floors (normalised)", "ratio", None),
    "AGE_YEARS": ("Age", "years", "Age of the client at application, in years."),
    "EMPLOYMENT_YEARS": ("Years in current job", "years",
                         "Years since the current employment started; missing when not employed or retired."),
    "NOT_EMPLOYED": ("Not employed or retired", None,
                     "1 when the application records no current employment (pensioners, unemployed)."),
    "REGISTRATION_YEARS": ("Years since registration change", "years",
                           "Years since the client last changed their registration."),
    "ID_PUBLISH_YEARS": ("Years since ID document change", "years",
                         "Years since the client last changed the identity document used for the application."),
    "PHONE_CHANGE_YEARS": ("Years since phone change", "years", "Years since the client last changed phone."),
    "CREDIT_INCOME_RATIO": ("Credit / income", "ratio", "Credit amount divided by annual income."),
    "ANNUITY_INCOME_RATIO": ("Annuity / income", "ratio",
                             "Share of the annual income taken by the loan's annuity (debt burden)."),
    "CREDIT_GOODS_RATIO": ("Credit / goods price", "ratio",
                           "Credit amount divided by the price of the goods financed (above 1: fees or extras financed)."),
    "CREDIT_TERM_YEARS": ("Credit / annuity", "years",
                          "Credit amount divided by the annuity: roughly the repayment length in years."),
    "EMPLOYED_AGE_RATIO": ("Share of life in current job", "ratio",
                           "Years in the current job divided by the client's age."),
    "INCOME_PER_PERSON": ("Income per family member", "currency",
                          "Annual income divided by the number of family members."),
    "EXT_SOURCE_MEAN": ("External scores, mean", None, "Mean of the available external scores 1 to 3."),
    "EXT_SOURCE_MIN": ("External scores, lowest", None, "Lowest of the available external scores 1 to 3."),
    "EXT_SOURCE_MAX": ("External scores, highest", None, "Highest of the available external scores 1 to 3."),
    "BUREAU_CREDIT_COUNT": ("Credits at other lenders", "count",
                            "Number of credits reported by the credit bureau; missing when the bureau knows none."),
    "BUREAU_ACTIVE_COUNT": ("Active credits at other lenders", "count",
                            "Number of credits at other lenders that are still running."),
    "BUREAU_YEARS_SINCE_LAST": ("Years since last outside credit", "years",
                                "Years since the most recent credit at another lender was opened."),
    "BUREAU_YEARS_SINCE_FIRST": ("Years since first outside credit", "years",
                                 "Years since the oldest credit known to the bureau was opened."),
    "BUREAU_ACTIVE_YEARS_LEFT_MAX": ("Years left on outside credits", "years",
                                     "Longest remaining duration among active credits at other lenders."),
    "BUREAU_DEBT_SUM": ("Outside debt", "currency", "Total debt still owed on active credits at other lenders."),
    "BUREAU_CREDIT_SUM": ("Outside credit amount", "currency",
                          "Total amount of all credits the bureau knows, active or closed."),
    "BUREAU_OVERDUE_SUM": ("Outside amount overdue", "currency",
                           "Amount currently overdue on credits at other lenders."),
    "BUREAU_MAX_OVERDUE": ("Largest outside overdue amount", "currency",
                           "Largest amount ever overdue on a credit at another lender."),
    "BUREAU_PROLONG_COUNT": ("Outside credit extensions", "count",
                             "Number of times credits at other lenders were prolonged."),
    "BUREAU_LATE_MONTH_SHARE": ("Late months at other lenders", "ratio",
                                "Share of the monthly bureau records showing a late payment."),
    "BUREAU_WORST_LATENESS": ("Worst lateness at other lenders", None,
                              "Worst monthly lateness level in the bureau history (0 = never late, 5 = over 120 days)."),
    "BUREAU_HISTORY_MONTHS": ("Months of bureau history", "months",
                              "Number of monthly records in the credit bureau history."),
    "BUREAU_DEBT_CREDIT_RATIO": ("Outside debt / outside credit", "ratio",
                                 "Debt still owed at other lenders divided by the total credit they granted."),
    "BUREAU_DEBT_INCOME_RATIO": ("Outside debt / income", "ratio",
                                 "Debt still owed at other lenders divided by annual income."),
    "PREV_APPLICATION_COUNT": ("Previous applications", "count",
                               "Number of earlier applications at Home Credit; missing when none."),
    "PREV_APPROVED_COUNT": ("Previous approvals", "count", "Number of earlier applications that were approved."),
    "PREV_REFUSED_COUNT": ("Previous refusals", "count", "Number of earlier applications that were refused."),
    "PREV_REFUSED_SHARE": ("Share of previous refusals", "ratio",
                           "Refused earlier applications divided by all earlier applications."),
    "PREV_YEARS_SINCE_LAST": ("Years since last application", "years",
                              "Years since the most recent earlier application was decided."),
    "PREV_YEARS_SINCE_LAST_REFUSAL": ("Years since last refusal", "years",
                                      "Years since the most recent refused application; missing when never refused."),
    "PREV_APPROVED_CREDIT_MEAN": ("Previous credit amount", "currency",
                                  "Average amount of earlier approved credits."),
    "PREV_APPROVED_ANNUITY_MEAN": ("Previous annuity", "currency", "Average annuity of earlier approved credits."),
    "PREV_APPROVED_TERM_MEAN": ("Previous credit length", "months",
                                "Average number of instalments of earlier approved credits."),
    "PREV_ASKED_GRANTED_RATIO": ("Asked / granted on previous credits", "ratio",
                                 "Amount asked divided by amount granted, averaged over earlier applications."),
    "PREV_DOWN_PAYMENT_RATE": ("Previous down payment rate", "ratio",
                               "Average down payment rate of earlier applications."),
    "POS_MONTH_COUNT": ("Months of POS/cash loan history", "months",
                        "Number of monthly snapshots of earlier point-of-sale and cash loans."),
    "POS_LATE_MONTH_SHARE": ("Late months on POS/cash loans", "ratio",
                             "Share of monthly snapshots of POS and cash loans with a payment past due."),
    "POS_MAX_DAYS_LATE": ("Most days late on POS/cash loans", "days",
                          "Largest number of days past due on earlier POS and cash loans."),
    "POS_MAX_DAYS_LATE_SIGNIFICANT": ("Most days late on POS/cash loans (significant debt)", "days",
                                      "Largest days past due ignoring small amounts, on POS and cash loans."),
    "POS_REMAINING_INSTALMENTS": ("Instalments left on POS/cash loans", "count",
                                  "Instalments still due on earlier POS and cash loans at their latest snapshot."),
    "POS_COMPLETED_LOANS": ("Completed POS/cash loans", "count",
                            "Number of earlier POS and cash loans whose latest status is completed."),
    "CC_MONTH_COUNT": ("Months of credit card history", "months",
                       "Number of monthly snapshots of Home Credit credit cards."),
    "CC_BALANCE_MEAN": ("Average card balance", "currency", "Average monthly balance on Home Credit credit cards."),
    "CC_LIMIT_MEAN": ("Average card limit", "currency", "Average credit card limit."),
    "CC_UTILISATION_MEAN": ("Card utilisation, average", "ratio",
                            "Average of balance divided by credit limit, over the monthly snapshots."),
    "CC_UTILISATION_MAX": ("Card utilisation, highest", "ratio",
                           "Highest monthly balance divided by credit limit."),
    "CC_DRAWINGS_MEAN": ("Average card drawings", "currency", "Average amount drawn on the card per month."),
    "CC_PAID_MIN_RATIO_MEAN": ("Card payment / minimum due", "ratio",
                               "Average of the amount paid divided by the minimum instalment due."),
    "CC_LATE_MONTH_SHARE": ("Late months on cards", "ratio",
                            "Share of monthly card snapshots with a payment past due."),
    "INST_PAYMENT_COUNT": ("Instalments paid", "count", "Number of instalment payments on earlier credits."),
    "INST_LATE_SHARE": ("Late instalments", "ratio", "Share of instalments paid after their due date."),
    "INST_DAYS_LATE_MEAN": ("Average days late per instalment", "days",
                            "Average number of days an instalment was paid after its due date."),
    "INST_UNDERPAID_SHARE": ("Underpaid instalments", "ratio",
                             "Share of instalments where less than the amount due was paid."),
    "INST_PAID_RATIO_MEAN": ("Paid / due per instalment", "ratio",
                             "Average amount paid divided by the amount due."),
}


def read_kaggle_descriptions(data_dir: Path) -> dict[str, str]:
    """Column descriptions from HomeCredit_columns_description.csv(.gz) (cp1252, as Kaggle ships it)."""
    for name in ("HomeCredit_columns_description.csv", "HomeCredit_columns_description.csv.gz"):
        path = data_dir / name
        if path.is_file():
            opener = gzip.open if name.endswith(".gz") else open
            with opener(path, "rt", encoding="cp1252", errors="replace", newline="") as handle:
                rows = list(csv.DictReader(handle))
            return {row["Row"]: row["Description"].strip() for row in rows
                    if row.get("Table", "").startswith("application")}
    return {}


def _feature_type(name: str) -> str:
    if name in CATEGORICAL:
        return "category"
    if name in BINARY or name.startswith("FLAG_") or name in ("NOT_EMPLOYED", "REG_CITY_NOT_WORK_CITY"):
        return "binary"
    return "numeric"


def _source(name: str) -> str:
    prefixes = {"BUREAU_": "bureau", "PREV_": "previous_application", "POS_": "POS_CASH_balance",
                "CC_": "credit_card_balance", "INST_": "installments_payments"}
    for prefix, table in prefixes.items():
        if name.startswith(prefix):
            return table
    return "application"


def describe_features(names: list[str], categories: dict[str, list[str]], data_dir: Path) -> list[dict]:
    """The feature catalogue (features.json entries) for ``names``, in that order.

    Raises
    ------
    KeyError
        When a feature has no catalogue entry: every model input must be explainable.
    """
    kaggle = read_kaggle_descriptions(data_dir)
    entries = []
    for name in names:
        if name not in CATALOGUE or name not in FEATURE_LABELS_FR:
            raise KeyError(f"feature {name!r} needs an entry in model/features/catalogue.py and labels_fr.py")
        label, unit, description = CATALOGUE[name]
        entries.append({
            "name": name, "label": label, "label_fr": FEATURE_LABELS_FR[name],
            "description": description or kaggle.get(name, label),
            "type": _feature_type(name), "unit": unit, "source": _source(name),
            "categories": categories.get(name),
        })
    return entries
