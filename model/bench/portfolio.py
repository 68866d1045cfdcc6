"""Portfolio benchmark: `python -m model score` on 3.5 million applications and on the full Kaggle size (77x, every
history table), each in its own process; prints time, rows/s, peak memory (the child's ru_maxrss) and the load
average, and records them in docs/bench/portfolio.json, which docs/architecture.md quotes (``portfolio_doc``).

Also measured, on the 77x folder: the slice size (applications per slice) against time and memory, and where
a slice's rows come from (a filtered scan of the CSV files for each slice, or the one-time Parquet copy sorted
by SK_ID_CURR that scoring uses).
The folders are built once outside the repo (``portfolio_data``, ``features.replicate_folder``) and reused.

Run: `make bench-model` (or `python -m model.bench.portfolio [--only NAME ...] [--no-doc]`).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from model.bench.features import defaults as replication
from model.bench.features import replicate_folder
from model.bench.portfolio_data import applications_folder
from model.bench.portfolio_data import defaults as portfolio_data
from model.config import SAMPLE_DIR
from model.features.streaming import defaults as stream_defaults

REPO = Path(__file__).resolve().parents[2]
defaults = {"json": REPO / "docs" / "bench" / "portfolio.json", "chunk_clients": stream_defaults["chunk_clients"],
            "chunk_sizes": (25_000, 100_000), "night_hours": 8}


def _folder(name: str) -> tuple[Path, int, str]:
    if name == "applications-3.5M":
        folder, rows = applications_folder()
        return folder, rows, "application_test replicated 700x; no history table (about 45 GB of CSV at 700x)"
    folder = replication["folder"] / "x77"
    rows = replicate_folder(SAMPLE_DIR, folder, 77)
    return folder, rows["application_test"], "every table replicated 77x (~ the full Kaggle download)"


def score_once(folder: Path, chunk_clients: int) -> dict:
    """One `python -m model score` in a child process: wall time, CPU time, its own peak resident memory."""
    root = portfolio_data["root"]
    out, log = root / "scores.csv", root / "score.log"
    load_before = os.getloadavg()
    start = time.perf_counter()
    with open(log, "w") as stream:  # files, not pipes: wait4 reaps the child itself and returns its rusage
        child = subprocess.Popen([sys.executable, "-m", "model", "score", "--data-dir", str(folder), "--out", str(out),
                                  "--unknown-as-missing", "--chunk-clients", str(chunk_clients)],
                                 stdout=stream, stderr=subprocess.STDOUT, cwd=REPO)
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    lines = log.read_text().strip().splitlines()
    if child.returncode != 0:
        raise RuntimeError(f"score failed on {folder}: {lines[-1] if lines else child.returncode}")
    with out.open() as scores:
        rows = sum(1 for _ in scores) - 1
    out.unlink()
    return {"chunk_clients": chunk_clients, "duckdb_memory_limit": stream_defaults["memory_limit"],
            "applications": rows, "seconds": round(seconds, 1),
            "rows_per_second": round(rows / seconds), "peak_mib": round(usage.ru_maxrss / 1024),
            "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()], "output": lines[-1]}


def _record(results: dict, path: Path) -> None:
    """Written after every measurement, so an interrupted run keeps what it measured."""
    path.parent.mkdir(parents=True, exist_ok=True)
    results["measured_at"] = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%MZ")
    partial = path.with_suffix(".json.partial")
    partial.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, path)


def _print(name: str, r: dict) -> None:
    print(f"{name:>22} {r['applications']:>10,} {r['chunk_clients']:>8,} {r['seconds']:>9} {r['rows_per_second']:>8,} "
          f"{r['peak_mib']:>9,} {r['cpu_seconds']:>8}   {' '.join(map(str, r['load_average_before']))}", flush=True)


RUNS = ("applications-3.5M", "kaggle-77x")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m model.bench.portfolio")
    parser.add_argument("--only", nargs="*", choices=[*RUNS, "chunk-sizes", "sources"],
                        help="measure only these (default: all); the others keep their recorded figures")
    parser.add_argument("--json", type=Path, default=defaults["json"])
    parser.add_argument("--no-doc", action="store_true", help="do not rewrite the figures in docs/architecture.md")
    args = parser.parse_args(argv)
    wanted = set(args.only or [*RUNS, "chunk-sizes", "sources"])
    results = json.loads(args.json.read_text()) if args.json.is_file() else {}
    results.setdefault("runs", {})
    results["machine"] = {"cores": os.cpu_count(), "note": "2 cores shared with other engineers' work: see the load "
                          "averages (1, 5, 15 min) taken before each run"}
    print(f"{'run':>22} {'apps':>10} {'slice':>8} {'time (s)':>9} {'rows/s':>8} {'peak MiB':>9} {'CPU (s)':>8}   "
          "load average", flush=True)
    for name in RUNS:
        if name in wanted:
            folder, _, what = _folder(name)
            results["runs"][name] = score_once(folder, defaults["chunk_clients"]) | {"folder": what}
            _record(results, args.json)
        if name in results["runs"]:
            _print(name, results["runs"][name])
    if "chunk-sizes" in wanted:
        folder, _, _ = _folder("kaggle-77x")
        results["chunk_sizes"] = [score_once(folder, size) for size in defaults["chunk_sizes"]]
        _record(results, args.json)
    for r in results.get("chunk_sizes", []):
        _print("kaggle-77x (slice)", r)
    if "sources" in wanted:
        from model.bench.portfolio_sources import compare_sources

        results["sources"] = compare_sources(_folder("kaggle-77x")[0], defaults["chunk_clients"])
        _record(results, args.json)
    if "sources" in results:
        s = results["sources"]
        print(f"slice of {s['chunk_clients']:,} at 77x: {s['csv_slice_seconds']} s from the CSV files, "
              f"{s['parquet_slice_seconds']} s from Parquet after a {s['parquet_conversion_seconds']} s conversion")
    if not args.no_doc:
        from model.bench.portfolio_doc import update_architecture

        update_architecture(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
