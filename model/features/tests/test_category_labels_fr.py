import json
from pathlib import Path

from model.features.category_labels_fr import (
    CATEGORY_LABELS_FR, missing_category_labels_fr, with_category_labels_fr,
)

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts"


def test_adds_french_labels_in_the_shape_of_categories():
    catalogue = [
        {"name": "NAME_CONTRACT_TYPE", "categories": ["Cash loans", "Revolving loans"]},
        {"name": "OCCUPATION_TYPE", "categories": {"0": "Laborers", "1": "Astronauts"}},
        {"name": "AMT_CREDIT", "categories": None},
    ]
    out = with_category_labels_fr(catalogue)
    assert out[0]["categories_fr"] == ["Prêt personnel", "Crédit renouvelable"]
    assert out[1]["categories_fr"] == {"0": "Ouvrier", "1": "Astronauts"}
    assert out[2]["categories_fr"] is None
    assert "categories_fr" not in catalogue[0], "the input entries are not modified"
    assert missing_category_labels_fr(catalogue) == ["OCCUPATION_TYPE: Astronauts"]


def test_every_category_of_the_committed_model_has_a_french_label():
    catalogue = json.loads((ARTIFACTS / "features.json").read_text())["features"]
    assert missing_category_labels_fr(catalogue) == []


def test_french_labels_are_distinct_within_a_feature():
    for name, labels in CATEGORY_LABELS_FR.items():
        assert len(set(labels.values())) == len(labels), name
