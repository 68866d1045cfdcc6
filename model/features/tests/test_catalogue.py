import numpy as np
import pandas as pd
import pytest

from model.config import SAMPLE_DIR
from model.data import load_tables
from model.features.build import build_features, build_relational
from model.features.catalogue import describe_features, describe_groups, read_catalogue
from model.features.engine import compute_frames


def test_every_feature_of_the_full_table_set_is_described():
    tables = load_tables(SAMPLE_DIR)
    ids = tables.train["SK_ID_CURR"].to_numpy()[:50]
    # The sample has no installments_payments: add a small one so its features are built too.
    tables.relational["installments_payments"] = pd.DataFrame({
        "SK_ID_PREV": np.arange(50), "SK_ID_CURR": ids, "DAYS_INSTALMENT": -30.0, "DAYS_ENTRY_PAYMENT": -28.0,
        "AMT_INSTALMENT": 100.0, "AMT_PAYMENT": 90.0})
    fs = build_features(tables.train, build_relational(tables))
    assert any(n.startswith("INST_") for n in fs.names)
    catalogue = describe_features(fs.names, fs.categories, SAMPLE_DIR)
    assert [c["name"] for c in catalogue] == fs.names
    by_name = {c["name"]: c for c in catalogue}
    assert by_name["EXT_SOURCE_2"]["description"].startswith("Normalized score from external data source")
    assert by_name["NAME_CONTRACT_TYPE"]["type"] == "category"
    assert by_name["NAME_CONTRACT_TYPE"]["categories"] == ["Cash loans", "Revolving loans"]
    assert by_name["AGE_YEARS"]["unit"] == "years" and by_name["FLAG_OWN_CAR"]["type"] == "binary"
    assert by_name["INST_LATE_SHARE"]["source"] == "installments_payments"
    assert by_name["EXT_SOURCE_2"]["label_fr"] == "Score externe 2"
    assert all(c["label_fr"] and c["group"] for c in catalogue)


def test_the_catalogue_describes_exactly_what_the_sql_computes():
    computed = compute_frames({"application": pd.DataFrame({"SK_ID_CURR": [1]})}, {}).columns
    assert sorted(read_catalogue()["outputs"]) == sorted(computed)


def test_reason_groups_gather_what_a_person_recognises():
    outputs = read_catalogue()["outputs"]
    external = [n for n, e in outputs.items() if e["group"] == "external_scores"]
    assert sorted(external) == sorted(["EXT_SOURCE_1", "EXT_SOURCE_2", "EXT_SOURCE_3", "EXT_SOURCE_MEAN",
                                       "EXT_SOURCE_MIN", "EXT_SOURCE_MAX"])
    assert {outputs[n]["group"] for n in ("CREDIT_INCOME_RATIO", "ANNUITY_INCOME_RATIO")} == {"credit_vs_income"}
    groups = read_catalogue()["groups"]
    assert len({g["group"] for g in groups}) == len(groups)
    assert all(g["label"] and g["label_fr"] and g["description"] and g["description_fr"] for g in groups)
    assert {e["group"] for e in outputs.values()} == {g["group"] for g in groups}


def test_features_json_lists_only_the_groups_its_features_use():
    groups = describe_groups(["EXT_SOURCE_1", "AGE_YEARS"])
    assert [g["group"] for g in groups] == ["external_scores", "age"]


def test_an_undescribed_feature_is_refused():
    with pytest.raises(KeyError, match="MYSTERY"):
        describe_features(["MYSTERY"], {}, SAMPLE_DIR)
