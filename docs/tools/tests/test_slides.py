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


def test_speaking_times_are_read_from_the_start_of_the_notes():
    from tools.slides import note_seconds
    assert note_seconds("30 s. Se présenter") == 30
    assert note_seconds("1 min. Insister") == 60
    assert note_seconds("1 min 30. Tout prétraitement") == 90
    assert note_seconds("2 min 15 s. Démonstration") == 135
    assert note_seconds("Insister sur 1 min") is None


def test_the_timing_check_fails_a_talk_over_eighteen_minutes(tmp_path: Path):
    from tools import paths
    from tools.check_content import talk_timing_problems
    main = "".join(f"## S{i}\n???\n1 min 30. text\n---\n" for i in range(13))  # 19 min 30 s
    backup = "".join(f"<!-- class: backup -->\n## Q{i}\n???\nanswer\n---\n" for i in range(5))
    (tmp_path / "presentation").mkdir()
    (tmp_path / paths.SLIDES_MD).write_text(main + backup)
    assert talk_timing_problems(tmp_path) == [f"{paths.SLIDES_MD}: the timings add up to 19 min 30 s, more than 18 min"]
    (tmp_path / paths.SLIDES_MD).write_text(main.replace("1 min 30.", "1 min 20.", 13) + backup)
    assert talk_timing_problems(tmp_path) == []


def test_the_typography_check_flags_an_ordinary_space_before_a_colon(tmp_path: Path):
    from tools import paths
    from tools.check_content import french_typography_problems
    (tmp_path / "presentation").mkdir()
    (tmp_path / paths.NOTES["fr"]).write_text("Coût\u202f: bien. Le `code : ici` passe.\n")
    (tmp_path / paths.SLIDES_MD).write_text("Seuil : 0,09\n")
    for rel in ("README.md", "architecture.md", paths.MODEL_CARD):
        (tmp_path / rel).write_text("English only.\n")
    problems = french_typography_problems(tmp_path)
    assert len(problems) == 1 and problems[0].startswith(f"{paths.SLIDES_MD}: line 1")
