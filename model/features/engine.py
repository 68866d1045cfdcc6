"""Run the feature definitions (model/features/sql/, DuckDB SQL) on raw Kaggle tables.

The SQL is the only definition of a model input; this module only puts tables of the Kaggle names
in front of it (CSV files of a folder, or in-memory frames), supplies the category codes, and
fetches the ``model_inputs`` view as a float32 frame (NaN = missing). Tables keep their rows in
file order (the SQL sums each client's values in rowid order). A folder is loaded into a DuckDB
database file in a temporary folder, so data larger than memory spills to disk.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from model.data.load import DataError, _header, find_table
from model.data.schema import SCHEMAS
from model.features.raw_columns import APPLICATION_CATEGORIES, RAW_COLUMNS, SQL_FILES

SQL_DIR = Path(__file__).resolve().parent / "sql"
# Texts read as missing, as pandas read them (its default NA strings plus Kaggle's XNA / XAP).
NULL_TEXTS = ["", "XNA", "XAP", "NA", "N/A", "#N/A", "NaN", "nan", "-NaN", "-nan", "NULL", "null", "None", "<NA>"]
DATASETS = ("application_train", "application_test")
# Clients per run of the definitions on a folder: bounds DuckDB's memory on the full data (the
# compensated sums keep each client's values in memory until they are summed).
defaults = {"chunk_clients": 50_000}


def connect(database: Path | str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A fresh DuckDB connection; insertion order is kept, since rowid orders each client's rows."""
    con = duckdb.connect(str(database))
    con.execute("SET preserve_insertion_order = true")
    return con


def _sql_literal(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def csv_select(table: str, path: Path) -> str:
    """The SELECT reading ``table``'s CSV file in file order, typed as the SQL expects (other columns skipped)."""
    columns = RAW_COLUMNS[table]
    present = set(_header(path))
    types = ", ".join(f"{_sql_literal(c)}: '{t}'" for c, t in columns.items() if c in present)
    select = ", ".join(f'"{c}"' if c in present else f'CAST(NULL AS {t}) AS "{c}"' for c, t in columns.items())
    nulls = ", ".join(_sql_literal(v) for v in NULL_TEXTS)
    return (f"SELECT {select} FROM read_csv({_sql_literal(path)}, "
            f"header = true, types = {{{types}}}, nullstr = [{nulls}], auto_detect = true)")


def _csv_table(con: duckdb.DuckDBPyConnection, table: str, path: Path, schema: str = "main") -> None:
    """``table`` loaded from the CSV file in file order."""
    try:
        con.execute(f"CREATE OR REPLACE TABLE {schema}.\"{table}\" AS {csv_select(table, path)}")
    except duckdb.Error as exc:
        raise DataError(f"{path.name}: {csv_problem(str(exc))}") from exc


def csv_problem(message: str) -> str:
    """DuckDB's CSV error in one line: the row (line of the file), the column and the value it refused."""
    lines = message.splitlines()
    where = next((l.split("CSV Error on ")[-1] for l in lines if "CSV Error on Line" in l), None)
    what = next((l.strip() for l in lines if l.startswith("Error when converting column")), None)
    if where and what:
        return f"{what.replace('Error when converting column', 'column')} ({where.lower()})"
    return f"unreadable content ({lines[0][:300] if lines else 'unknown error'})"


def empty_table(con: duckdb.DuckDBPyConnection, table: str, schema: str = "main") -> None:
    cols = ", ".join(f'"{c}" {t}' for c, t in RAW_COLUMNS[table].items())
    con.execute(f'CREATE OR REPLACE TABLE {schema}."{table}" ({cols})')


def register_folder(con: duckdb.DuckDBPyConnection, data_dir: Path, dataset: str, schema: str = "main") -> list[str]:
    """Expose a Kaggle-format folder to the SQL: ``dataset``'s file as ``application``, every history table
    present as itself, every absent one as an empty table. Returns the history tables present.

    Raises
    ------
    DataError
        When the application file or a required column of a present file is missing.
    """
    if dataset not in DATASETS:
        raise ValueError(f"dataset must be one of {DATASETS}, got {dataset!r}")
    data_dir = Path(data_dir)
    present = []
    for table in RAW_COLUMNS:
        stem = dataset if table == "application" else table
        path = find_table(data_dir, stem)
        if path is None:
            if table == "application":
                raise DataError(f"missing file: {data_dir / stem}.csv (or .csv.gz)")
            empty_table(con, table, schema)
            continue
        header = _header(path)
        missing = [c for c in SCHEMAS[stem].required if c not in header]
        if missing:
            raise DataError(f"{path.name}: missing required column(s) {', '.join(missing)}")
        _csv_table(con, table, path, schema)
        if table != "application":
            present.append(table)
    return present


def register_frames(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame | None]) -> None:
    """Expose in-memory raw tables (Kaggle names and columns) to the SQL; absent tables or columns are empty/NULL."""
    for table, columns in RAW_COLUMNS.items():
        frame = frames.get(table)
        if frame is None:
            empty_table(con, table)
            continue
        frame = frame.reset_index(drop=True)
        typed = pd.DataFrame({c: _typed(frame[c], t) if c in frame.columns else pd.Series([None] * len(frame),
                                                                                        dtype="object")
                              for c, t in columns.items()})
        name = f"_frame_{table}"
        con.register(name, typed)
        select = ", ".join(f'CAST("{c}" AS {t}) AS "{c}"' for c, t in columns.items())
        con.execute(f'CREATE OR REPLACE TABLE "{table}" AS SELECT {select} FROM {name}')
        con.unregister(name)


