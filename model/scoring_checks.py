"""The checks ``python -m model score`` makes on a folder's raw files before any scoring work.

Each file is scanned by DuckDB as text (every column VARCHAR, rows numbered in file order), so that a
folder of any size is checked in one pass per file in bounded memory; the first problem is reported
in one line naming the file, the column and the row: an empty or duplicate id, text in a numeric
column, a negative amount, a category the model never saw. Rows count data rows from 1.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from model.data import DataError
from model.data.load import _header, find_table
from model.data.schema import RELATIONAL_TABLES, SCHEMAS
from model.features.streaming import defaults as duckdb_limits

MISSING_TEXT = {"", "XNA", "XAP"}  # what the loader reads as a missing value
NOT_A_NUMBER_TEXT = ("", "nan", "NaN")  # numeric cells read as missing, not refused
# Amounts of the application that cannot be negative (relational tables do hold legitimate negative balances).
NON_NEGATIVE = ("AMT_INCOME_TOTAL", "AMT_CREDIT", "AMT_ANNUITY", "AMT_GOODS_PRICE")


@dataclass
class InputCheck:
    """What the checks found that is not an error: absent tables, unknown categories scored as missing."""

    missing_tables: list[str] = field(default_factory=list)
    unknown: dict[int, list[str]] = field(default_factory=dict)  # client id -> columns with an unknown category


def _lit(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _q(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def _text(column: str) -> str:
    return f"coalesce({_q(column)}, '')"


def _where(path: Path, column: str, row: int) -> str:
    """``application_test.csv, column AMT_CREDIT, row 7 (line 8)``: ``row`` counts data rows from 0."""
    return f"{path.name}, column {column}, row {row + 1} (line {row + 2})"


def _source(path: Path) -> str:
    """Every cell as text (an empty cell is ''), with the data row's number (from 0) in file order."""
    return f"(SELECT *, row_number() OVER () - 1 AS _row FROM read_csv({_lit(path)}, header = true, all_varchar = true))"


def _run(con: duckdb.DuckDBPyConnection, path: Path, sql: str) -> duckdb.DuckDBPyConnection:
    try:
        return con.execute(sql)
    except duckdb.Error as exc:
        raise DataError(f"{path.name}: unreadable ({str(exc).splitlines()[0][:200]})") from exc


def _first_rows(con: duckdb.DuckDBPyConnection, path: Path, tests: list[tuple[str, str]],
                extras: list[str] | None = None) -> tuple[list[tuple], list]:
    """For each (column, SQL condition) the first matching row and its raw text, plus the ``extras``
    aggregates, in one scan of the file."""
    aggregates = [f"min(_row) FILTER (WHERE {cond}), arg_min({_text(col)}, _row) FILTER (WHERE {cond})"
                  for col, cond in tests] + list(extras or [])
    if not aggregates:
        return [], []
    values = _run(con, path, f"SELECT {', '.join(aggregates)} FROM {_source(path)}").fetchone()
    firsts = [(col, values[2 * i], values[2 * i + 1]) for i, (col, _) in enumerate(tests)]
    return firsts, list(values[2 * len(tests):])


def _not_a_number(column: str) -> str:
    text = f"trim({_text(column)})"
    missing = ", ".join(_lit(v) for v in NOT_A_NUMBER_TEXT)
    return f"({text} NOT IN ({missing}) AND TRY_CAST({text} AS DOUBLE) IS NULL)"


def _check_numbers(con, path: Path, columns: list[str], table: str) -> None:
    tests = [(c, _not_a_number(c)) for c in columns if c not in SCHEMAS[table].categorical]
    for column, row, value in _first_rows(con, path, tests)[0]:
        if row is not None:
            raise DataError(f"{_where(path, column, row)}: {value!r} is not a number")


