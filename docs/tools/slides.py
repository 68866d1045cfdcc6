"""Slides from Markdown: one self-contained HTML file (no CDN) with a print stylesheet for the PDF.

Source format (docs/src/slides.fr.md.j2, rendered to docs/presentation/slides.md):
slides are separated by a line ``---``; ``<!-- class: x -->`` adds a CSS class to a slide;
``<!-- column -->`` splits a slide into two columns; after a line ``???`` come the speaker notes.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from tools.html import inline_images, markdown_to_html, wrap_page

SCRIPT = """<script>
// Keyboard navigation: arrows / PageUp / PageDown / space move between slides, "n" shows the speaker notes.
(() => {
  const slides = [...document.querySelectorAll('.slide')];
  const fit = () => {
    const zoom = Math.min(1, (innerWidth - 24) / 1280, (innerHeight - 24) / 720);
    document.querySelector('.deck').style.zoom = zoom;
  };
  const current = () => {
    const mid = innerHeight / 2;
    const i = slides.findIndex((s) => s.getBoundingClientRect().bottom > mid);
    return i < 0 ? slides.length - 1 : i;
  };
  const go = (i) => slides[Math.max(0, Math.min(slides.length - 1, i))].scrollIntoView({ block: 'center' });
  addEventListener('resize', fit);
  addEventListener('keydown', (e) => {
    if (['ArrowRight', 'ArrowDown', 'PageDown', ' '].includes(e.key)) { e.preventDefault(); go(current() + 1); }
    else if (['ArrowLeft', 'ArrowUp', 'PageUp'].includes(e.key)) { e.preventDefault(); go(current() - 1); }
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(slides.length - 1);
    else if (e.key === 'n') document.body.classList.toggle('show-notes');
  });
  fit();
})();
</script>
"""


def split_slides(markdown: str) -> list[dict]:
    """[{"classes", "columns": [markdown, ...], "notes"}] in order; empty slides are dropped."""
    slides = []
    for chunk in re.split(r"(?m)^---[ \t]*$", markdown):
        body, _, notes = chunk.partition("\n???\n")
        classes = re.findall(r"<!--\s*class:\s*([\w -]+?)\s*-->", body)
        body = re.sub(r"<!--\s*class:[^>]*-->\n?", "", body)
        body = re.sub(r"(?s)<!--(?!\s*column\s*-->).*?-->\n?", "", body).strip()
        if not body:
            continue
        columns = [c.strip() for c in re.split(r"<!--\s*column\s*-->", body)]
        slides.append({"classes": " ".join(classes), "columns": columns, "notes": notes.strip()})
    return slides


TIMING = re.compile(r"^(?:(\d+)\s*min(?:\s*(\d+)(?:\s*s)?)?|(\d+)\s*s)\b")


def note_seconds(notes: str) -> int | None:
    """The speaking time a slide's notes start with: ``30 s.``, ``1 min.``, ``1 min 30.``, ``2 min 15 s.``."""
    match = TIMING.match(notes.strip())
    if not match:
        return None
    minutes, seconds, only_seconds = match.groups()
    return int(only_seconds) if only_seconds else int(minutes) * 60 + int(seconds or 0)


def is_backup(slide: dict) -> bool:
    """Backup slides (class ``backup``) follow the closing slide and are shown only to answer a question."""
    return "backup" in slide["classes"].split()


def _slide_html(slide: dict, number: int, total: int, footer: str) -> str:
    if len(slide["columns"]) == 1:
        body = markdown_to_html(slide["columns"][0])
    else:
        head, *cols = slide["columns"]
        body = markdown_to_html(head) + '<div class="cols">' + "".join(
            f"<div>{markdown_to_html(c)}</div>" for c in cols) + "</div>"
    notes = f'<aside class="notes">{markdown_to_html(slide["notes"])}</aside>' if slide["notes"] else ""
    return (f'<section class="slide {slide["classes"]}" id="slide-{number}" aria-label="Diapositive {number}">\n'
            f'<div class="slide-body">{body}</div>\n'
            f'<footer><span>{html.escape(footer)}</span><span>{number} / {total}</span></footer>\n{notes}</section>')


def render_slides_html(markdown: str, base_dir: Path, title: str = "Prêt à dépenser — scoring crédit") -> str:
    """The whole deck as one HTML document; images are read relative to ``base_dir`` and inlined."""
    slides = split_slides(markdown)
    sections = [_slide_html(s, i + 1, len(slides), title) for i, s in enumerate(slides)]
    body = '<main class="deck">\n' + "\n".join(sections) + "\n</main>"
    return wrap_page(inline_images(body, base_dir), title, "fr", "slides.css", extra_body=SCRIPT)
