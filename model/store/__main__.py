"""`python -m model.store replicate --from artifacts --clients 356255 --out /tmp/store-356k`: a larger artifact
folder for benchmarks (model/store/replicate.py)."""
from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from contextlib import closing
from pathlib import Path

from model.store.replicate import ReplicateError, replicate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m model.store")
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("replicate", help="an artifact folder with the store's clients copied to a given size")
    rep.add_argument("--from", dest="source", type=Path, default=Path("artifacts"))
    rep.add_argument("--out", type=Path, required=True, help="new folder (must not exist)")
    size = rep.add_mutually_exclusive_group(required=True)
    size.add_argument("--clients", type=int, help="exact number of clients")
    size.add_argument("--factor", type=int, help="copies of every client")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        clients = args.clients
        if clients is None:
            with closing(sqlite3.connect(f"file:{args.source / 'clients.sqlite'}?mode=ro", uri=True)) as db:
                clients = db.execute("SELECT count(*) FROM clients").fetchone()[0] * args.factor
        entry = replicate(args.source, args.out, clients)
    except (ReplicateError, OSError, sqlite3.Error) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"{args.out}: {entry['clients']:,} clients, {entry['bytes'] / 2**20:,.1f} MiB, "
          f"{time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
