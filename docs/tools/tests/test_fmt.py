from tools.fmt import NNBSP, fmt_int, fmt_num, fmt_pct, fmt_signed, join_words, make_filters

import pytest


def test_french_numbers_use_decimal_comma_and_narrow_space_thousands():
    assert fmt_num(1234.5678, 2, "fr") == f"1{NNBSP}234,57"
    assert fmt_num(0.7691, 3, "fr") == "0,769"


def test_english_numbers_use_point_and_comma_thousands():
    assert fmt_num(1234.5678, 2, "en") == "1,234.57"
    assert fmt_int(4000, "en") == "4,000"
    assert fmt_int(4000, "fr") == f"4{NNBSP}000"


def test_percentages_follow_each_language():
    assert fmt_pct(0.0773, 1, "en") == "7.7%"
    assert fmt_pct(0.0773, 1, "fr") == f"7,7{NNBSP}%"
    assert fmt_pct(None, 1, "fr") == "n/d"


def test_rounded_negative_zero_loses_its_sign():
    assert fmt_num(-0.0001, 3, "en") == "0.000"


def test_signed_values_use_a_true_minus_sign():
    assert fmt_signed(-0.126, 2, "fr") == "\u22120,13"
    assert fmt_signed(0.48, 2, "en") == "+0.48"


def test_word_lists_end_with_the_language_conjunction():
    assert join_words(["a", "b", "c"], "fr") == "a, b et c"
    assert join_words(["a", "b"], "en") == "a and b"
    assert join_words(["a"], "en") == "a"


def test_unknown_language_is_refused_with_its_name():
    with pytest.raises(ValueError, match="'de'"):
        make_filters("de")
