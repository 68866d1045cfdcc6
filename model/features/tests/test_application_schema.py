"""The application schema: complete for the SQL, and accepting every application of the sample."""
import copy
import json

import pytest

from model.config import ARTIFACTS_DIR
from model.features.application_schema import KEYS, build_schema, refusals
from model.features.raw_columns import RAW_COLUMNS

TYPES = {"number", "integer", "category", "flag", "days"}


@pytest.fixture(scope="module")
def schema() -> dict:
    features = json.loads((ARTIFACTS_DIR / "features.json").read_text(encoding="utf-8"))["features"]
    return build_schema({f["name"]: f["categories"] for f in features if f.get("categories")})


def test_every_raw_column_the_sql_reads_is_described(schema):
    for table, columns in RAW_COLUMNS.items():
        described = [c["name"] for c in schema["tables"][table]["columns"]]
        assert described == [c for c in columns if c not in KEYS]
    for spec in (c for t in schema["tables"].values() for c in t["columns"]):
        assert spec["type"] in TYPES and spec["label"] and spec["label_fr"] and spec["description"]
        if spec["type"] == "category":
            assert spec["allowed"] and len(spec["allowed_fr"]) == len(spec["allowed"])
        if "min" in spec and "max" in spec:
            assert spec["min"] <= spec["max"]
    application = {c["name"] for c in schema["tables"]["application"]["columns"]}
    assert set(schema["required"]) <= application and set(schema["editable"]) <= application
    assert {"AMT_CREDIT", "AMT_INCOME_TOTAL", "DAYS_BIRTH", "DAYS_EMPLOYED"} <= set(schema["required"])
    assert {"AMT_CREDIT", "AMT_ANNUITY", "AMT_GOODS_PRICE", "CNT_CHILDREN"} <= set(schema["editable"])


def test_plausibility_rules_refuse_what_cannot_be_true(schema):
    by_name = {c["name"]: c for c in schema["tables"]["application"]["columns"]}
    assert (by_name["EXT_SOURCE_2"]["min"], by_name["EXT_SOURCE_2"]["max"]) == (0, 1)
    assert by_name["AMT_CREDIT"]["min"] == 0 and by_name["AMT_INCOME_TOTAL"]["min"] == 0
    low, high = by_name["DAYS_BIRTH"]["min"], by_name["DAYS_BIRTH"]["max"]
    assert 99.9 < -low / 365.25 <= 100 and 18 <= -high / 365.25 < 18.01
    assert by_name["NAME_CONTRACT_TYPE"]["allowed"] == ["Cash loans", "Revolving loans"]
    assert by_name["FLAG_OWN_CAR"]["allowed"] == ["N", "Y"] and by_name["FLAG_OWN_CAR"]["example"] in ("N", "Y")
    assert by_name["AMT_CREDIT"]["example"] == 406597.5  # client 100002


def test_every_sample_application_and_history_row_is_accepted(schema):
    counts = refusals(schema)
    assert len(counts) > 150
    assert {rule: n for rule, n in counts.items() if n} == {}


def test_a_stricter_rule_is_counted(schema):
    strict = copy.deepcopy(schema)
    bureau = {c["name"]: c for c in strict["tables"]["bureau"]["columns"]}
    bureau["AMT_CREDIT_SUM_DEBT"]["min"] = 0
    application = {c["name"]: c for c in strict["tables"]["application"]["columns"]}
    application["EXT_SOURCE_3"]["max"] = 0.5
    application["NAME_INCOME_TYPE"]["allowed"].remove("Pensioner")
    counts = refusals(strict)
    assert counts["bureau.AMT_CREDIT_SUM_DEBT min"] > 0 and counts["application.EXT_SOURCE_3 max"] > 0
    assert counts["application.NAME_INCOME_TYPE allowed"] > 0