def _typed(series: pd.Series, sql_type: str) -> pd.Series:
    if sql_type == "VARCHAR":
        return series.astype("object").where(series.notna(), None).map(lambda v: v if v is None else str(v))
    return pd.to_numeric(series, errors="raise").astype("float64" if sql_type == "DOUBLE" else "Int64")


def register_category_codes(con: duckdb.DuckDBPyConnection, categories: dict[str, list[str]]) -> None:
    """The ``category_codes`` table: the model's integer code of each category text (list order)."""
    rows = [(feature, value, code) for feature, values in categories.items() for code, value in enumerate(values)]
    con.execute("CREATE OR REPLACE TEMP TABLE category_codes (feature VARCHAR, value VARCHAR, code INTEGER)")
    if rows:
        con.executemany("INSERT INTO category_codes VALUES (?, ?, ?)", rows)


def learn_categories(con: duckdb.DuckDBPyConnection, schema: str = "main") -> dict[str, list[str]]:
    """Code order of each category column, learned from ``application`` (sorted texts; no target involved)."""
    con.execute((SQL_DIR / SQL_FILES[0]).read_text(encoding="utf-8"))  # the SQL's own notion of a missing text
    learned = {}
    for col in APPLICATION_CATEGORIES:
        values = con.execute(f'SELECT DISTINCT category("{col}") FROM {schema}.application').fetchall()
        learned[col] = sorted(str(v) for (v,) in values if v is not None)
    return learned


def run_definitions(con: duckdb.DuckDBPyConnection, sql_dir: Path = SQL_DIR) -> None:
    """Create the definitions' views (tables and category_codes must exist first: DuckDB binds views)."""
    macros, views = SQL_FILES[0], SQL_FILES[1:]
    con.execute((Path(sql_dir) / macros).read_text(encoding="utf-8"))
    for name in views:
        con.execute((Path(sql_dir) / name).read_text(encoding="utf-8"))


def fetch_inputs(con: duckdb.DuckDBPyConnection, columns: list[str] | None = None) -> pd.DataFrame:
    """The ``model_inputs`` view as float32 (NaN = missing), indexed by SK_ID_CURR; ``columns`` selects and orders.

    Raises
    ------
    DataError
        When a value cannot be read (the message names the file, column and line DuckDB reports) or
        an SK_ID_CURR appears twice.
    """
    _check_application_ids(con)
    try:
        # In the application table's own row order (file order), not the view's id order.
        frame = con.execute("SELECT m.* FROM model_inputs AS m JOIN (SELECT SK_ID_CURR, rowid AS row_order "
                            "FROM application) AS a USING (SK_ID_CURR) ORDER BY a.row_order").df()
    except duckdb.Error as exc:
        raise DataError(f"unreadable content ({str(exc).splitlines()[0][:300]})") from exc
    frame = frame.set_index("SK_ID_CURR")
    if columns is not None:
        unknown = [c for c in columns if c not in frame.columns]
        if unknown:
            raise DataError(f"the feature definitions compute no input named {', '.join(unknown)}")
        frame = frame[columns]
    out = frame.astype(np.float32)
    out.index = out.index.astype(np.int64)
    return out


