"""Number formatting for French and English documents.

One formatter serves the templates and the checks, so a figure in the text and the
figure the check expects are the same string by construction.
"""
from __future__ import annotations

import math

# French typography: narrow no-break space as thousands separator and before %, decimal comma.
NNBSP = "\u202f"
LANGS = ("fr", "en")


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")


def fmt_num(value: float, digits: int, lang: str) -> str:
    """``value`` with ``digits`` decimals and thousands separators in the language's style."""
    _check_lang(lang)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/d" if lang == "fr" else "n/a"
    text = f"{value:,.{digits}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]  # "-0.000" reads as a sign error
    if lang == "fr":
        text = text.replace(",", NNBSP).replace(".", ",")
    return text


def fmt_int(value: float, lang: str) -> str:
    """A count: ``4,000`` in English, ``4 000`` (narrow no-break space) in French."""
    return fmt_num(round(value), 0, lang)


def fmt_pct(share: float | None, digits: int, lang: str) -> str:
    """A share in [0, 1] as a percentage: ``7.7%`` / ``7,7 %``."""
    if share is None:
        return "n/d" if lang == "fr" else "n/a"
    number = fmt_num(100.0 * share, digits, lang)
    return f"{number}{NNBSP}%" if lang == "fr" else f"{number}%"


def fmt_signed(value: float, digits: int, lang: str) -> str:
    """A contribution with its sign always shown (``+0.31``, ``−0,12`` with a true minus sign)."""
    text = fmt_num(abs(value), digits, lang)
    return ("+" if value >= 0 else "\u2212") + text


def join_words(items: list[str], lang: str) -> str:
    """``a, b et c`` / ``a, b and c``."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    word = " et " if lang == "fr" else " and "
    return ", ".join(items[:-1]) + word + items[-1]


def make_filters(lang: str) -> dict:
    """Jinja filters bound to one language: ``{{ x|num(3) }}``, ``{{ n|int }}``, ``{{ s|pct(1) }}``."""
    _check_lang(lang)
    return {
        "num": lambda v, d=3: fmt_num(v, d, lang),
        "int": lambda v: fmt_int(v, lang),
        "pct": lambda v, d=1: fmt_pct(v, d, lang),
        "signed": lambda v, d=2: fmt_signed(v, d, lang),
        "enum": lambda items: join_words(items, lang),
        "lcfirst": lambda text: text[:1].lower() + text[1:],
    }
