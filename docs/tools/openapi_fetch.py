"""Refresh docs/api/openapi.json from the backend's own OpenAPI builder, without starting a server.

backend/src/schemas/openapi.ts exports ``buildOpenApi(modelVersion)``, the function behind GET /openapi.json;
once the backend is compiled (``make backend-build``) Node can call it directly.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tools import paths

BUILDER = paths.REPO_ROOT / "backend" / "dist" / "src" / "schemas" / "openapi.js"
defaults = {"timeout_seconds": 60}


def dump_openapi(model_version: str, builder: Path = BUILDER, art_dir: Path = paths.ARTIFACTS_DIR) -> dict:
    """The OpenAPI document the API serves for ``model_version`` (with the applications endpoints, whose
    fields come from the artifacts' application schema)."""
    if not builder.is_file():
        raise FileNotFoundError(f"{builder} not found: build the backend first (make backend-build)")
    node = shutil.which("node")
    if node is None:
        raise FileNotFoundError("node not found on PATH")
    schema = art_dir / "features-sql" / "application-schema.json"
    if schema.is_file():
        script = (f"import {{ buildServedOpenApi }} from {json.dumps(builder.as_uri())};"
                  f"import fs from 'node:fs';"
                  f"const doc = JSON.parse(fs.readFileSync({json.dumps(str(schema))}, 'utf8'));"
                  f"process.stdout.write(JSON.stringify(buildServedOpenApi({json.dumps(model_version)}, doc)));")
    else:
        script = (f"import {{ buildOpenApi }} from {json.dumps(builder.as_uri())};"
                  f"process.stdout.write(JSON.stringify(buildOpenApi({json.dumps(model_version)})));")
    result = subprocess.run([node, "--input-type=module", "-e", script], capture_output=True, text=True,
                            timeout=defaults["timeout_seconds"])
    if result.returncode != 0:
        raise RuntimeError(f"node could not build the OpenAPI document: {result.stderr[-500:]}")
    return json.loads(result.stdout)


def model_version(art_dir: Path = paths.ARTIFACTS_DIR) -> str:
    return json.loads((art_dir / "manifest.json").read_text(encoding="utf-8"))["model_version"]


def fetch_openapi(out: Path, required: bool = False) -> Path | None:
    """Write the snapshot; when the backend is not built, keep the committed one unless ``required``."""
    try:
        spec = dump_openapi(model_version())
    except FileNotFoundError as exc:
        if required:
            raise
        print(f"keeping {out.name}: {exc}")
        return None
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(spec, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return out
