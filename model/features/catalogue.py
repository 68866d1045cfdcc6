"""Readable label (en/fr), unit, description and reason group of every input the SQL definitions compute.

The catalogue is data beside the definitions (model/features/sql/catalogue.json) and ships with them
in the artifacts. Raw Kaggle columns without a sentence of their own take their description from
HomeCredit_columns_description.csv when the folder has it.
"""
from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

from model.features.raw_columns import APPLICATION_CATEGORIES as CATEGORICAL
from model.features.raw_columns import APPLICATION_FLAGS as BINARY

CATALOGUE_FILE = Path(__file__).resolve().parent / "sql" / "catalogue.json"


def read_catalogue(path: Path = CATALOGUE_FILE) -> dict:
    """``{"groups": [{group, label, label_fr, description, description_fr}], "outputs": {name: {label, label_fr,
    unit, description, group}}}``."""
    return json.loads(path.read_text(encoding="utf-8"))


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
    outputs = read_catalogue()["outputs"]
    entries = []
    for name in names:
        if name not in outputs:
            raise KeyError(f"feature {name!r} needs an entry in {CATALOGUE_FILE.relative_to(CATALOGUE_FILE.parents[3])}")
        entry = outputs[name]
        entries.append({
            "name": name, "label": entry["label"], "label_fr": entry["label_fr"],
            "description": entry["description"] or kaggle.get(name, entry["label"]),
            "type": _feature_type(name), "unit": entry["unit"], "source": _source(name),
            "categories": categories.get(name), "group": entry["group"],
        })
    return entries


def describe_groups(names: list[str]) -> list[dict]:
    """The reason groups (features.json ``groups``) that ``names`` fall in, in catalogue order."""
    outputs = read_catalogue()["outputs"]
    used = {outputs[name]["group"] for name in names if name in outputs}
    return [group for group in read_catalogue()["groups"] if group["group"] in used]
