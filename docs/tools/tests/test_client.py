import gzip
import json
import math
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from tools.client import choose_client, explain_client

CATALOGUE = [
    {"name": "EXT_SOURCE_2", "label": "External score 2", "label_fr": "Score externe 2", "type": "numeric", "unit": None, "categories": None},
    {"name": "AMT_CREDIT", "label": "Credit amount", "label_fr": "Montant du crédit", "type": "numeric", "unit": "currency", "categories": None},
    {"name": "NAME_CONTRACT_TYPE", "label": "Contract type", "label_fr": "Type de contrat", "type": "category", "unit": None,
     "categories": ["Cash loans", "Revolving loans"]},
]
POPULATION = {"quantile_levels": [0.25, 0.5, 0.75], "features": {
    "EXT_SOURCE_2": {"quantiles": {"all": [0.3, 0.5, 0.7]}}, "AMT_CREDIT": {"quantiles": {"all": [1e5, 5e5, 9e5]}}}}


def _artifacts(tmp: Path, clients: dict[int, tuple[str, list[float], list[float]]], skew: float = 0.0) -> Path:
    """A tiny artifact folder: {id: (dataset, inputs, contributions + base)}; ``skew`` corrupts the stored probability."""
    (tmp / "fixtures").mkdir()
    payload = {"ids": list(clients), "contrib": [c for _, _, c in clients.values()]}
    (tmp / "fixtures" / "shap_contrib.json.gz").write_bytes(gzip.compress(json.dumps(payload).encode()))
    con = sqlite3.connect(tmp / "clients.sqlite")
    con.execute("CREATE TABLE clients (id INTEGER PRIMARY KEY, dataset TEXT, probability REAL, contract_type TEXT)")
    con.execute("CREATE TABLE features (id INTEGER PRIMARY KEY, vector BLOB)")
    for cid, (dataset, inputs, contrib) in clients.items():
        p = 1 / (1 + math.exp(-sum(contrib))) + skew
        con.execute("INSERT INTO clients VALUES (?, ?, ?, 'Cash loans')", (cid, dataset, round(p, 6)))
        con.execute("INSERT INTO features VALUES (?, ?)", (cid, np.asarray(inputs, "<f4").tobytes()))
    con.commit()
    con.close()
    return tmp


CLIENTS = {
    1: ("new", [0.2, 6e5, 0], [0.9, 0.1, 0.0, -2.0]),     # p = 0.27
    2: ("new", [0.8, 2e5, 1], [-0.5, -0.1, 0.05, -2.0]),  # p = 0.07
    3: ("new", [0.1, 9e5, 0], [1.5, 0.3, 0.1, -2.0]),     # p = 0.48
    4: ("train", [0.1, 9e5, 0], [3.0, 0.3, 0.1, -2.0]),   # labelled: never the example
}


def test_example_is_the_median_refused_new_client(tmp_path: Path):
    art = _artifacts(tmp_path, CLIENTS)
    assert choose_client(art, threshold=0.2) == 1  # refused new clients: 1 (0.27), 3 (0.48) -> lower median


def test_without_refusals_the_riskiest_new_client_is_taken(tmp_path: Path):
    assert choose_client(_artifacts(tmp_path, CLIENTS), threshold=0.9) == 3


def test_explanation_adds_up_to_the_stored_probability(tmp_path: Path):
    client = explain_client(_artifacts(tmp_path, CLIENTS), 1, "en", POPULATION, CATALOGUE, 0.2, top=2)
    assert client.refused
    assert math.isclose(1 / (1 + math.exp(-client.log_odds)), client.probability, rel_tol=1e-9)
    assert [c.name for c in client.top] == ["EXT_SOURCE_2", "AMT_CREDIT"]
    assert client.rest_count == 1
    assert client.top[0].relation == "low" and client.top[0].median == "0.50"
    assert client.top[1].display == "600,000 MU" and client.top[1].relation == "high"


def test_french_values_are_formatted_in_french(tmp_path: Path):
    client = explain_client(_artifacts(tmp_path, CLIENTS), 2, "fr", POPULATION, CATALOGUE, 0.2, top=3)
    assert [c.display for c in client.top] == ["0,80", "200\u202f000 u.\u202fm.", "Revolving loans"]
    assert client.top[0].label == "Score externe 2"


def test_a_store_that_disagrees_with_the_shap_fixture_is_reported(tmp_path: Path):
    with pytest.raises(ValueError, match="clients.sqlite says"):
        explain_client(_artifacts(tmp_path, CLIENTS, skew=0.01), 1, "en", POPULATION, CATALOGUE, 0.2)


def test_probability_points_add_up_from_the_baseline_to_the_client(tmp_path):
    client = explain_client(_artifacts(tmp_path, CLIENTS), 2, "en", POPULATION, CATALOGUE, 0.2, top=2)
    points = client.points()
    assert len(points) == len(client.top) + 1
    assert math.isclose(client.base_probability * 100 + sum(points), client.probability * 100, rel_tol=1e-9)