def _check_application_ids(con: duckdb.DuckDBPyConnection, schema: str = "main") -> None:
    missing = con.execute(f"SELECT count(*) FROM {schema}.application WHERE SK_ID_CURR IS NULL").fetchone()[0]
    if missing:
        raise DataError(f"application: {missing} row(s) without SK_ID_CURR")
    dup = con.execute(f"SELECT SK_ID_CURR FROM {schema}.application GROUP BY SK_ID_CURR HAVING count(*) > 1 "
                      "ORDER BY SK_ID_CURR LIMIT 1").fetchone()
    if dup:
        raise DataError(f"application: SK_ID_CURR {dup[0]} appears more than once")


SOURCE_SUFFIX = "__all"


def _chunk_bounds(con: duckdb.DuckDBPyConnection, chunk_clients: int) -> list[tuple[int, int]]:
    """SK_ID_CURR ranges of about ``chunk_clients`` applications each."""
    rows = con.execute("SELECT min(SK_ID_CURR), max(SK_ID_CURR) FROM (SELECT SK_ID_CURR, "
                       f"(row_number() OVER (ORDER BY SK_ID_CURR) - 1) // {int(chunk_clients)} AS chunk "
                       "FROM application) GROUP BY chunk ORDER BY chunk").fetchall()
    return [(int(lo), int(hi)) for lo, hi in rows]


def _select_chunk(con: duckdb.DuckDBPyConnection, low: int, high: int) -> None:
    """The SQL's tables as the rows of clients low..high of the whole tables (``*__all``), in file order."""
    for table in RAW_COLUMNS:
        if table == "bureau_balance":
            where = "SK_ID_BUREAU IN (SELECT SK_ID_BUREAU FROM bureau)"
        else:
            where = f"SK_ID_CURR BETWEEN {low} AND {high}"
        con.execute(f'CREATE OR REPLACE TABLE "{table}" AS SELECT * FROM "{table}{SOURCE_SUFFIX}" WHERE {where} '
                    "ORDER BY rowid")


def compute_folder(data_dir: Path, dataset: str, categories: dict[str, list[str]] | None = None,
                   columns: list[str] | None = None, sql_dir: Path = SQL_DIR,
                   chunk_clients: int = defaults["chunk_clients"]
                   ) -> tuple[pd.DataFrame, dict[str, list[str]], list[str]]:
    """Model inputs of every application of ``dataset`` in a Kaggle folder, in the file's order.

    The folder is loaded once; beyond ``chunk_clients`` applications the definitions run on that many
    clients at a time (their rows in file order), so that memory stays bounded on the full data.
    Returns the inputs, the category codes used (learned from the data when ``categories`` is None)
    and the history tables present in the folder.
    """
    with tempfile.TemporaryDirectory(prefix="pad-features-") as scratch:
        con = connect(Path(scratch) / "raw.duckdb")
        try:
            con.execute(f"SET temp_directory = {_sql_literal(Path(scratch) / 'spill')}")
            present = register_folder(con, data_dir, dataset)
            _check_application_ids(con)
            categories = learn_categories(con) if categories is None else categories
            register_category_codes(con, categories)
            order = con.execute("SELECT SK_ID_CURR FROM application ORDER BY rowid").fetchnumpy()["SK_ID_CURR"]
            bounds = _chunk_bounds(con, chunk_clients)
            if len(bounds) <= 1:
                run_definitions(con, sql_dir)
                return fetch_inputs(con, columns), categories, present
            for table in RAW_COLUMNS:
                con.execute(f'ALTER TABLE "{table}" RENAME TO "{table}{SOURCE_SUFFIX}"')
            parts = []
            for low, high in bounds:
                _select_chunk(con, low, high)
                run_definitions(con, sql_dir)
                parts.append(fetch_inputs(con, columns))
            return pd.concat(parts).reindex(order.astype(np.int64)), categories, present
        finally:
            con.close()


def compute_frames(frames: dict[str, pd.DataFrame | None], categories: dict[str, list[str]],
                   columns: list[str] | None = None, sql_dir: Path = SQL_DIR) -> pd.DataFrame:
    """Model inputs of in-memory raw tables (``application`` plus any history table)."""
    con = connect()
    try:
        register_frames(con, frames)
        register_category_codes(con, categories)
        run_definitions(con, sql_dir)
        return fetch_inputs(con, columns)
    finally:
        con.close()
