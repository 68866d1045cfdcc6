"""Ship the feature definitions with the model: artifacts/features-sql/ holds the SQL the model was trained
with, its catalogue and the application schema (each listed with its sha256 in manifest.json)."""
from __future__ import annotations

import shutil
from pathlib import Path

from model.artifacts import write_json
from model.features.application_schema import build_schema
from model.features.engine import SQL_DIR
from model.features.raw_columns import SQL_FILES

FOLDER = "features-sql"
SHIPPED = SQL_FILES + ("catalogue.json", "README.md")


def ship_definitions(out_dir: Path, categories: dict[str, list[str]], data_dir: Path) -> Path:
    """Copy the definitions into ``out_dir/features-sql`` (replacing what was there) and write
    application-schema.json; returns the folder."""
    folder = Path(out_dir) / FOLDER
    if folder.is_dir():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for name in SHIPPED:
        shutil.copyfile(SQL_DIR / name, folder / name)
    write_json(folder / "application-schema.json", build_schema(categories, data_dir))
    return folder
