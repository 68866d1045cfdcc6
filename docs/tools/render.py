"""Render the Markdown templates of docs/src/ with the artifact context (Jinja2)."""
from __future__ import annotations

import re
from pathlib import Path

import jinja2

from tools import tables
from tools.fmt import NNBSP, make_filters

SRC_DIR = Path(__file__).resolve().parent.parent / "src"
NBSP = "\u00a0"
WORDS = {"fr": {"figure": "Figure", "table": "Tableau"}, "en": {"figure": "Figure", "table": "Table"}}


class Numbering:
    """Figures and tables numbered in order of first mention, so a reference may precede its figure."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.numbers: dict[str, dict[str, int]] = {"figure": {}, "table": {}}

    def _number(self, kind: str, key: str, in_text: bool = False) -> str:
        seen = self.numbers[kind]
        seen.setdefault(key, len(seen) + 1)
        word = WORDS[self.lang][kind]
        # French writes "la figure 2" in running text, "Figure 2 —" in the caption.
        if in_text and self.lang == "fr":
            word = word.lower()
        return f"{word}{NBSP}{seen[key]}"

    def ref(self, key: str) -> str:
        return self._number("figure", key, in_text=True)

    def tref(self, key: str) -> str:
        return self._number("table", key, in_text=True)

    def fig(self, key: str, src: str, caption: str, layout: str = "") -> str:
        """An image followed by its numbered caption.

        ``layout`` (kept in the image title, harmless on GitHub) tells the PDF stylesheet how to place it:
        ``half`` shares a row with the next figure, ``side`` floats beside the following text.
        """
        if layout not in ("", "half", "side"):
            raise ValueError(f"layout must be '', 'half' or 'side', got {layout!r}")
        title = f' "{layout}"' if layout else ""
        return f"![{caption}]({src}{title})\n*{self._number('figure', key)} — {caption}*"

    def tab(self, key: str, caption: str) -> str:
        return f"*{self._number('table', key)} — {caption}*"


def french_typography(text: str) -> str:
    """Narrow no-break spaces before : ; ? ! and inside « », outside code, as French typesetting wants."""
    out, fenced = [], False
    for line in text.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
        if fenced or line.startswith("|--") or line.startswith("    "):
            out.append(line)
            continue
        parts = re.split(r"(`[^`]*`|\]\([^)]*\)|https?://\S+)", line)
        for i in range(0, len(parts), 2):
            p = re.sub(r"[ \u00a0]([:;?!])", NNBSP + r"\1", parts[i])
            parts[i] = re.sub(r"«[ \u00a0]", "«" + NNBSP, re.sub(r"[ \u00a0]»", NNBSP + "»", p))
        out.append("".join(parts))
    return "\n".join(out)


def make_environment(lang: str) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(SRC_DIR), undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             autoescape=False)
    env.filters.update(make_filters(lang))
    env.globals.update(
        comparison_table=lambda cmp, compact=False: tables.comparison_table(cmp, lang, compact),
        confusion_table=lambda cm: tables.confusion_table(cm, lang),
        fairness_table=lambda groups: tables.fairness_table(groups, lang),
        drift_table=lambda rows: tables.drift_table(rows, lang),
        params_table=lambda params: tables.params_table(params, lang),
        attributes_table=lambda attrs: tables.attributes_table(attrs, lang),
        paired_table=lambda paired: tables.paired_table(paired, lang),
        importance_table=lambda rows, top=8: tables.importance_table(rows, lang, top),
    )
    return env


def render_template(name: str, context: dict, lang: str) -> str:
    """The rendered Markdown of ``docs/src/<name>``, with French typography for French documents."""
    numbering = Numbering(lang)
    text = make_environment(lang).get_template(name).render(
        **context, fig=numbering.fig, ref=numbering.ref, tab=numbering.tab, tref=numbering.tref)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return french_typography(text) if lang == "fr" else text
