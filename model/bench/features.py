"""Feature-building benchmark on a replicated Kaggle folder: DuckDB (the SQL definitions) against the former
pandas code.

The sample's tables are written ``factor`` times into a folder outside the repo, every copy with fresh
SK_ID_CURR / SK_ID_BUREAU / SK_ID_PREV, so that 77x is about the size of the full download (307,511
clients). The engine then reads that folder and builds the model inputs of application_train in its own
process, so the printed peak resident memory is its alone (reading included). The pandas feature code
no longer exists (the SQL is the single definition); its figures, measured the same way on the same
folder just before it was removed, are printed beside for comparison.

Run: `make bench-model` (or `python -m model.bench.features [--factor 77]`).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from model.config import SAMPLE_DIR
from model.data.load import find_table
from model.data.schema import SCHEMAS

defaults = {"factor": 77, "folder": Path(tempfile.gettempdir()) / "pad-bench-replicated"}
ID_STRIDE = {"SK_ID_CURR": 10_000_000, "SK_ID_BUREAU": 100_000_000, "SK_ID_PREV": 100_000_000}


def replicate_folder(src: Path, dst: Path, factor: int) -> dict[str, int]:
    """Write ``factor`` copies of every table of ``src`` into ``dst`` (plain CSV), ids shifted per copy.

    Values travel as text (all_varchar), so every copy holds exactly the sample's values.
    Returns the row count written per table.
    """
    import duckdb

    dst.mkdir(parents=True, exist_ok=True)
    stamp = dst / "REPLICATED.json"
    if stamp.is_file() and json.loads(stamp.read_text()).get("factor") == factor:
        return json.loads(stamp.read_text())["rows"]
    rows = {}
    con = duckdb.connect()
    for name, schema in SCHEMAS.items():
        path = find_table(src, schema.file_stem)
        if path is None:
            continue
        cols = con.execute(f"SELECT * FROM read_csv('{path}', all_varchar=true, header=true) LIMIT 0").description
        select = ", ".join(
            f"CAST(CAST(\"{c[0]}\" AS BIGINT) + k.range * {ID_STRIDE[c[0]]} AS VARCHAR) AS \"{c[0]}\""
            if c[0] in ID_STRIDE else f"\"{c[0]}\"" for c in cols)
        out = dst / f"{schema.file_stem}.csv"
        con.execute(f"COPY (SELECT {select} FROM range({factor}) AS k, "
                    f"read_csv('{path}', all_varchar=true, header=true)) TO '{out}' (HEADER, DELIMITER ',')")
        rows[name] = con.execute(f"SELECT count(*) FROM read_csv('{out}', all_varchar=true)").fetchone()[0]
    stamp.write_text(json.dumps({"factor": factor, "rows": rows}))
    return rows


# The former pandas code (load_tables + build_features), 77x folder, 2 shared cores, 2026-12-01.
PANDAS_77X = {"engine": "pandas (former)", "clients": 308_000, "seconds": 413.4, "peak_mib": 11_334}


def _duckdb(folder: Path) -> int:
    from model.features.engine import compute_folder

    return compute_folder(folder, "application_train")[0].shape[0]


def run_one(engine: str, folder: Path) -> dict:
    """Read ``folder`` and build application_train's model inputs with ``engine``; time and peak memory."""
    start = time.perf_counter()
    n_clients = {"duckdb": _duckdb}[engine](folder)
    seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"engine": engine, "clients": n_clients, "seconds": round(seconds, 1), "peak_mib": round(peak_mib)}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m model.bench.features")
    parser.add_argument("--factor", type=int, default=defaults["factor"])
    parser.add_argument("--folder", type=Path, default=defaults["folder"])
    parser.add_argument("--one", choices=["duckdb"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.folder)))
        return 0
    folder = args.folder / f"x{args.factor}"
    rows = replicate_folder(SAMPLE_DIR, folder, args.factor)
    print(f"{args.factor}x sample in {folder}: " + ", ".join(f"{k} {v:,}" for k, v in rows.items()), flush=True)
    print(f"{'engine':>16} {'clients':>9} {'read + features (s)':>20} {'peak memory (MiB)':>18}", flush=True)
    out = subprocess.run([sys.executable, "-m", "model.bench.features", "--one", "duckdb", "--folder", str(folder)],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        print(f"{'duckdb':>16} failed: {out.stderr.strip().splitlines()[-1] if out.stderr else out.returncode}")
        return 1
    rows = [json.loads(out.stdout.strip().splitlines()[-1])]
    if args.factor == 77:
        rows.append(PANDAS_77X)
    for r in rows:
        print(f"{r['engine']:>16} {r['clients']:>9,} {r['seconds']:>20} {r['peak_mib']:>18,}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
