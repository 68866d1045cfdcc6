"""Markdown to self-contained HTML (styles inline, images as data URIs) for the PDFs and slides."""
from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import mistune

STYLE_DIR = Path(__file__).resolve().parent.parent / "src"
_markdown = mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])


def markdown_to_html(text: str) -> str:
    """Mistune HTML with each image-plus-italic-caption paragraph turned into a <figure>."""
    body = _markdown(text)
    # The note's closing sections (conclusion, references) follow section 4 without a page break of their own.
    body = re.sub(r"<h2>(?!\d)", '<h2 class="unnumbered">', body)

    def figure(match: re.Match) -> str:
        img, caption = match.group(1), match.group(2)
        layout = re.search(r' title="(half|side)"', img)
        img = re.sub(r' title="(half|side)"', "", img)
        css = f' class="{layout.group(1)}"' if layout else ""
        return f"<figure{css}>{img}<figcaption>{caption}</figcaption></figure>"

    body = re.sub(r"<p>(<img [^>]*/?>)\s*<em>((?:Figure|Tableau|Table)[^<]*(?:<[^>]+>[^<]*)*?)</em></p>",
                  figure, body)
    # A table caption is an italic paragraph right before the table: keep them on the same page.
    body = re.sub(r"<p><em>((?:Tableau|Table)\u00a0\d+ — .*?)</em></p>\s*<table>",
                  r'<table><caption>\1</caption>', body, flags=re.S)
    return body


def inline_images(body: str, base_dir: Path) -> str:
    """Replace local image paths by data URIs so the HTML file stands alone (no CDN, no file references)."""
    def encode(match: re.Match) -> str:
        src = match.group(1)
        if re.match(r"^(data:|https?:)", src):
            return match.group(0)
        path = (base_dir / html.unescape(src)).resolve()
        if not path.is_file():
            raise FileNotFoundError(f"image not found: {src} (looked for {path})")
        mime = "image/svg+xml" if path.suffix == ".svg" else f"image/{path.suffix.lstrip('.')}"
        data = base64.b64encode(path.read_bytes()).decode()
        return f'src="data:{mime};base64,{data}"'

    return re.sub(r'src="([^"]+)"', encode, body)


def wrap_page(body: str, title: str, lang: str, css_name: str, extra_head: str = "", extra_body: str = "") -> str:
    """A complete HTML document with the stylesheet ``docs/src/<css_name>`` inlined."""
    css = (STYLE_DIR / css_name).read_text(encoding="utf-8")
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>\n{css}</style>\n{extra_head}</head>\n"
            f"<body>\n{body}\n{extra_body}</body>\n</html>\n")


def split_sections(text: str) -> list[tuple[str, str]]:
    """Split a note on its ``## `` headings: [(heading or "", markdown)], the title block first."""
    parts = re.split(r"(?m)^(?=## )", text)
    out = []
    for part in parts:
        first = part.split("\n", 1)[0]
        out.append((first[3:].strip() if first.startswith("## ") else "", part))
    return out
