"""One client's explanation, read from the artifacts alone (no server needed at build time).

The SHAP values come from LightGBM's own ``pred_contrib`` (artifacts/fixtures/shap_contrib.json.gz),
the feature values from clients.sqlite and the population medians from population.json.
"""
from __future__ import annotations

import gzip
import json
import math
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tools.fmt import fmt_int, fmt_num
from tools.labels import feature_label

defaults = {"top": 8, "parity_tolerance": 1e-5}


@dataclass
class Contribution:
    name: str
    label: str
    value: float | None
    display: str
    shap: float
    median: str | None
    relation: str  # "low" | "high" | "median" | "missing" | "category"


@dataclass
class ExampleClient:
    id: int
    dataset: str
    probability: float
    threshold: float
    base_value: float
    profile: dict
    top: list[Contribution] = field(default_factory=list)
    rest_count: int = 0
    rest_sum: float = 0.0
    inputs: dict = field(default_factory=dict)  # every model input of the client (None = missing)

    def points(self) -> list[float]:
        """Each shown contribution, then the others, in probability points (×100), added in that order from the
        baseline risk: additive, they sum to the client's risk minus the baseline risk."""
        out, logit = [], self.base_value
        for shap in [c.shap for c in self.top] + [self.rest_sum]:
            before = 1.0 / (1.0 + math.exp(-logit))
            logit += shap
            out.append(100.0 * (1.0 / (1.0 + math.exp(-logit)) - before))
        return out

    @property
    def log_odds(self) -> float:
        return self.base_value + sum(c.shap for c in self.top) + self.rest_sum

    @property
    def base_probability(self) -> float:
        return 1.0 / (1.0 + math.exp(-self.base_value))

    @property
    def refused(self) -> bool:
        return self.probability >= self.threshold


def _load_fixture(art_dir: Path) -> dict[int, list[float]]:
    path = art_dir / "fixtures" / "shap_contrib.json.gz"
    if not path.is_file():
        raise FileNotFoundError(f"missing SHAP fixture: {path} (run `make train`)")
    payload = json.loads(gzip.decompress(path.read_bytes()))
    return dict(zip(payload["ids"], payload["contrib"]))


def choose_client(art_dir: Path, threshold: float) -> int:
    """A typical refused new client: the median probability among refused new clients of the SHAP fixture.

    New clients are the realistic case (no known outcome); a refusal is what must be explained.
    If nobody is refused, the riskiest new client is taken. Ties go to the smallest id, so the
    choice is stable for a given model.
    """
    ids = sorted(_load_fixture(art_dir))
    with sqlite3.connect(f"file:{art_dir / 'clients.sqlite'}?mode=ro", uri=True) as con:
        rows = con.execute(f"SELECT id, probability FROM clients WHERE dataset = 'new' AND id IN "
                           f"({','.join('?' * len(ids))}) ORDER BY id", ids).fetchall()
    if not rows:
        raise ValueError(f"no new client of {art_dir / 'clients.sqlite'} is in the SHAP fixture")
    refused = sorted((p, i) for i, p in rows if p >= threshold)
    if not refused:
        return max(rows, key=lambda r: (r[1], -r[0]))[0]
    return refused[(len(refused) - 1) // 2][1]


def _display(value: float | None, meta: dict, lang: str) -> str:
    if value is None:
        return "manquant" if lang == "fr" else "missing"
    if meta["type"] == "category" and meta.get("categories"):
        return str(meta["categories"][int(value)])
    if meta["type"] == "binary":
        yes, no = ("oui", "non") if lang == "fr" else ("yes", "no")
        return yes if value >= 0.5 else no
    unit = meta.get("unit")
    if unit in ("currency", "count", "days", "months"):
        text = fmt_int(value, lang)
        # Home Credit does not name the currency of its amounts: say so rather than print a bare number.
        words = {"days": ("jours", "days"), "months": ("mois", "months"), "currency": ("u.\u202fm.", "MU")}
        return f"{text} {words[unit][0 if lang == 'fr' else 1]}" if unit in words else text
    if unit == "years":
        return f"{fmt_num(value, 1, lang)} {'ans' if lang == 'fr' else 'years'}"
    return fmt_num(value, 2, lang)


def _relation(value: float | None, median: float | None, meta: dict) -> str:
    if value is None:
        return "missing"
    if meta["type"] in ("category", "binary") or median is None:
        return "category"
    if math.isclose(value, median, rel_tol=1e-6, abs_tol=1e-9):
        return "median"
    return "low" if value < median else "high"


def explain_client(art_dir: Path, client_id: int, lang: str, population: dict,
                   catalogue: list[dict], threshold: float, top: int = defaults["top"]) -> ExampleClient:
    """The client's probability, base value and largest SHAP contributions, with readable values."""
    contrib = _load_fixture(art_dir).get(client_id)
    if contrib is None:
        raise KeyError(f"client {client_id} is not in the SHAP fixture")
    with sqlite3.connect(f"file:{art_dir / 'clients.sqlite'}?mode=ro", uri=True) as con:
        con.row_factory = sqlite3.Row
        row = con.execute("SELECT * FROM clients WHERE id = ?", (client_id,)).fetchone()
        blob = con.execute("SELECT vector FROM features WHERE id = ?", (client_id,)).fetchone()[0]
    vector = np.frombuffer(blob, dtype="<f4").astype(np.float64)
    shap = np.asarray(contrib[:-1])
    if len(shap) != len(catalogue) or len(vector) != len(catalogue):
        raise ValueError(f"client {client_id}: {len(shap)} SHAP values and {len(vector)} inputs "
                         f"for {len(catalogue)} features in features.json")
    probability = 1.0 / (1.0 + math.exp(-float(np.sum(contrib))))
    # The fixture and the store come from the same booster: if they disagree the artifacts are stale.
    if abs(probability - row["probability"]) > defaults["parity_tolerance"]:
        raise ValueError(f"client {client_id}: SHAP sum gives {probability:.6f}, clients.sqlite says "
                         f"{row['probability']:.6f}")
    levels = population["quantile_levels"]
    order = np.argsort(-np.abs(shap), kind="stable")
    client = ExampleClient(id=client_id, dataset=row["dataset"], probability=probability, threshold=threshold,
                           base_value=float(contrib[-1]), profile=dict(row))
    by_name = {f["name"]: f for f in catalogue}
    for i in order[:top]:
        meta = catalogue[i]
        value = None if math.isnan(vector[i]) else float(vector[i])
        stats = population["features"].get(meta["name"])
        median = stats["quantiles"]["all"][levels.index(0.5)] if stats else None
        relation = _relation(value, median, meta)
        client.top.append(Contribution(
            name=meta["name"], label=feature_label(meta["name"], lang, by_name), value=value,
            display=_display(value, meta, lang), shap=float(shap[i]),
            median=_display(median, meta, lang) if relation in ("low", "high", "median") else None,
            relation=relation))
    rest = order[top:]
    client.rest_count, client.rest_sum = int(len(rest)), float(np.sum(shap[rest]))
    client.inputs = {f["name"]: (None if math.isnan(v) else float(v)) for f, v in zip(catalogue, vector)}
    return client
