"""The checks must catch what they claim to catch: tamper with a copy of the docs and expect a report."""
import json
import shutil
from pathlib import Path

import pytest

from tools import paths
from tools.check_content import (broken_links, missing_key_figures, stale_files, unknown_mentions,
                                 word_budget_problems)
from tools.check_pdf import pdf_problems
from tools.context import build_context
from tools.fmt import fmt_num


@pytest.fixture(scope="module")
def docs_copy(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("docs") / "docs"
    shutil.copytree(paths.DOCS_DIR, target, ignore=shutil.ignore_patterns("tools", "__pycache__"))
    return target


def _edit(docs: Path, rel: str, old: str, new: str) -> str:
    page = docs / rel
    original = page.read_text(encoding="utf-8")
    assert old in original
    page.write_text(original.replace(old, new), encoding="utf-8")
    return original


def test_a_hand_edited_auc_is_reported_by_every_content_check(docs_copy: Path):
    ctx = build_context(paths.ARTIFACTS_DIR, "fr")
    auc = fmt_num(ctx["nested"]["auc_mean"], 3, "fr")
    wrong = fmt_num(ctx["nested"]["auc_mean"] + 0.0421, 3, "fr")
    original = _edit(docs_copy, paths.NOTES["fr"], f"AUC ROC de **{auc}", f"AUC ROC de **{wrong}")
    try:
        assert any("note-methodologique.md: differs" in p for p in stale_files(docs_copy, paths.ARTIFACTS_DIR))
        assert any(wrong in p for p in unknown_mentions(docs_copy, paths.ARTIFACTS_DIR))
    finally:
        (docs_copy / paths.NOTES["fr"]).write_text(original, encoding="utf-8")


def test_a_removed_key_figure_is_reported(docs_copy: Path):
    ctx = build_context(paths.ARTIFACTS_DIR, "en")
    threshold = fmt_num(ctx["chosen"]["threshold"], 3, "en")
    original = _edit(docs_copy, paths.NOTES["en"], threshold, "(see the API)")
    try:
        assert any("threshold" in p for p in missing_key_figures(docs_copy, paths.ARTIFACTS_DIR))
    finally:
        (docs_copy / paths.NOTES["en"]).write_text(original, encoding="utf-8")


def test_mention_check_reads_real_mentions(docs_copy: Path):
    # Guard against a pattern that silently matches nothing: add a plausible but false mention.
    original = _edit(docs_copy, paths.NOTES["en"], "## 4.", "A threshold of 0.123 was tried.\n\n## 4.")
    try:
        assert any("0.123" in p for p in unknown_mentions(docs_copy, paths.ARTIFACTS_DIR))
    finally:
        (docs_copy / paths.NOTES["en"]).write_text(original, encoding="utf-8")


def test_an_overlong_section_is_reported(docs_copy: Path):
    original = _edit(docs_copy, paths.NOTES["fr"], "## 3.", "mot " * 600 + "\n\n## 3.")
    try:
        assert any("section 2 has" in p for p in word_budget_problems(docs_copy))
    finally:
        (docs_copy / paths.NOTES["fr"]).write_text(original, encoding="utf-8")


def test_a_broken_link_is_reported(docs_copy: Path):
    original = _edit(docs_copy, "architecture.md", "(artifacts.md)", "(artefacts.md)")
    try:
        assert any("artefacts.md" in p for p in broken_links(docs_copy))
    finally:
        (docs_copy / "architecture.md").write_text(original, encoding="utf-8")


def test_stale_or_miscounted_pdfs_are_reported(docs_copy: Path):
    manifest_path = docs_copy / paths.PDF_MANIFEST
    original = manifest_path.read_text(encoding="utf-8")
    manifest = json.loads(original)
    manifest[paths.NOTE_PDFS["fr"]]["pages"] += 1
    manifest[paths.NOTE_PDFS["en"]]["source_sha256"] = "0" * 64
    manifest[paths.NOTE_PDFS["en"]]["section_pages"]["2"] = 2
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    try:
        problems = pdf_problems(docs_copy)
        assert any("note-methodologique.pdf" in p and "manifest says" in p for p in problems)
        assert any("methodology-note.pdf: printed from older sources" in p for p in problems)
        assert any("methodology-note.pdf: section 2 takes 2 pages" in p for p in problems)
    finally:
        manifest_path.write_text(original, encoding="utf-8")
