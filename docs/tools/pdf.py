"""HTML to PDF with the Debian Chromium used by the browser tests, and PDF page counting."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer"]
defaults = {"timeout_seconds": 120}


def find_chromium() -> str:
    """Path of the chromium binary; the make target installs it with apt-get when missing."""
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    raise FileNotFoundError("chromium not found: run `apt-get install -y chromium` (make docs does it)")


def html_to_pdf(html: str, pdf_path: Path) -> Path:
    """Print ``html`` (a complete, self-contained document) to ``pdf_path``."""
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pad-docs-") as tmp:
        src = Path(tmp) / "page.html"
        src.write_text(html, encoding="utf-8")
        # A private profile directory: no state leaks between runs and nothing is written to $HOME.
        cmd = [find_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile",
               f"--print-to-pdf={pdf_path}", src.as_uri()]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=defaults["timeout_seconds"])
    if result.returncode != 0 or not pdf_path.is_file():
        raise RuntimeError(f"chromium failed ({result.returncode}) printing {pdf_path}: {result.stderr[-500:]}")
    return pdf_path


def count_pages(pdf: bytes | Path) -> int:
    """Number of pages: the ``/Type /Page`` objects (not ``/Pages``), which Chromium writes uncompressed.

    Falls back to the largest ``/Count`` of a page tree when no page object is visible.
    """
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    if not data.startswith(b"%PDF"):
        raise ValueError("not a PDF file (no %PDF header)")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    if pages:
        return pages
    counts = [int(c) for c in re.findall(rb"/Count\s+(\d+)", data)]
    if not counts:
        raise ValueError("no page objects found in the PDF")
    return max(counts)
