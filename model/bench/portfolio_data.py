"""Folders for the portfolio benchmark, built once outside the repo and reused (a stamp file says what is there).

- ``applications_folder``: the sample's new applications (application_test) written ``copies`` times
  with fresh SK_ID_CURR, copy after copy, so 700 copies make 3.5 million applications in id order.
  History tables are not replicated at that size: at 700x they would be about 45 GB of CSV, more than
  the free disk of the shared machine; the 77x folder (every table, ``model.bench.features``) covers
  the history tables at the full Kaggle size.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from model.config import SAMPLE_DIR
from model.data.load import find_table

defaults = {"copies": 700, "root": Path(tempfile.gettempdir()) / "pad-bench-portfolio", "id_stride": 10_000_000}


def applications_folder(copies: int = defaults["copies"], root: Path = defaults["root"],
                        src: Path = SAMPLE_DIR) -> tuple[Path, int]:
    """A folder holding only application_test.csv: ``copies`` copies of the sample's, ids shifted per copy.

    Returns the folder and its number of applications. Values travel as text, so each copy holds
    exactly the sample's values.
    """
    folder = Path(root) / f"applications-x{copies}"
    stamp = folder / "REPLICATED.json"
    if stamp.is_file() and json.loads(stamp.read_text()).get("copies") == copies:
        return folder, json.loads(stamp.read_text())["rows"]
    folder.mkdir(parents=True, exist_ok=True)
    sample = pd.read_csv(find_table(src, "application_test"), dtype=str, keep_default_na=False, na_filter=False)
    ids = sample["SK_ID_CURR"].astype("int64")
    partial = folder / "application_test.csv.partial"
    with open(partial, "w", encoding="utf-8", newline="") as out:
        for k in range(copies):
            sample["SK_ID_CURR"] = (ids + k * defaults["id_stride"]).astype(str)
            sample.to_csv(out, index=False, header=k == 0)
    os.replace(partial, folder / "application_test.csv")
    rows = copies * len(sample)
    stamp.write_text(json.dumps({"copies": copies, "rows": rows}))
    return folder, rows


if __name__ == "__main__":
    print(applications_folder())
