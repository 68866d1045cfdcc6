"""Scale benchmark: replicate the labelled sample (fresh ids) to 1x, 10x and 77x (~ the full 307,511 clients)
and print feature-building time (the SQL definitions by DuckDB, reading the replicated CSV folder), one
LightGBM fit with the chosen parameters, and peak memory.

Each scale runs in its own process so that its peak resident memory is its own.
Run: `make bench-model` (or `python -m model.bench.scale [factors...]`).
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

from model.bench.features import defaults as replication
from model.bench.features import replicate_folder
from model.config import ARTIFACTS_DIR, SAMPLE_DIR
from model.data.load import read_table
from model.features.build import features_of_folder
from model.train.models import make_lightgbm

FACTORS = (1, 10, 77)


def run_one(factor: int) -> dict:
    folder = SAMPLE_DIR if factor == 1 else replication["folder"] / f"x{factor}"
    rows = {} if factor == 1 else replicate_folder(SAMPLE_DIR, folder, factor)
    start = time.perf_counter()
    features, _ = features_of_folder(folder, "application_train")
    feature_seconds = time.perf_counter() - start
    y = read_table(folder, "application_train", required=True)["TARGET"].to_numpy().astype(int)
    params = json.loads((ARTIFACTS_DIR / "metrics.json").read_text())["chosen"]["params"]
    start = time.perf_counter()
    make_lightgbm(params, seed=42).fit(features.X, y)
    fit_seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"factor": factor, "clients": len(y), "bureau_balance_rows": rows.get("bureau_balance", 0),
            "features": features.X.shape[1], "feature_seconds": round(feature_seconds, 1),
            "fit_seconds": round(fit_seconds, 1), "peak_mib": round(peak_mib)}


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--one":
        print(json.dumps(run_one(int(argv[1]))))
        return 0
    factors = [int(a) for a in argv] or list(FACTORS)
    print(f"{'scale':>6} {'clients':>9} {'bureau_balance rows':>20} {'features (s)':>13} {'one fit (s)':>12} "
          f"{'peak memory (MiB)':>18}", flush=True)
    for factor in factors:
        out = subprocess.run([sys.executable, "-m", "model.bench.scale", "--one", str(factor)],
                             capture_output=True, text=True, check=False)
        if out.returncode != 0:
            print(f"{factor:>5}x failed: {out.stderr.strip().splitlines()[-1] if out.stderr else out.returncode}")
            return 1
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{factor:>5}x {r['clients']:>9,} {r['bureau_balance_rows']:>20,} {r['feature_seconds']:>13} "
              f"{r['fit_seconds']:>12} {r['peak_mib']:>18,}", flush=True)
    print("Targets at 77x: peak memory < 16 GiB, features < 10 min, one fit < 15 min (2 cores).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
