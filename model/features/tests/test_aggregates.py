import numpy as np
import pandas as pd
import pytest

from model.features.application import build_application
from model.features.build import build_features, build_relational, encode_categories
from model.features.bureau import build_bureau, roll_up_bureau_balance
from model.features.installments import build_installments
from model.features.previous import build_previous
from model.data.load import Tables


def tiny_application() -> pd.DataFrame:
    return pd.DataFrame({
        "SK_ID_CURR": [1, 2], "TARGET": [0, 1],
        "NAME_CONTRACT_TYPE": pd.Categorical(["Cash loans", "Revolving loans"]),
        "CODE_GENDER": pd.Categorical(["F", None]), "FLAG_OWN_CAR": pd.Categorical(["Y", "N"]),
        "FLAG_OWN_REALTY": pd.Categorical(["N", "Y"]), "CNT_CHILDREN": [0.0, 2.0],
        "AMT_INCOME_TOTAL": [100000.0, 50000.0], "AMT_CREDIT": [300000.0, 100000.0],
        "AMT_ANNUITY": [15000.0, 0.0], "AMT_GOODS_PRICE": [250000.0, np.nan],
        "NAME_INCOME_TYPE": pd.Categorical(["Working", "Pensioner"]),
        "NAME_EDUCATION_TYPE": pd.Categorical(["Higher education", "Secondary"]),
        "NAME_FAMILY_STATUS": pd.Categorical(["Married", "Widow"]),
        "NAME_HOUSING_TYPE": pd.Categorical(["House / apartment", "House / apartment"]),
        "REGION_POPULATION_RELATIVE": [0.01, 0.02], "DAYS_BIRTH": [-365.25 * 30, -365.25 * 65],
        "DAYS_EMPLOYED": [-365.25 * 5, 365243.0], "DAYS_REGISTRATION": [-100.0, -200.0],
        "DAYS_ID_PUBLISH": [-300.0, -400.0], "OWN_CAR_AGE": [3.0, np.nan],
        "OCCUPATION_TYPE": pd.Categorical(["Laborers", None]), "CNT_FAM_MEMBERS": [2.0, 1.0],
        "REGION_RATING_CLIENT_W_CITY": [2.0, 1.0], "EXT_SOURCE_1": [np.nan, 0.2],
        "EXT_SOURCE_2": [0.5, 0.4], "EXT_SOURCE_3": [0.7, np.nan], "DAYS_LAST_PHONE_CHANGE": [-10.0, 0.0],
        "FLAG_DOCUMENT_3": [1.0, 0.0],
    })


def test_application_fixes_the_employment_placeholder_and_builds_ratios():
    out = build_application(tiny_application())
    assert out.loc[1, "EMPLOYMENT_YEARS"] == pytest.approx(5.0)
    assert np.isnan(out.loc[2, "EMPLOYMENT_YEARS"])  # 365243 is "not employed", not 1,000 years
    assert out.loc[2, "NOT_EMPLOYED"] == 1.0 and out.loc[1, "NOT_EMPLOYED"] == 0.0
    assert out.loc[1, "AGE_YEARS"] == pytest.approx(30.0)
    assert out.loc[1, "CREDIT_INCOME_RATIO"] == pytest.approx(3.0)
    assert out.loc[1, "ANNUITY_INCOME_RATIO"] == pytest.approx(0.15)
    assert np.isnan(out.loc[2, "CREDIT_TERM_YEARS"])  # annuity 0: no division by zero, no inf
    assert np.isnan(out.loc[2, "CREDIT_GOODS_RATIO"])
    assert out.loc[1, "EXT_SOURCE_MEAN"] == pytest.approx(0.6)
    assert out.loc[2, "EXT_SOURCE_MIN"] == pytest.approx(0.2)
    assert out.loc[1, "FLAG_OWN_CAR"] == 1.0 and out.loc[2, "FLAG_OWN_CAR"] == 0.0


