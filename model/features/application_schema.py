"""The application schema artifact (application-schema.json): every raw column the SQL reads, per table, with
type, unit, labels, allowed texts, plausible range, required and an example; plus the application's
required and editable columns. The API validates applications with it and serves it to the dashboard.

Run `python -m model.features.application_schema` to print how many sample rows each rule refuses.
"""
from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

import duckdb

from model.config import SAMPLE_DIR
from model.data.load import find_table
from model.features.input_rules import EDITABLE, REQUIRED, RULES, TEXT_FR
from model.features.raw_columns import RAW_COLUMNS

KEYS = ("SK_ID_CURR", "SK_ID_BUREAU", "SK_ID_PREV")
# The client whose values are the examples (the sample's first labelled client).
EXAMPLE_CLIENT = 100002


def _files(data_dir: Path, table: str) -> list[Path]:
    stems = ("application_train", "application_test") if table == "application" else (table,)
    return [p for p in (find_table(data_dir, s) for s in stems) if p is not None]


def _observed_texts(con: duckdb.DuckDBPyConnection, files: list[Path], column: str) -> list[str]:
    texts: set[str] = set()
    for path in files:
        rows = con.execute(f"SELECT DISTINCT \"{column}\" FROM read_csv(?, all_varchar = true, nullstr = [''])",
                           [str(path)]).fetchall()
        texts |= {r[0] for r in rows if r[0] is not None}
    return sorted(texts)


def _example(con: duckdb.DuckDBPyConnection, files: list[Path], table: str, column: str, kind: str):
    if not files:
        return None
    key = "SK_ID_CURR" if table != "bureau_balance" else None
    where = f"WHERE \"{key}\" = {EXAMPLE_CLIENT} AND \"{column}\" IS NOT NULL" if key else f"WHERE \"{column}\" IS NOT NULL"
    value = con.execute(f"SELECT \"{column}\" FROM read_csv(?, all_varchar = true, nullstr = ['']) {where} LIMIT 1",
                        [str(files[0])]).fetchone()
    if value is None:
        value = con.execute(f"SELECT \"{column}\" FROM read_csv(?, all_varchar = true, nullstr = ['']) "
                            f"WHERE \"{column}\" IS NOT NULL LIMIT 1", [str(files[0])]).fetchone()
    if value is None:
        return None
    text = value[0]
    if kind in ("category",) or (kind == "flag" and not _is_number(text)):
        return text
    number = float(text)
    return int(number) if kind in ("integer", "days") or number.is_integer() else number


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def read_descriptions(data_dir: Path) -> dict[str, dict[str, str]]:
    """Kaggle's description of every column, per table (HomeCredit_columns_description.csv(.gz), cp1252)."""
    for name in ("HomeCredit_columns_description.csv", "HomeCredit_columns_description.csv.gz"):
        path = Path(data_dir) / name
        if path.is_file():
            opener = gzip.open if name.endswith(".gz") else open
            with opener(path, "rt", encoding="cp1252", errors="replace", newline="") as handle:
                rows = list(csv.DictReader(handle))
            out: dict[str, dict[str, str]] = {}
            for row in rows:
                table = row.get("Table", "").split(".")[0]
                table = "application" if table.startswith("application") else table
                out.setdefault(table, {})[row["Row"]] = row["Description"].strip()
            return out
    return {}


def build_schema(categories: dict[str, list[str]], data_dir: Path = SAMPLE_DIR) -> dict:
    """The application-schema.json document.

    Parameters
    ----------
    categories : the model's category codes (features.json): every text the model knows is allowed,
        with every text the data holds (a text the model never saw is then a missing input).
    data_dir : a Kaggle folder: its texts are allowed, its column descriptions and its client
        EXAMPLE_CLIENT's values are used.
    """
    descriptions = read_descriptions(data_dir)
    con = duckdb.connect()
    tables = {}
    for table, columns in RAW_COLUMNS.items():
        files = _files(data_dir, table)
        specs = []
        for name in columns:
            if name in KEYS:
                continue
            kind, unit, label, label_fr, low, high = RULES[table][name]
            spec = {"name": name, "type": kind, "unit": unit, "label": label, "label_fr": label_fr,
                    "description": descriptions.get(table, {}).get(name, label)}
            observed = _observed_texts(con, files, name) if kind == "category" or name.startswith("FLAG_OWN") else []
            if kind == "category" or name.startswith("FLAG_OWN"):
                allowed = sorted(set(observed) | set(categories.get(name, [])) | ({"Y", "N"} if kind == "flag" else set()))
                spec["allowed"] = allowed
                spec["allowed_fr"] = [TEXT_FR.get(v, v) for v in allowed]
            if low is not None:
                spec["min"] = low
            if high is not None:
                spec["max"] = high
            spec["required"] = table == "application" and name in REQUIRED
            spec["example"] = _example(con, files, table, name, kind)
            specs.append(spec)
        tables[table] = {"columns": specs}
    con.close()
    return {"tables": tables, "required": list(REQUIRED), "editable": list(EDITABLE)}


def refusals(schema: dict, data_dir: Path = SAMPLE_DIR) -> dict[str, int]:
    """How many rows of the folder each rule of the schema would refuse ("table.column rule": count)."""
    con = duckdb.connect()
    counts: dict[str, int] = {}
    for table, entry in schema["tables"].items():
        for path in _files(data_dir, table):
            checks = {}
            for spec in entry["columns"]:
                col = f"\"{spec['name']}\""
                number = f"TRY_CAST({col} AS DOUBLE)"
                rules = {}
                if spec.get("allowed"):
                    listed = ", ".join("'" + v.replace("'", "''") + "'" for v in spec["allowed"])
                    rules["allowed"] = f"{col} IS NOT NULL AND {col} NOT IN ({listed})"
                if "min" in spec:
                    rules["min"] = f"{number} < {spec['min']}"
                if "max" in spec:
                    rules["max"] = f"{number} > {spec['max']}"
                if spec["type"] in ("number", "integer", "days") or (spec["type"] == "flag" and not spec.get("allowed")):
                    rules["type"] = f"{col} IS NOT NULL AND {number} IS NULL"
                if spec["type"] in ("integer", "days"):
                    rules["integer"] = f"{number} <> round({number})"
                if spec["required"]:
                    rules["required"] = f"{col} IS NULL"
                checks.update({f"{table}.{spec['name']} {rule}": cond for rule, cond in rules.items()})
            select = ", ".join(f"count_if(coalesce({cond}, false))" for cond in checks.values())
            row = con.execute(f"SELECT {select} FROM read_csv(?, all_varchar = true, nullstr = [''])",
                              [str(path)]).fetchone()
            for key, n in zip(checks, row):
                counts[key] = counts.get(key, 0) + int(n)
    con.close()
    return counts


def main() -> int:
    from model.config import ARTIFACTS_DIR
    from model.scoring import load_feature_spec

    _, categories = load_feature_spec(ARTIFACTS_DIR)
    counts = refusals(build_schema(categories))
    refused = {k: v for k, v in counts.items() if v}
    print(f"{len(counts)} rules checked on the sample ({SAMPLE_DIR}); rows refused: "
          f"{sum(refused.values())}" + "".join(f"\n  {k}: {v}" for k, v in refused.items()))
    return 0 if not refused else 1


if __name__ == "__main__":
    sys.exit(main())