def _check_duplicates(con, path: Path, ids: str) -> None:
    """The first repeated id and the row it first appeared on (a second pass, run only when there is one)."""
    _run(con, path, f"CREATE OR REPLACE TEMP TABLE _ids AS SELECT {ids} AS id, _row FROM {_source(path)}")
    row, client, first = con.execute(
        "WITH first AS (SELECT id, min(_row) AS first FROM _ids GROUP BY id HAVING count(*) > 1) "
        "SELECT i._row, i.id, f.first FROM _ids AS i JOIN first AS f USING (id) "
        "WHERE i._row > f.first ORDER BY i._row LIMIT 1").fetchone()
    con.execute("DROP TABLE _ids")
    raise DataError(f"{_where(path, 'SK_ID_CURR', row)}: duplicate client id {client} "
                    f"(already on row {first + 1}); one id must be one application")


def _check_application(con, path: Path, table: str, categories: dict[str, list[str]], allow_unknown: bool,
                       found: InputCheck) -> None:
    """Ids, numbers, amounts and categories of the application file in one scan; the first problem in that order."""
    columns = _header(path)
    ids = f"trim({_text('SK_ID_CURR')})"
    numbers = [(c, _not_a_number(c)) for c in columns if c not in SCHEMAS[table].categorical]
    amounts = [(c, f"TRY_CAST(trim({_text(c)}) AS DOUBLE) < 0") for c in NON_NEGATIVE if c in columns]
    unknown = [(c, f"{_text(c)} NOT IN ({', '.join(_lit(v) for v in sorted(set(known) | MISSING_TEXT))})")
               for c, known in categories.items() if c in columns]
    tests = [("SK_ID_CURR", f"{ids} = ''"), *numbers, *amounts, *unknown]
    extras = [f"count(*) - count(DISTINCT {ids})"]
    if allow_unknown:
        extras += [f"list({ids}) FILTER (WHERE {cond})" for _, cond in unknown]
    firsts, (repeated, *flagged) = _first_rows(con, path, tests, extras)
    if firsts[0][1] is not None:
        raise DataError(f"{_where(path, 'SK_ID_CURR', firsts[0][1])}: empty client id")
    if repeated:
        _check_duplicates(con, path, ids)
    for column, row, value in firsts[1:1 + len(numbers)]:
        if row is not None:
            raise DataError(f"{_where(path, column, row)}: {value!r} is not a number")
    for column, row, value in firsts[1 + len(numbers):1 + len(numbers) + len(amounts)]:
        if row is not None:
            raise DataError(f"{_where(path, column, row)}: negative amount {value}")
    for (column, row, value), clients in zip(firsts[1 + len(numbers) + len(amounts):], flagged or [None] * len(unknown)):
        if row is not None and not allow_unknown:
            raise DataError(f"{_where(path, column, row)}: unknown category {value!r} "
                            f"(known: {', '.join(categories[column])}; --unknown-as-missing scores it as a "
                            "missing value, flagged)")
        for client in clients or []:
            found.unknown.setdefault(int(client), []).append(column)


def check_folder(data_dir: Path, categories: dict[str, list[str]], allow_unknown: bool = False) -> InputCheck:
    """Every check on the raw files of ``data_dir``, before any feature is built; raises ``DataError``."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError(f"data folder not found: {data_dir}")
    app_path = find_table(data_dir, "application_test") or find_table(data_dir, "application_train")
    if app_path is None:
        raise DataError(f"missing file: {data_dir}/application_train.csv or application_test.csv (or .csv.gz)")
    found = InputCheck()
    table = "application_test" if app_path.name.startswith("application_test") else "application_train"
    tables = [(table, app_path)] + [(name, find_table(data_dir, SCHEMAS[name].file_stem)) for name in RELATIONAL_TABLES]
    for name, path in tables:  # a missing column is named before any scan
        missing = [c for c in SCHEMAS[name].required if path is not None and c not in _header(path)]
        if missing:
            raise DataError(f"{path.name}: missing required column(s) {', '.join(missing)}")
    con = duckdb.connect()
    try:
        con.execute("SET preserve_insertion_order = true")  # row numbers follow the file
        con.execute(f"SET memory_limit = {_lit(duckdb_limits['memory_limit'])}")
        con.execute(f"SET threads = {int(duckdb_limits['threads'])}")
        _check_application(con, app_path, table, categories, allow_unknown, found)
        for name, path in tables[1:]:
            if path is None:
                found.missing_tables.append(name)
            else:
                _check_numbers(con, path, _header(path), name)
    finally:
        con.close()
    return found
