from pathlib import Path

from tools.slides import render_slides_html, split_slides

DECK = """<!-- class: title -->
# Title
---
## Two columns
<!-- column -->
left
<!-- column -->
right
???
say this
---
"""


def test_slides_split_with_classes_columns_and_notes():
    slides = split_slides(DECK)
    assert len(slides) == 2
    assert slides[0]["classes"] == "title"
    assert slides[1]["columns"] == ["## Two columns", "left", "right"]
    assert slides[1]["notes"] == "say this"


def test_deck_is_one_self_contained_page(tmp_path: Path):
    (tmp_path / "dot.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/>")
    html = render_slides_html(DECK + "## Picture\n![dot](dot.svg)\n", tmp_path)
    assert html.count('<section class="slide') == 3
    assert 'src="data:image/svg+xml;base64,' in html
    assert "<link" not in html and 'src="http' not in html
    assert "@page" in html and "3 / 3" in html
