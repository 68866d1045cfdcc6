"""What each SQL definition means, on tiny tables built in code (run through the DuckDB engine)."""
import numpy as np
import pandas as pd
import pytest

from model.data import DataError
from model.features.build import build_features, model_columns
from model.features.engine import compute_frames


def tiny_application() -> pd.DataFrame:
    return pd.DataFrame({
        "SK_ID_CURR": [1, 2], "TARGET": [0, 1],
        "NAME_CONTRACT_TYPE": ["Cash loans", "Revolving loans"], "CODE_GENDER": ["F", "XNA"],
        "FLAG_OWN_CAR": ["Y", "N"], "FLAG_OWN_REALTY": ["N", None], "CNT_CHILDREN": [0.0, 2.0],
        "AMT_INCOME_TOTAL": [100000.0, 50000.0], "AMT_CREDIT": [300000.0, 100000.0],
        "AMT_ANNUITY": [15000.0, 0.0], "AMT_GOODS_PRICE": [250000.0, np.nan],
        "NAME_INCOME_TYPE": ["Working", "Pensioner"], "NAME_EDUCATION_TYPE": ["Higher education", "Secondary"],
        "NAME_FAMILY_STATUS": ["Married", "Widow"], "NAME_HOUSING_TYPE": ["House / apartment", "House / apartment"],
        "REGION_POPULATION_RELATIVE": [0.01, 0.02], "DAYS_BIRTH": [-365.25 * 30, -365.25 * 65],
        "DAYS_EMPLOYED": [-365.25 * 5, 365243.0], "DAYS_REGISTRATION": [-100.0, -200.0],
        "DAYS_ID_PUBLISH": [-300.0, -400.0], "OWN_CAR_AGE": [3.0, np.nan], "OCCUPATION_TYPE": ["Laborers", None],
        "CNT_FAM_MEMBERS": [2.0, 1.0], "REGION_RATING_CLIENT_W_CITY": [2.0, 1.0], "EXT_SOURCE_1": [np.nan, 0.2],
        "EXT_SOURCE_2": [0.5, 0.4], "EXT_SOURCE_3": [0.7, np.nan], "DAYS_LAST_PHONE_CHANGE": [-10.0, 0.0],
        "FLAG_DOCUMENT_3": [1.0, 0.0],
    })


def inputs(**history) -> pd.DataFrame:
    fs = build_features(tiny_application(), history)
    return compute_frames({"application": tiny_application(), **history}, fs.categories)


def test_application_fixes_the_employment_placeholder_and_builds_ratios():
    out = inputs()
    assert out.loc[1, "EMPLOYMENT_YEARS"] == pytest.approx(5.0)
    assert np.isnan(out.loc[2, "EMPLOYMENT_YEARS"])  # 365243 is "not employed", not 1,000 years
    assert out.loc[2, "NOT_EMPLOYED"] == 1.0 and out.loc[1, "NOT_EMPLOYED"] == 0.0
    assert out.loc[1, "AGE_YEARS"] == pytest.approx(30.0)
    assert out.loc[1, "CREDIT_INCOME_RATIO"] == pytest.approx(3.0)
    assert out.loc[1, "ANNUITY_INCOME_RATIO"] == pytest.approx(0.15)
    assert np.isnan(out.loc[2, "CREDIT_TERM_YEARS"])  # annuity 0: no division by zero, no inf
    assert np.isnan(out.loc[2, "CREDIT_GOODS_RATIO"])
    assert out.loc[1, "EXT_SOURCE_MEAN"] == pytest.approx(0.6)
    assert out.loc[2, "EXT_SOURCE_MIN"] == pytest.approx(0.2) and out.loc[2, "EXT_SOURCE_MAX"] == pytest.approx(0.4)
    assert out.loc[1, "FLAG_OWN_CAR"] == 1.0 and out.loc[2, "FLAG_OWN_CAR"] == 0.0
    assert np.isnan(out.loc[2, "FLAG_OWN_REALTY"])
    assert np.isnan(out.loc[2, "CODE_GENDER"])  # XNA is a missing category, not a value


