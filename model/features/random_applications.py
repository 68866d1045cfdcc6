"""Seeded random applications in the API's JSON shape, with the model inputs the Python engine computes for
each: the cross-engine fixture (artifacts/fixtures/applications-random.json.gz) the API's tests replay.

They cover what real data rarely shows together: optional columns absent or null, zero and extreme
amounts, empty and very long histories, every allowed category text (one the model never saw
gives a missing input).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from model.artifacts import write_json
from model.features.engine import compute_frames
from model.features.input_rules import DAYS_EMPLOYED_RANGE

defaults = {"count": 200, "long_every": 20, "missing_share": 0.3}
HISTORY = ("bureau", "previous_application", "POS_CASH_balance", "credit_card_balance", "installments_payments")
LOAN_TABLES = ("POS_CASH_balance", "credit_card_balance", "installments_payments")


class _Values:
    """Draws one valid value of a schema column; ``k`` cycles through category texts."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng

    def __call__(self, spec: dict, k: int):
        kind, low, high, rng = spec["type"], spec.get("min"), spec.get("max"), self.rng
        if spec.get("allowed"):
            return spec["allowed"][k % len(spec["allowed"])]
        if kind == "flag":
            return int(rng.integers(0, 2))
        if spec["name"] == "DAYS_EMPLOYED" and rng.random() < 0.2:
            return DAYS_EMPLOYED_RANGE[1]  # the "not employed" placeholder
        if kind in ("days", "integer"):
            hi = min(high, 0) if kind == "days" and spec["name"] != "DAYS_CREDIT_ENDDATE" else high
            lo = max(low, hi - 20_000) if kind == "days" else low
            return int(rng.integers(lo, min(hi, lo + 12) + 1)) if kind == "integer" and spec["unit"] == "count" \
                else int(rng.integers(lo, hi + 1))
        if spec["unit"] == "currency":
            draw = rng.random()
            if draw < 0.05:
                return 0
            if draw < 0.10:
                return float(high) if rng.random() < 0.5 else float(low)
            return round(float(np.exp(rng.normal(11, 1.5))) * (1 if low >= 0 or rng.random() < 0.8 else -1), 2)
        value = float(rng.uniform(low if low is not None else 0.0, high if high is not None else 1.0))
        return float(rng.choice([low, high])) if rng.random() < 0.05 and low is not None and high is not None else value


def _row(columns: list[dict], draw: _Values, k: int, missing: float, rng: np.random.Generator,
         required: set[str] = frozenset()) -> dict:
    row = {}
    for spec in columns:
        if spec["name"] not in required and rng.random() < missing:
            if rng.random() < 0.5:
                row[spec["name"]] = None  # missing as null; otherwise absent
            continue
        row[spec["name"]] = draw(spec, k + len(row))
    return row


def random_applications(schema: dict, seed: int, count: int = defaults["count"]) -> list[dict]:
    """``count`` application bodies ({id, application, bureau: [{..., bureau_balance: [...]}], ...})."""
    rng = np.random.default_rng(seed)
    draw, tables = _Values(rng), {t: e["columns"] for t, e in schema["tables"].items()}
    required = set(schema["required"])
    bodies = []
    for i in range(count):
        missing = 0.0 if i % 4 == 0 else defaults["missing_share"]
        long = i % defaults["long_every"] == 1
        size = (lambda base: 0 if i % 5 == 0 else int(rng.integers(1, base + 1)) * (15 if long else 1))
        body = {"id": f"random-{i:03d}" if i % 2 else i, "application": _row(tables["application"], draw, i, missing,
                                                                             rng, required)}
        bureau = []
        for j in range(size(4)):
            credit = _row(tables["bureau"], draw, i + j, missing, rng)
            credit["bureau_balance"] = [_row(tables["bureau_balance"], draw, i + j + m, 0.0, rng)
                                        for m in range(size(8) if j % 3 else 0)]
            bureau.append(credit)
        previous = [_row(tables["previous_application"], draw, i + j, missing, rng) | {"SK_ID_PREV": i * 10_000 + j}
                    for j in range(size(4))]
        body |= {"bureau": bureau, "previous_application": previous}
        for table in LOAN_TABLES:
            body[table] = [_row(tables[table], draw, i + j, missing, rng)
                           | {"SK_ID_PREV": previous[int(rng.integers(0, len(previous)))]["SK_ID_PREV"]}
                           for j in range(size(6) if previous else 0)]
        bodies.append(body)
    return bodies


def frames_of(bodies: list[dict], schema: dict) -> dict[str, pd.DataFrame]:
    """The raw tables the SQL reads for these bodies: SK_ID_CURR = position + 1, SK_ID_BUREAU numbered in
    order, rows in the order of the request's arrays."""
    rows: dict[str, list[dict]] = {t: [] for t in schema["tables"]}
    next_bureau = 1
    for position, body in enumerate(bodies):
        client = position + 1
        rows["application"].append({"SK_ID_CURR": client, **body["application"]})
        for credit in body.get("bureau", []):
            fields = {k: v for k, v in credit.items() if k != "bureau_balance"}
            rows["bureau"].append({"SK_ID_CURR": client, "SK_ID_BUREAU": next_bureau, **fields})
            rows["bureau_balance"].extend({"SK_ID_BUREAU": next_bureau, **m} for m in credit.get("bureau_balance", []))
            next_bureau += 1
        for table in HISTORY[1:]:
            rows[table].extend({"SK_ID_CURR": client, **r} for r in body.get(table, []))
    return {t: pd.DataFrame(r) if r else None for t, r in rows.items()}


def write_random_applications(path: Path, sql_dir: Path, names: list[str], categories: dict[str, list[str]],
                              seed: int) -> None:
    """Write the fixture: ``{features, applications: [{body, inputs: {feature: number | null}}]}``."""
    schema = json.loads((sql_dir / "application-schema.json").read_text(encoding="utf-8"))
    bodies = random_applications(schema, seed)
    X = compute_frames(frames_of(bodies, schema), categories, names, sql_dir).to_numpy(np.float32)
    applications = [{"body": body, "inputs": {n: None if np.isnan(v) else float(v) for n, v in zip(names, X[k])}}
                    for k, body in enumerate(bodies)]
    write_json(path, {"features": names, "seed": seed, "applications": applications}, compress=True)
