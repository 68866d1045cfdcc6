"""The feature definitions run on a folder one slice of applications at a time, for portfolios larger than memory.

Each CSV file is read once and written to Parquet in a scratch folder: the application table in file
order (with its row number), every history table sorted by (SK_ID_CURR, file row), bureau_balance by
the client owning its credit. A slice is then a run of consecutive applications of the file; each
history table contributes only the rows of those clients, which Parquet's row-group statistics find
without reading the rest when the file is in id order (Kaggle's files and the replicated ones are).
Within a client the rows keep their file order, which is all the SQL's ordered sums need, so a slice
computes exactly what ``compute_folder`` computes on the whole folder.
"""
from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd

from model.data.load import DataError, _header, find_table
from model.data.schema import SCHEMAS
from model.features.engine import (DATASETS, SQL_DIR, _check_application_ids, _sql_literal, connect, csv_problem,
                                   csv_select, empty_table, fetch_inputs, register_category_codes, run_definitions)
from model.features.raw_columns import RAW_COLUMNS

# chunk_clients: applications per slice. The SQL's compensated sums hold each client's values as lists
# until they are summed, so memory grows with the slice's history rows: at the full Kaggle size a slice
# of 100,000 applications went beyond 2 GB (model.bench.portfolio), 50,000 stays within 4 GB.
# memory_limit / threads: DuckDB's own caps, so the process stays within a small machine whatever the
# folder's size (DuckDB spills its sorts to the scratch folder beyond them).
defaults = {"chunk_clients": 50_000, "memory_limit": "4GB", "threads": 2}


def _columns(table: str) -> str:
    return ", ".join(f'"{c}"' for c in RAW_COLUMNS[table])


def _to_parquet(con: duckdb.DuckDBPyConnection, table: str, path: Path, out: Path, bureau: Path | None) -> None:
    """One CSV file to Parquet: rows numbered in file order, history tables sorted by client then file row."""
    numbered = f"SELECT *, row_number() OVER () AS _row FROM ({csv_select(table, path)})"
    if table == "application":
        query = numbered
    elif table == "bureau_balance":
        # bureau_balance has no SK_ID_CURR: the owner of each credit comes from bureau (an absent bureau
        # leaves no credit to attach a month to, as in the whole-folder run).
        owners = (f"SELECT SK_ID_BUREAU, min(SK_ID_CURR) AS _owner FROM read_parquet({_sql_literal(bureau)}) "
                  "GROUP BY SK_ID_BUREAU")
        query = (f"SELECT m.*, o._owner FROM ({numbered}) AS m JOIN ({owners}) AS o USING (SK_ID_BUREAU) "
                 "ORDER BY o._owner, m._row")
    else:
        query = f"SELECT * FROM ({numbered}) ORDER BY SK_ID_CURR, _row"
    try:
        con.execute(f"COPY ({query}) TO {_sql_literal(out)} (FORMAT parquet)")
    except duckdb.Error as exc:
        raise DataError(f"{path.name}: {csv_problem(str(exc))}") from exc


def convert_folder(con: duckdb.DuckDBPyConnection, data_dir: Path, dataset: str, scratch: Path) -> dict[str, Path]:
    """Every table of the folder as Parquet in ``scratch``; returns the files written, by table name.

    Raises
    ------
    DataError
        When the application file or a required column of a present file is missing, or a value is unreadable.
    """
    if dataset not in DATASETS:
        raise ValueError(f"dataset must be one of {DATASETS}, got {dataset!r}")
    written: dict[str, Path] = {}
    for table in RAW_COLUMNS:  # bureau comes before bureau_balance
        stem = dataset if table == "application" else table
        path = find_table(Path(data_dir), stem)
        if path is None:
            if table == "application":
                raise DataError(f"missing file: {Path(data_dir) / stem}.csv (or .csv.gz)")
            continue
        if table == "bureau_balance" and "bureau" not in written:
            continue
        missing = [c for c in SCHEMAS[stem].required if c not in _header(path)]
        if missing:
            raise DataError(f"{path.name}: missing required column(s) {', '.join(missing)}")
        written[table] = Path(scratch) / f"{table}.parquet"
        _to_parquet(con, table, path, written[table], written.get("bureau"))
    return written