def test_bureau_balance_rolls_up_to_credit_then_client():
    bb = pd.DataFrame({"SK_ID_BUREAU": [10, 10, 10, 11], "MONTHS_BALANCE": [0, -1, -2, 0],
                       "STATUS": ["0", "2", "C", "X"]})
    bureau = pd.DataFrame({
        "SK_ID_CURR": [1, 1, 2], "SK_ID_BUREAU": [10, 11, 12],
        "CREDIT_ACTIVE": ["Active", "Closed", "Active"], "DAYS_CREDIT": [-365.25, -730.5, -100.0],
        "DAYS_CREDIT_ENDDATE": [365.25, -10.0, np.nan], "AMT_CREDIT_MAX_OVERDUE": [np.nan, 50.0, np.nan],
        "CNT_CREDIT_PROLONG": [0.0, 1.0, 0.0], "AMT_CREDIT_SUM": [1000.0, 3000.0, 500.0],
        "AMT_CREDIT_SUM_DEBT": [400.0, 100.0, np.nan], "AMT_CREDIT_SUM_OVERDUE": [0.0, 0.0, 0.0],
    })
    out = inputs(bureau=bureau, bureau_balance=bb)
    assert out.loc[1, "BUREAU_CREDIT_COUNT"] == 2 and out.loc[1, "BUREAU_ACTIVE_COUNT"] == 1
    assert out.loc[1, "BUREAU_DEBT_SUM"] == 400.0  # only the active credit's debt counts
    assert np.isnan(out.loc[2, "BUREAU_DEBT_SUM"])  # unknown debt stays missing, not 0
    assert out.loc[1, "BUREAU_DEBT_CREDIT_RATIO"] == pytest.approx(0.1)
    assert out.loc[1, "BUREAU_DEBT_INCOME_RATIO"] == pytest.approx(0.004)
    assert out.loc[1, "BUREAU_YEARS_SINCE_LAST"] == pytest.approx(1.0)
    assert out.loc[1, "BUREAU_ACTIVE_YEARS_LEFT_MAX"] == pytest.approx(1.0)
    assert out.loc[1, "BUREAU_LATE_MONTH_SHARE"] == pytest.approx((1 / 3 + 0) / 2)
    assert out.loc[1, "BUREAU_WORST_LATENESS"] == 2 and out.loc[1, "BUREAU_HISTORY_MONTHS"] == 4
    assert np.isnan(out.loc[2, "BUREAU_WORST_LATENESS"])  # credit 12 has no monthly history


def test_previous_applications_split_approved_and_refused():
    prev = pd.DataFrame({
        "SK_ID_PREV": [1, 2, 3], "SK_ID_CURR": [2, 2, 2], "AMT_ANNUITY": [100.0, 200.0, 300.0],
        "AMT_APPLICATION": [1000.0, 2000.0, 500.0], "AMT_CREDIT": [1000.0, 1000.0, 0.0],
        "NAME_CONTRACT_STATUS": ["Approved", "Refused", "Approved"],
        "DAYS_DECISION": [-365.25, -730.5, -100.0], "CNT_PAYMENT": [12.0, 24.0, 6.0],
        "RATE_DOWN_PAYMENT": [0.1, np.nan, 0.0],
    })
    out = inputs(previous_application=prev)
    assert out.loc[2, "PREV_APPLICATION_COUNT"] == 3
    assert out.loc[2, "PREV_REFUSED_SHARE"] == pytest.approx(1 / 3)
    assert out.loc[2, "PREV_APPROVED_CREDIT_MEAN"] == pytest.approx(500.0)
    assert out.loc[2, "PREV_YEARS_SINCE_LAST_REFUSAL"] == pytest.approx(2.0)
    assert out.loc[2, "PREV_ASKED_GRANTED_RATIO"] == pytest.approx(1.5)  # 1.0 and 2.0; 500/0 is missing
    assert out.loc[2, "PREV_DOWN_PAYMENT_RATE"] == pytest.approx(0.05)
    assert np.isnan(out.loc[1, "PREV_APPLICATION_COUNT"])  # no history: missing, not 0


def test_pos_cash_takes_remaining_instalments_from_each_loans_latest_month():
    pos = pd.DataFrame({"SK_ID_PREV": [5, 5, 6], "SK_ID_CURR": [1, 1, 1], "MONTHS_BALANCE": [-2.0, -1.0, -3.0],
                        "CNT_INSTALMENT_FUTURE": [6.0, 5.0, 0.0],
                        "NAME_CONTRACT_STATUS": ["Active", "Active", "Completed"],
                        "SK_DPD": [0.0, 3.0, 0.0], "SK_DPD_DEF": [0.0, 1.0, 0.0]})
    out = inputs(POS_CASH_balance=pos)
    assert out.loc[1, "POS_MONTH_COUNT"] == 3 and out.loc[1, "POS_REMAINING_INSTALMENTS"] == 5
    assert out.loc[1, "POS_COMPLETED_LOANS"] == 1 and out.loc[1, "POS_MAX_DAYS_LATE"] == 3
    assert out.loc[1, "POS_LATE_MONTH_SHARE"] == pytest.approx(1 / 3)


