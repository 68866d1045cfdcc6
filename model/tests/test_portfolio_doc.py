"""The portfolio figures in docs/architecture.md are the ones the benchmark recorded, never typed."""
import json

import pytest

from model.bench.portfolio_doc import ARCHITECTURE, FIGURES, MARKERS, night_capacity, render, replace_block


def _results(rate_full=1_000, rate_apps=4_000):
    run = {"chunk_clients": 100_000, "applications": 385_000, "seconds": 385.0, "rows_per_second": rate_full,
           "peak_mib": 900, "cpu_seconds": 500.0, "load_average_before": [1.0, 2.0, 3.0], "folder": "every table"}
    return {"measured_at": "2026-12-02T05:00Z", "machine": {"cores": 2},
            "runs": {"kaggle-77x": run, "applications-3.5M": run | {"rows_per_second": rate_apps,
                                                                    "applications": 3_500_000}}}


def test_the_committed_page_quotes_the_committed_figures():
    results = json.loads(FIGURES.read_text(encoding="utf-8"))
    page = ARCHITECTURE.read_text(encoding="utf-8")
    assert replace_block(page, results) == page, "run `python -m model.bench.portfolio_doc` (or make bench-model)"
    assert "applications-3.5M" in results["runs"]
    for run in results["runs"].values():
        assert run["applications"] > 0 and run["rows_per_second"] > 0 and run["peak_mib"] > 0


def test_the_night_capacity_follows_the_measured_rate():
    assert night_capacity({"rows_per_second": 1_000}) == 28_800_000
    text = render(_results(rate_full=1_000), "en")
    assert "scores 28,800,000 applications with their full history in a night of 8 hours" in text
    assert "28\u202f800\u202f000 demandes avec historique" in render(_results(rate_full=1_000), "fr")
    assert "57,600,000" in render(_results(rate_full=2_000), "en")


def test_a_page_without_the_markers_is_refused():
    with pytest.raises(ValueError, match="no en portfolio-figures markers"):
        replace_block("# Architecture\n" + "\n".join(MARKERS["fr"]), _results())


def test_an_unmeasured_full_size_run_is_said_not_measured():
    results = _results()
    del results["runs"]["kaggle-77x"]
    assert "not measured yet" in render(results, "en") and "pas encore mesuré" in render(results, "fr")
