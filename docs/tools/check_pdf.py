"""Checks on the committed PDFs: printed from the current sources, and within their page budgets."""
from __future__ import annotations

import json
from pathlib import Path

from tools import paths
from tools.pdf import count_pages
from tools.pdfs import measure_sections, pdf_sources, sha256_text
from tools.slides import is_backup, split_slides


def pdf_problems(docs: Path) -> list[str]:
    """Stale or missing PDFs, page counts that disagree with the manifest, and budgets exceeded."""
    manifest_path = docs / paths.PDF_MANIFEST
    if not manifest_path.is_file():
        return [f"{paths.PDF_MANIFEST}: missing (run `make docs`)"]
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    problems = []
    for rel, html in pdf_sources(docs).items():
        entry, pdf = manifest.get(rel), docs / rel
        if entry is None or not pdf.is_file():
            problems.append(f"{rel}: missing (run `make docs`)")
            continue
        if entry["source_sha256"] != sha256_text(html):
            problems.append(f"{rel}: printed from older sources (run `make docs`)")
        pages = count_pages(pdf)
        if pages != entry["pages"]:
            problems.append(f"{rel}: {pages} pages, manifest says {entry['pages']}")
        if rel in paths.NOTE_PDFS.values():
            if pages > paths.NOTE_MAX_PAGES:
                problems.append(f"{rel}: {pages} pages, at most {paths.NOTE_MAX_PAGES}")
            for number, budget in paths.SECTION_PAGES.items():
                used = entry.get("section_pages", {}).get(str(number))
                if used is None or used > budget:
                    problems.append(f"{rel}: section {number} takes {used} pages, budget {budget}")
        if rel == paths.SLIDES_PDF:
            slides = split_slides((docs / paths.SLIDES_MD).read_text(encoding="utf-8"))
            n_slides, n_main = len(slides), sum(not is_backup(s) for s in slides)
            low, high = paths.SLIDES_RANGE
            if not low <= n_main <= high:
                problems.append(f"{paths.SLIDES_MD}: {n_main} main slides, expected {low} to {high}")
            if pages != n_slides:
                problems.append(f"{rel}: {pages} pages for {n_slides} slides (a slide overflows its page)")
    return problems


def measured_section_problems(docs: Path) -> list[str]:
    """Print each section of each note alone (Chromium) and compare with its page budget."""
    problems = []
    for lang, rel in paths.NOTES.items():
        measured = measure_sections((docs / rel).read_text(encoding="utf-8"), docs, lang)
        for number, budget in paths.SECTION_PAGES.items():
            if measured.get(number, 0) > budget:
                problems.append(f"{rel}: section {number} prints on {measured[number]} pages, budget {budget}")
    return problems
