"""The portfolio figures of docs/architecture.md, written from docs/bench/portfolio.json between two markers.

Only this block holds numbers; the prose around it is written by hand and quotes none (rule: numbers in
docs come from a file, never typed). ``model/tests/test_portfolio_doc.py`` fails when the committed page
and the committed JSON disagree.
"""
from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ARCHITECTURE = REPO / "docs" / "architecture.md"
FIGURES = REPO / "docs" / "bench" / "portfolio.json"
MARKERS = {lang: (f"<!-- portfolio-figures:{lang} (written by make bench-model from docs/bench/portfolio.json; "
                  "do not edit) -->", f"<!-- /portfolio-figures:{lang} -->") for lang in ("en", "fr")}
NIGHT_HOURS = 8
NNBSP = "\u202f"  # French thousands separator and space before : ; ! ?


def _n(value: float, lang: str) -> str:
    text = f"{round(value):,}"
    return text.replace(",", NNBSP) if lang == "fr" else text


def night_capacity(run: dict, hours: int = NIGHT_HOURS) -> int:
    """Applications one machine scores in ``hours`` at the run's measured rate."""
    return int(run["rows_per_second"] * hours * 3600)


def _table_en(results: dict) -> list[str]:
    rows = ["| run | applications | slice | time | rows/s | peak memory | CPU time | load average before (1/5/15 min) |",
            "|---|---:|---:|---:|---:|---:|---:|---|"]
    runs = [(name, r) for name, r in results["runs"].items()]
    runs += [("kaggle-77x", r) for r in results.get("chunk_sizes", [])]
    for name, r in sorted(runs, key=lambda x: (x[0], x[1]["chunk_clients"])):
        rows.append(f"| {name} ({r['folder'] if 'folder' in r else 'slice size'}) | {_n(r['applications'], 'en')} | "
                    f"{_n(r['chunk_clients'], 'en')} | {r['seconds']} s | {_n(r['rows_per_second'], 'en')} | "
                    f"{_n(r['peak_mib'], 'en')} MiB | {r['cpu_seconds']} s | "
                    f"{' / '.join(str(x) for x in r['load_average_before'])} |")
    return rows


def render(results: dict, lang: str) -> str:
    """The figures block in ``lang`` ("en": the tables and the night's capacity; "fr": the capacity alone)."""
    full = results["runs"].get("kaggle-77x")
    apps = results["runs"]["applications-3.5M"]
    if full is None:  # an interrupted benchmark: say so rather than quote a rate that was not measured
        return _without_history(results, apps, lang)
    if lang == "fr":
        return (f"Mesuré ({results['measured_at']}) sur une machine de {results['machine']['cores']} cœurs partagée{NNBSP}: "
                f"{_n(full['rows_per_second'], 'fr')} demandes par seconde avec tout leur historique (77×), "
                f"{_n(apps['rows_per_second'], 'fr')} sans historique (3,5 millions){NNBSP}; soit en une nuit de "
                f"{NIGHT_HOURS} heures {_n(night_capacity(full), 'fr')} demandes avec historique, pour une mémoire "
                f"maximale de {_n(max(full['peak_mib'], apps['peak_mib']), 'fr')} Mio.")
    lines = [f"Measured {results['measured_at']} by `make bench-model` (`model/bench/portfolio.py`) on "
             f"{results['machine']['cores']} cores shared with other work (hence the load averages):", "",
             *_table_en(results), ""]
    if "sources" in results:
        s = results["sources"]
        lines += [f"Where a slice's rows come from (77x, slice of {_n(s['chunk_clients'], 'en')}): "
                  f"{s['csv_slice_seconds']} s per slice scanning the {_n(s['csv_mib'], 'en')} MiB of CSV files, "
                  f"against a one-time {s['parquet_conversion_seconds']} s conversion to "
                  f"{_n(s['parquet_mib'], 'en')} MiB of Parquet sorted by SK_ID_CURR, then "
                  f"{s['parquet_slice_seconds']} s per slice.", ""]
    lines += [f"**One 2-core machine scores {_n(night_capacity(full), 'en')} applications with their full history "
              f"in a night of {NIGHT_HOURS} hours** ({_n(full['rows_per_second'], 'en')} rows/s), and "
              f"{_n(night_capacity(apps), 'en')} without history ({_n(apps['rows_per_second'], 'en')} rows/s), "
              f"in at most {_n(max(full['peak_mib'], apps['peak_mib']), 'en')} MiB."]
    return "\n".join(lines)


def _without_history(results: dict, apps: dict, lang: str) -> str:
    if lang == "fr":
        return (f"Mesuré ({results['measured_at']}) sur une machine de {results['machine']['cores']} cœurs partagée{NNBSP}: "
                f"{_n(apps['rows_per_second'], 'fr')} demandes par seconde sans historique (3,5 millions), soit "
                f"{_n(night_capacity(apps), 'fr')} en une nuit de {NIGHT_HOURS} heures{NNBSP}; le débit avec tout "
                "l'historique (77×) n'est pas encore mesuré.")
    return "\n".join([f"Measured {results['measured_at']} by `make bench-model` (`model/bench/portfolio.py`) on "
                      f"{results['machine']['cores']} cores shared with other work (hence the load averages):", "",
                      *_table_en(results), "",
                      f"**One 2-core machine scores {_n(night_capacity(apps), 'en')} applications without history "
                      f"in a night of {NIGHT_HOURS} hours** ({_n(apps['rows_per_second'], 'en')} rows/s, at most "
                      f"{_n(apps['peak_mib'], 'en')} MiB). The rate with every history table (77x) is not "
                      "measured yet: run `make bench-model`."])


def replace_block(page: str, results: dict) -> str:
    """``page`` with each language's block rewritten; raises ValueError when a marker is missing."""
    for lang, (start, end) in MARKERS.items():
        if start not in page or end not in page:
            raise ValueError(f"architecture.md has no {lang} portfolio-figures markers")
        before, rest = page.split(start, 1)
        _, after = rest.split(end, 1)
        page = f"{before}{start}\n{render(results, lang)}\n{end}{after}"
    return page


def update_architecture(results: dict, path: Path = ARCHITECTURE) -> None:
    path.write_text(replace_block(path.read_text(encoding="utf-8"), results), encoding="utf-8")


if __name__ == "__main__":
    update_architecture(json.loads(FIGURES.read_text(encoding="utf-8")))
