from tools.html import markdown_to_html, split_sections
from tools.fmt import NNBSP
from tools.render import NBSP, Numbering, french_typography


def test_figures_are_numbered_in_order_of_first_mention():
    n = Numbering("fr")
    assert n.ref("b") == f"figure{NBSP}1"
    assert n.fig("a", "a.svg", "A").endswith(f"*Figure{NBSP}2 — A*")
    assert n.fig("b", "b.svg", "B").endswith(f"*Figure{NBSP}1 — B*")
    assert n.tref("t") == f"tableau{NBSP}1"


def test_english_references_keep_the_capital():
    assert Numbering("en").ref("x") == f"Figure{NBSP}1"


def test_french_typography_adds_narrow_no_break_spaces_outside_code():
    text = french_typography("Coût : 10 ; « oui » ? `a : b` [lien](x.md) https://a.b/c?d=1 !")
    assert f"Coût{NNBSP}: 10{NNBSP}; «{NNBSP}oui{NNBSP}»{NNBSP}?" in text
    assert "`a : b`" in text and "https://a.b/c?d=1" in text and text.endswith(f"{NNBSP}!")


def test_image_and_caption_become_a_figure_with_its_layout():
    html = markdown_to_html(Numbering("en").fig("k", "img.svg", "Caption", layout="side"))
    assert '<figure class="side"><img src="img.svg" alt="Caption"' in html
    assert f"<figcaption>Figure{NBSP}1 — Caption</figcaption>" in html
    assert 'title="side"' not in html


def test_table_caption_is_kept_with_its_table():
    n = Numbering("en")
    html = markdown_to_html(n.tab("t", "Numbers.") + "\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    assert "<table><caption>Table\u00a01 — Numbers.</caption>" in html


def test_sections_split_on_second_level_headings():
    parts = split_sections("# T\nintro\n## 1. One\ntext\n## 2. Two\nmore\n")
    assert [h for h, _ in parts] == ["", "1. One", "2. Two"]