def test_bureau_balance_rolls_up_to_credit_then_client():
    bb = pd.DataFrame({"SK_ID_BUREAU": [10, 10, 10, 11], "MONTHS_BALANCE": [0, -1, -2, 0],
                       "STATUS": pd.Categorical(["0", "2", "C", "X"])})
    rolled = roll_up_bureau_balance(bb)
    assert rolled.loc[10, "bb_late_share"] == pytest.approx(1 / 3)
    assert rolled.loc[10, "bb_worst"] == 2 and rolled.loc[11, "bb_worst"] == 0
    bureau = pd.DataFrame({
        "SK_ID_CURR": [1, 1, 2], "SK_ID_BUREAU": [10, 11, 12],
        "CREDIT_ACTIVE": pd.Categorical(["Active", "Closed", "Active"]), "DAYS_CREDIT": [-365.25, -730.5, -100.0],
        "DAYS_CREDIT_ENDDATE": [365.25, -10.0, np.nan], "AMT_CREDIT_MAX_OVERDUE": [np.nan, 50.0, np.nan],
        "CNT_CREDIT_PROLONG": [0.0, 1.0, 0.0], "AMT_CREDIT_SUM": [1000.0, 3000.0, 500.0],
        "AMT_CREDIT_SUM_DEBT": [400.0, 100.0, np.nan], "AMT_CREDIT_SUM_OVERDUE": [0.0, 0.0, 0.0],
    })
    out = build_bureau(bureau, bb)
    assert out.loc[1, "BUREAU_CREDIT_COUNT"] == 2 and out.loc[1, "BUREAU_ACTIVE_COUNT"] == 1
    assert out.loc[1, "BUREAU_DEBT_SUM"] == 400.0  # only the active credit's debt counts
    assert np.isnan(out.loc[2, "BUREAU_DEBT_SUM"])  # unknown debt stays missing, not 0
    assert out.loc[1, "BUREAU_DEBT_CREDIT_RATIO"] == pytest.approx(0.1)
    assert out.loc[1, "BUREAU_YEARS_SINCE_LAST"] == pytest.approx(1.0)
    assert out.loc[1, "BUREAU_WORST_LATENESS"] == 2
    assert np.isnan(out.loc[2, "BUREAU_WORST_LATENESS"])  # credit 12 has no monthly history


def test_previous_applications_split_approved_and_refused():
    prev = pd.DataFrame({
        "SK_ID_PREV": [1, 2, 3], "SK_ID_CURR": [7, 7, 7], "AMT_ANNUITY": [100.0, 200.0, 300.0],
        "AMT_APPLICATION": [1000.0, 2000.0, 500.0], "AMT_CREDIT": [1000.0, 1000.0, 0.0],
        "NAME_CONTRACT_STATUS": pd.Categorical(["Approved", "Refused", "Approved"]),
        "DAYS_DECISION": [-365.25, -730.5, -100.0], "CNT_PAYMENT": [12.0, 24.0, 6.0],
        "RATE_DOWN_PAYMENT": [0.1, np.nan, 0.0],
    })
    out = build_previous(prev)
    assert out.loc[7, "PREV_APPLICATION_COUNT"] == 3
    assert out.loc[7, "PREV_REFUSED_SHARE"] == pytest.approx(1 / 3)
    assert out.loc[7, "PREV_APPROVED_CREDIT_MEAN"] == pytest.approx(500.0)
    assert out.loc[7, "PREV_YEARS_SINCE_LAST_REFUSAL"] == pytest.approx(2.0)
    assert out.loc[7, "PREV_ASKED_GRANTED_RATIO"] == pytest.approx(1.5)  # 1.0 and 2.0; 500/0 is missing


def test_installments_measure_lateness_and_underpayment():
    inst = pd.DataFrame({"SK_ID_PREV": [1, 1], "SK_ID_CURR": [5, 5], "DAYS_INSTALMENT": [-30.0, -60.0],
                         "DAYS_ENTRY_PAYMENT": [-25.0, -61.0], "AMT_INSTALMENT": [100.0, 100.0],
                         "AMT_PAYMENT": [50.0, 100.0]})
    out = build_installments(inst)
    assert out.loc[5, "INST_LATE_SHARE"] == 0.5 and out.loc[5, "INST_DAYS_LATE_MEAN"] == 2.5
    assert out.loc[5, "INST_UNDERPAID_SHARE"] == 0.5 and out.loc[5, "INST_PAID_RATIO_MEAN"] == 0.75


def test_absent_tables_add_no_columns_and_the_model_list_restores_them():
    app = tiny_application()
    relational = build_relational(Tables(train=app, test=None, relational={}))
    assert relational.shape[1] == 0
    fs = build_features(app, relational)
    assert not any(c.startswith(("BUREAU_", "PREV_", "POS_", "CC_", "INST_")) for c in fs.names)
    wanted = fs.names + ["BUREAU_CREDIT_COUNT"]
    again = build_features(app, relational, fs.categories, wanted)
    assert again.names == wanted and again.X["BUREAU_CREDIT_COUNT"].isna().all()


def test_target_is_never_a_feature():
    fs = build_features(tiny_application(), pd.DataFrame(index=pd.Index([], name="SK_ID_CURR")))
    assert "TARGET" not in fs.names
    assert all(fs.X.dtypes == np.float32)


def test_category_codes_follow_the_training_order_and_unseen_become_missing():
    frame = pd.DataFrame({"NAME_CONTRACT_TYPE": ["Cash loans", "Revolving loans", "Cash loans"]})
    coded, learned = encode_categories(frame)
    assert learned["NAME_CONTRACT_TYPE"] == ["Cash loans", "Revolving loans"]
    assert list(coded["NAME_CONTRACT_TYPE"]) == [0.0, 1.0, 0.0]
    unseen, _ = encode_categories(pd.DataFrame({"NAME_CONTRACT_TYPE": ["Leasing"]}), learned)
    assert np.isnan(unseen["NAME_CONTRACT_TYPE"][0])
