from model.features.catalogue import CATALOGUE

from tools.labels import FEATURE_LABELS_FR, group_name


def test_every_feature_the_model_may_use_has_a_french_label():
    missing = sorted(set(CATALOGUE) - set(FEATURE_LABELS_FR))
    assert missing == []


def test_fairness_groups_read_as_words():
    assert group_name("age_band", "<25", "fr") == "Moins de 25 ans"
    assert group_name("age_band", "55+", "en") == "55 and over"
    assert group_name("age_band", "25-34", "fr") == "25–34 ans"
    assert group_name("gender", "F", "fr") == "Femmes"