def test_credit_card_utilisation_skips_a_zero_limit():
    cc = pd.DataFrame({"SK_ID_PREV": [9, 9], "SK_ID_CURR": [2, 2], "MONTHS_BALANCE": [-1.0, -2.0],
                       "AMT_BALANCE": [500.0, 100.0], "AMT_CREDIT_LIMIT_ACTUAL": [1000.0, 0.0],
                       "AMT_DRAWINGS_CURRENT": [50.0, 0.0], "AMT_INST_MIN_REGULARITY": [10.0, 0.0],
                       "AMT_PAYMENT_TOTAL_CURRENT": [20.0, 5.0], "SK_DPD": [0.0, 1.0]})
    out = inputs(credit_card_balance=cc)
    assert out.loc[2, "CC_UTILISATION_MEAN"] == pytest.approx(0.5) and out.loc[2, "CC_UTILISATION_MAX"] == 0.5
    assert out.loc[2, "CC_PAID_MIN_RATIO_MEAN"] == pytest.approx(2.0) and out.loc[2, "CC_LATE_MONTH_SHARE"] == 0.5


def test_installments_measure_lateness_and_underpayment():
    inst = pd.DataFrame({"SK_ID_PREV": [1, 1], "SK_ID_CURR": [1, 1], "DAYS_INSTALMENT": [-30.0, -60.0],
                         "DAYS_ENTRY_PAYMENT": [-25.0, -61.0], "AMT_INSTALMENT": [100.0, 100.0],
                         "AMT_PAYMENT": [50.0, 100.0]})
    out = inputs(installments_payments=inst)
    assert out.loc[1, "INST_LATE_SHARE"] == 0.5 and out.loc[1, "INST_DAYS_LATE_MEAN"] == 2.5
    assert out.loc[1, "INST_UNDERPAID_SHARE"] == 0.5 and out.loc[1, "INST_PAID_RATIO_MEAN"] == 0.75


def test_absent_tables_leave_their_inputs_out_of_a_new_model_and_missing_for_a_trained_one():
    fs = build_features(tiny_application(), {})
    assert not any(c.startswith(("BUREAU_", "PREV_", "POS_", "CC_", "INST_")) for c in fs.names)
    wanted = fs.names + ["BUREAU_CREDIT_COUNT"]
    again = build_features(tiny_application(), {}, fs.categories, wanted)
    assert again.names == wanted and again.X["BUREAU_CREDIT_COUNT"].isna().all()
    assert "BUREAU_WORST_LATENESS" not in model_columns(["BUREAU_WORST_LATENESS", "BUREAU_CREDIT_COUNT"], ["bureau"])


def test_target_is_never_an_input_and_inputs_are_float32():
    fs = build_features(tiny_application(), {})
    assert "TARGET" not in fs.names and all(fs.X.dtypes == np.float32)
    assert list(fs.X.index) == [1, 2]


def test_category_codes_follow_the_training_order_and_unseen_become_missing():
    fs = build_features(tiny_application(), {})
    assert fs.categories["NAME_CONTRACT_TYPE"] == ["Cash loans", "Revolving loans"]
    assert list(fs.X["NAME_CONTRACT_TYPE"]) == [0.0, 1.0]
    leasing = tiny_application().assign(NAME_CONTRACT_TYPE=["Leasing", "Cash loans"])
    out = build_features(leasing, {}, fs.categories, fs.names).X
    assert np.isnan(out.loc[1, "NAME_CONTRACT_TYPE"]) and out.loc[2, "NAME_CONTRACT_TYPE"] == 0.0


def test_extreme_amounts_become_missing_instead_of_failing():
    huge = tiny_application().assign(AMT_CREDIT=[1e300, 0.0])
    out = build_features(huge, {}).X
    assert np.isnan(out.loc[1, "AMT_CREDIT"]) and np.isnan(out.loc[1, "CREDIT_INCOME_RATIO"])
    assert out.loc[2, "CREDIT_INCOME_RATIO"] == 0.0


def test_an_application_listed_twice_is_refused():
    twice = pd.concat([tiny_application(), tiny_application().iloc[:1]])
    with pytest.raises(DataError, match="SK_ID_CURR 1 appears more than once"):
        build_features(twice, {})
