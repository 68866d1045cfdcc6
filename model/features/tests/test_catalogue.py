import numpy as np
import pandas as pd
import pytest

from model.config import SAMPLE_DIR
from model.data import load_tables
from model.features.build import build_features, build_relational
from model.features.catalogue import describe_features


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
    assert all(c["label_fr"] for c in catalogue)


def test_english_and_french_catalogues_list_the_same_features():
    from model.features.catalogue import CATALOGUE
    from model.features.labels_fr import FEATURE_LABELS_FR

    assert sorted(CATALOGUE) == sorted(FEATURE_LABELS_FR)


def test_an_undescribed_feature_is_refused():
    with pytest.raises(KeyError, match="MYSTERY"):
        describe_features(["MYSTERY"], {}, SAMPLE_DIR)
