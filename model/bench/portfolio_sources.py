"""Where a slice's rows come from, measured: a filtered scan of every CSV file for each slice, or one Parquet
copy sorted by SK_ID_CURR (what ``model.features.streaming`` does) read through its row-group statistics.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from model.data.load import find_table
from model.features.engine import _sql_literal, connect, csv_select
from model.features.raw_columns import RAW_COLUMNS
from model.features.streaming import _select_slice, convert_folder
from model.features.streaming import defaults as limits


def _csv_slice(con, folder: Path, chunk_clients: int) -> None:
    """The first slice's tables straight from the CSV files (each file scanned whole, rows filtered)."""
    app = csv_select("application", find_table(folder, "application_test"))
    con.execute(f"CREATE OR REPLACE TABLE application AS SELECT * FROM ({app}) LIMIT {int(chunk_clients)}")
    low, high = con.execute("SELECT min(SK_ID_CURR), max(SK_ID_CURR) FROM application").fetchone()
    for table in RAW_COLUMNS:
        path = find_table(folder, table)
        if table == "application" or path is None:
            continue
        where = ("SK_ID_BUREAU IN (SELECT SK_ID_BUREAU FROM bureau)" if table == "bureau_balance" else
                 f"SK_ID_CURR BETWEEN {low} AND {high} AND SK_ID_CURR IN (SELECT SK_ID_CURR FROM application)")
        con.execute(f'CREATE OR REPLACE TABLE "{table}" AS SELECT * FROM ({csv_select(table, path)}) WHERE {where}')


def compare_sources(folder: Path, chunk_clients: int) -> dict:
    """Seconds for one slice from the CSV files, for the Parquet conversion, and for one slice from Parquet."""
    with tempfile.TemporaryDirectory(prefix="pad-sources-") as scratch:
        con = connect(Path(scratch) / "bench.duckdb")
        con.execute(f"SET memory_limit = {_sql_literal(limits['memory_limit'])}")
        con.execute(f"SET threads = {int(limits['threads'])}")
        con.execute(f"SET temp_directory = {_sql_literal(Path(scratch) / 'spill')}")
        start = time.perf_counter()
        _csv_slice(con, folder, chunk_clients)
        csv_seconds = time.perf_counter() - start
        start = time.perf_counter()
        files = convert_folder(con, folder, "application_test", Path(scratch))
        conversion = time.perf_counter() - start
        start = time.perf_counter()
        _select_slice(con, files, 1, chunk_clients)
        parquet_seconds = time.perf_counter() - start
        parquet_mib = sum(p.stat().st_size for p in files.values()) / 2**20
        con.close()
    read = [find_table(folder, "application_test")] + [find_table(folder, t) for t in RAW_COLUMNS if t != "application"]
    csv_mib = sum(p.stat().st_size for p in read if p is not None) / 2**20
    return {"chunk_clients": chunk_clients, "csv_slice_seconds": round(csv_seconds, 1),
            "parquet_conversion_seconds": round(conversion, 1), "parquet_slice_seconds": round(parquet_seconds, 1),
            "csv_mib": round(csv_mib), "parquet_mib": round(parquet_mib)}
