"""The PDFs: both notes, the slides, and the page counts that the checks hold them to."""
from __future__ import annotations

import hashlib
import json
import re
import tempfile
from pathlib import Path

from tools import paths
from tools.html import inline_images, markdown_to_html, split_sections, wrap_page
from tools.pdf import count_pages, html_to_pdf

TITLES = {"fr": "Note méthodologique — Prêt à dépenser", "en": "Methodology note — Prêt à dépenser"}


def note_html(markdown: str, base_dir: Path, lang: str) -> str:
    """The note as one self-contained HTML page (the PDF's source)."""
    return wrap_page(inline_images(markdown_to_html(markdown), base_dir), TITLES[lang], lang, "note.css")


def numbered_sections(markdown: str) -> dict[int, str]:
    """{section number: its markdown} for the ``## N. ...`` sections of a note.

    The title block belongs to section 1: they share its pages (each section starts a page).
    """
    out: dict[int, str] = {}
    preamble = ""
    for heading, text in split_sections(markdown):
        match = re.match(r"(\d+)\.", heading)
        if match:
            out[int(match.group(1))] = (preamble if not out else "") + text
        elif not out:
            preamble += text
    return out


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def measure_sections(markdown: str, base_dir: Path, lang: str) -> dict[int, int]:
    """Pages each numbered section takes when printed alone with the note's layout."""
    pages = {}
    with tempfile.TemporaryDirectory(prefix="pad-docs-sections-") as tmp:
        for number, text in numbered_sections(markdown).items():
            pdf = html_to_pdf(note_html(text, base_dir, lang), Path(tmp) / f"section-{number}.pdf")
            pages[number] = count_pages(pdf)
    return pages


def pdf_sources(docs: Path) -> dict[str, str]:
    """{pdf path relative to docs/: the exact HTML it is printed from}, built from the generated files."""
    sources = {}
    for lang, md_name in paths.NOTES.items():
        markdown = (docs / md_name).read_text(encoding="utf-8")
        sources[paths.NOTE_PDFS[lang]] = note_html(markdown, docs, lang)
    sources[paths.SLIDES_PDF] = (docs / paths.SLIDES_HTML).read_text(encoding="utf-8")
    return sources


def build_pdfs(docs: Path) -> dict:
    """Print every PDF into ``docs/pdf`` and write the manifest (source hash and page counts)."""
    manifest = {}
    for rel, html in pdf_sources(docs).items():
        pages = count_pages(html_to_pdf(html, docs / rel))
        entry = {"source_sha256": sha256_text(html), "pages": pages}
        lang = next((lg for lg, p in paths.NOTE_PDFS.items() if p == rel), None)
        if lang:
            entry["section_pages"] = {str(k): v for k, v in measure_sections(
                (docs / paths.NOTES[lang]).read_text(encoding="utf-8"), docs, lang).items()}
        manifest[rel] = entry
        print(f"{rel}: {pages} pages" + (f", sections {entry['section_pages']}" if lang else ""))
    (docs / paths.PDF_MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest
