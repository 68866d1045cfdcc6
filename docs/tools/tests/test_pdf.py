from pathlib import Path

import pytest

from tools.pdf import count_pages, html_to_pdf


def test_counts_page_objects_not_the_page_tree():
    pdf = b"%PDF-1.4\n1 0 obj <</Type /Pages /Count 2>>\n2 0 obj <</Type /Page>>\n3 0 obj <</Type/Page>>\n"
    assert count_pages(pdf) == 2


def test_falls_back_to_the_page_tree_count():
    assert count_pages(b"%PDF-1.7\n1 0 obj <</Type /Pages /Count 7>>") == 7


def test_rejects_a_file_that_is_not_a_pdf():
    with pytest.raises(ValueError, match="not a PDF"):
        count_pages(b"<html></html>")


def test_chromium_prints_one_page_per_forced_break(tmp_path: Path):
    html = ("<!DOCTYPE html><html><head><meta charset='utf-8'><style>@page{size:A4}</style></head><body>"
            "<p>un</p><p style='break-before:page'>deux</p><p style='break-before:page'>trois</p></body></html>")
    assert count_pages(html_to_pdf(html, tmp_path / "three.pdf")) == 3
