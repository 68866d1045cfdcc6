"""The raw Kaggle rows of some clients (the columns the SQL reads), in file order, for the client store."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

from model.features.engine import connect, register_folder
from model.features.raw_columns import RAW_COLUMNS


def read_raw_rows(data_dir: Path, datasets: tuple[str, ...] = ("application_train", "application_test")
                  ) -> dict[str, pd.DataFrame]:
    """Application rows of ``datasets`` (in that order, file order within each) and every history row of
    those clients, by Kaggle table name; bureau_balance rows are those of their bureau credits.
    Absent tables come back empty, with their columns."""
    with tempfile.TemporaryDirectory(prefix="pad-raw-") as scratch:
        con = connect(Path(scratch) / "raw.duckdb")
        try:
            applications = []
            for dataset in datasets:
                register_folder(con, data_dir, dataset)
                applications.append(con.execute("SELECT * FROM application ORDER BY rowid").df())
            out = {"application": pd.concat(applications, ignore_index=True)}
            con.register("_clients", out["application"][["SK_ID_CURR"]])
            for table in RAW_COLUMNS:
                if table == "application":
                    continue
                if table == "bureau_balance":
                    query = ("SELECT bb.* FROM bureau_balance AS bb WHERE bb.SK_ID_BUREAU IN "
                             "(SELECT SK_ID_BUREAU FROM bureau WHERE SK_ID_CURR IN (SELECT SK_ID_CURR FROM _clients)) "
                             "ORDER BY bb.rowid")
                else:
                    query = (f'SELECT * FROM "{table}" WHERE SK_ID_CURR IN (SELECT SK_ID_CURR FROM _clients) '
                             "ORDER BY rowid")
                out[table] = con.execute(query).df()
            return out
        finally:
            con.close()
