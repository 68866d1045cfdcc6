import pytest

from tools.labels import feature_label, group_name


def test_feature_labels_come_from_the_catalogue_in_both_languages():
    catalogue = {"EXT_SOURCE_2": {"label": "External score 2", "label_fr": "Score externe 2"},
                 "OLD": {"label": "Old artifact"}}
    assert feature_label("EXT_SOURCE_2", "fr", catalogue) == "Score externe 2"
    assert feature_label("EXT_SOURCE_2", "en", catalogue) == "External score 2"
    with pytest.raises(KeyError, match="OLD"):
        feature_label("OLD", "fr", catalogue)


def test_fairness_groups_read_as_words():
    assert group_name("age_band", "<25", "fr") == "Moins de 25 ans"
    assert group_name("age_band", "55+", "en") == "55 and over"
    assert group_name("age_band", "25-34", "fr") == "25–34 ans"
    assert group_name("gender", "F", "fr") == "Femmes"
