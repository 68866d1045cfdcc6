"""`make docs`: ``python -m tools.build [generate|pdf|openapi|all]`` (run with PYTHONPATH=docs).

generate: Markdown, SVG figures and slides HTML from artifacts/ (fast, no browser);
pdf: the PDFs with Chromium, plus docs/pdf/pdf-sources.json; openapi: refresh docs/api/openapi.json
from a briefly started API; all: openapi (when the backend is built), generate, pdf.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools import paths
from tools.generate import generate
from tools.pdfs import build_pdfs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.build", description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["generate", "pdf", "openapi", "all"], nargs="?", default="all")
    parser.add_argument("--out", type=Path, default=paths.DOCS_DIR, help="output folder (default: docs/)")
    parser.add_argument("--artifacts", type=Path, default=paths.ARTIFACTS_DIR)
    args = parser.parse_args(argv)
    try:
        if args.step in ("openapi", "all"):
            from tools.openapi_fetch import fetch_openapi

            fetch_openapi(args.out / paths.OPENAPI_SNAPSHOT, required=args.step == "openapi")
        if args.step in ("generate", "all"):
            for path in generate(args.out, args.artifacts):
                print(f"wrote {path.relative_to(args.out)}")
        if args.step in ("pdf", "all"):
            build_pdfs(args.out)
    except (FileNotFoundError, KeyError, ValueError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