def _select_slice(con: duckdb.DuckDBPyConnection, files: dict[str, Path], first: int, last: int) -> None:
    """The SQL's tables as the rows of applications first..last (file rows) and of their clients."""
    con.execute(f'CREATE OR REPLACE TABLE application AS SELECT {_columns("application")} FROM '
                f'read_parquet({_sql_literal(files["application"])}) WHERE _row BETWEEN {first} AND {last} ORDER BY _row')
    low, high = con.execute("SELECT min(SK_ID_CURR), max(SK_ID_CURR) FROM application").fetchone()
    for table, path in files.items():
        if table == "application":
            continue
        client = "_owner" if table == "bureau_balance" else "SK_ID_CURR"
        con.execute(f'CREATE OR REPLACE TABLE "{table}" AS SELECT {_columns(table)} FROM read_parquet({_sql_literal(path)}) '
                    f"WHERE {client} BETWEEN {low} AND {high} AND {client} IN (SELECT SK_ID_CURR FROM application) "
                    f"ORDER BY {client}, _row")


def _fetch(con: duckdb.DuckDBPyConnection, columns: list[str] | None, chunk_clients: int,
           memory_limit: str) -> pd.DataFrame:
    try:
        return fetch_inputs(con, columns)
    except DataError as exc:
        if "Out of Memory" not in str(exc):
            raise
        raise DataError(f"a slice of {chunk_clients:,} applications needs more than DuckDB's memory limit "
                        f"({memory_limit}): lower --chunk-clients") from exc


def stream_folder(data_dir: Path, dataset: str, categories: dict[str, list[str]], columns: list[str] | None = None,
                  chunk_clients: int = defaults["chunk_clients"], memory_limit: str = defaults["memory_limit"],
                  threads: int = defaults["threads"], sql_dir: Path = SQL_DIR
                  ) -> Iterator[tuple[pd.DataFrame, list[str]]]:
    """Model inputs of ``dataset``'s applications, ``chunk_clients`` at a time, in the file's order.

    Yields each slice's inputs (float32, NaN = missing, indexed by SK_ID_CURR) with the history tables
    present in the folder. The scratch folder (Parquet copies, DuckDB's database and spill files) is
    removed when the iteration ends or is abandoned.
    """
    if chunk_clients < 1:
        raise ValueError(f"chunk_clients must be >= 1, got {chunk_clients}")
    with tempfile.TemporaryDirectory(prefix="pad-stream-") as scratch:
        con = connect(Path(scratch) / "slice.duckdb")
        try:
            con.execute(f"SET memory_limit = {_sql_literal(memory_limit)}")
            con.execute(f"SET threads = {int(threads)}")
            con.execute(f"SET temp_directory = {_sql_literal(Path(scratch) / 'spill')}")
            files = convert_folder(con, data_dir, dataset, Path(scratch))
            present = [t for t in files if t != "application"]
            for table in RAW_COLUMNS:
                if table not in files:
                    empty_table(con, table)
            con.execute(f"CREATE VIEW application AS SELECT * FROM read_parquet({_sql_literal(files['application'])})")
            _check_application_ids(con)
            total = con.execute("SELECT count(*) FROM application").fetchone()[0]
            con.execute("DROP VIEW application")
            register_category_codes(con, categories)
            for first in range(1, total + 1, chunk_clients):
                _select_slice(con, files, first, min(first + chunk_clients - 1, total))
                run_definitions(con, sql_dir)
                yield _fetch(con, columns, chunk_clients, memory_limit), present
        finally:
            con.close()
