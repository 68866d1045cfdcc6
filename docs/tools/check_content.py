"""Checks on the committed Markdown: regenerated output, key figures, figure mentions, words, links, paths.

Each function returns a list of problems (empty when all is well), so a test can show all of them at once.
"""
from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from tools import paths
from tools.context import build_context
from tools.fmt import fmt_int, fmt_num
from tools.generate import generate
from tools.pdfs import numbered_sections


def stale_files(docs: Path, art_dir: Path) -> list[str]:
    """Generated files whose committed copy differs from a fresh rendering (or is missing, or is left over)."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="pad-docs-check-") as tmp:
        fresh_root = Path(tmp)
        spec = docs / paths.OPENAPI_SNAPSHOT
        for fresh in generate(fresh_root, art_dir, spec if spec.is_file() else None):
            rel = fresh.relative_to(fresh_root)
            committed = docs / rel
            if not committed.is_file():
                problems.append(f"{rel}: missing (run `make docs`)")
            elif committed.read_bytes() != fresh.read_bytes():
                problems.append(f"{rel}: differs from the artifacts' rendering (run `make docs`)")
        fresh_figures = {p.relative_to(fresh_root) for p in (fresh_root / "figures").rglob("*.svg")}
    for left in sorted((docs / "figures").rglob("*.svg")):
        if left.relative_to(docs) not in fresh_figures:
            problems.append(f"{left.relative_to(docs)}: no longer generated (delete it)")
    return problems


def key_figures(ctx: dict, lang: str) -> dict[str, str]:
    """The figures every main document must state, formatted exactly as the templates format them."""
    nested, data = ctx["nested"], ctx["data"]
    return {
        "nested AUC": fmt_num(nested["auc_mean"], 3, lang), "AUC std": fmt_num(nested["auc_std"], 3, lang),
        "nested cost per 1,000": fmt_num(nested["cost_per_1000"], 0, lang),
        "threshold": fmt_num(ctx["chosen"]["threshold"], 3, lang),
        "labelled clients": fmt_int(data["n_train"], lang), "defaults": fmt_int(data["n_defaulted"], lang),
        "features": fmt_int(data["feature_count"], lang),
    }


def missing_key_figures(docs: Path, art_dir: Path) -> list[str]:
    """Key figures of metrics.json that a document fails to state."""
    problems = []
    contexts = {lang: build_context(art_dir, lang) for lang in ("fr", "en")}
    documents = {paths.NOTES["fr"]: "fr", paths.NOTES["en"]: "en", paths.SLIDES_MD: "fr", paths.MODEL_CARD: "fr"}
    for rel, lang in documents.items():
        text = (docs / rel).read_text(encoding="utf-8")
        for name, value in key_figures(contexts[lang], lang).items():
            if value not in text:
                problems.append(f"{rel}: {name} {value!r} (from metrics.json) not found")
    return problems


def _numbers(node: object) -> list[float]:
    if isinstance(node, bool):
        return []
    if isinstance(node, (int, float)):
        return [float(node)]
    if isinstance(node, dict):
        return [v for item in node.values() for v in _numbers(item)]
    if isinstance(node, list):
        return [v for item in node for v in _numbers(item)]
    return []


# A number written next to these words must be one the artifacts (or a value derived from them) hold.
MENTIONS = {
    "fr": [(r"AUC[^0-9\n|]{0,60}?(\d,\d{3})", 3), (r"seuil[^0-9\n|]{0,40}?(\d,\d{3})", 3),
           (r"(\d[\d\u202f]*) pour 1\u202f000 clients", 0)],
    "en": [(r"AUC[^0-9\n|]{0,60}?(\d\.\d{3})", 3), (r"threshold[^0-9\n|]{0,40}?(\d\.\d{3})", 3),
           (r"(\d[\d,]*) per 1,000 clients", 0)],
}


def unknown_mentions(docs: Path, art_dir: Path) -> list[str]:
    """Numbers written beside "AUC", "threshold" or "per 1,000 clients" that no artifact value formats to."""
    ctx = build_context(art_dir, "en")
    values = _numbers(ctx["metrics"]) + _numbers(json.loads((art_dir / "fairness.json").read_text()))
    cmp = ctx["cmp"]
    values += [cmp["auc_spread"], cmp["mean_std"], ctx["search"]["inner_auc_mean"], *cmp["weight_deltas"]]
    problems = []
    for rel, lang in ((paths.NOTES["fr"], "fr"), (paths.NOTES["en"], "en"), (paths.SLIDES_MD, "fr")):
        text = (docs / rel).read_text(encoding="utf-8")
        for pattern, digits in MENTIONS[lang]:
            allowed = {fmt_num(v, digits, lang) for v in values} | {fmt_num(abs(v), digits, lang) for v in values}
            for match in re.finditer(pattern, text):
                if match.group(1) not in allowed:
                    problems.append(f"{rel}: {match.group(0)!r}: {match.group(1)} matches no artifact value")
    return problems


def _words(markdown: str) -> int:
    """Words of running text: tables, figures, captions, HTML and comments are not counted."""
    kept = [line for line in markdown.splitlines()
            if not line.startswith(("|", "![", "*Fig", "*Tab", "<", "#"))]
    return len(re.findall(r"\w+(?:['’-]\w+)*", " ".join(kept)))


def word_budget_problems(docs: Path) -> list[str]:
    """Sections longer than their page budget allows at ~500 words a page."""
    problems = []
    for lang, rel in paths.NOTES.items():
        sections = numbered_sections((docs / rel).read_text(encoding="utf-8"))
        if sorted(sections) != sorted(paths.SECTION_PAGES):
            problems.append(f"{rel}: sections {sorted(sections)}, expected {sorted(paths.SECTION_PAGES)}")
        for number, text in sections.items():
            budget = paths.SECTION_PAGES.get(number, 1) * paths.WORDS_PER_PAGE
            if _words(text) > budget:
                problems.append(f"{rel}: section {number} has {_words(text)} words, budget {budget}")
    return problems


OWN_PAGES = ["README.md", "architecture.md", paths.API_MD, paths.MODEL_CARD, *paths.NOTES.values(), paths.SLIDES_MD]


def broken_links(docs: Path) -> list[str]:
    """Relative links and images of our pages that point to no file."""
    problems = []
    for rel in OWN_PAGES:
        page = docs / rel
        if not page.is_file():
            problems.append(f"{rel}: missing")
            continue
        text = page.read_text(encoding="utf-8")
        targets = re.findall(r"\]\(([^)\s]+)", text) + re.findall(r'href="([^"]+)"', text)
        for target in targets:
            if re.match(r"^(https?:|mailto:|#)", target):
                continue
            if not (page.parent / target.split("#")[0]).exists():
                problems.append(f"{rel}: link to {target} points to no file")
    return problems


def missing_repo_paths(docs: Path) -> list[str]:
    """Paths in architecture.md's "Where each part lives" table that no longer exist in the repository."""
    text = (docs / "architecture.md").read_text(encoding="utf-8")
    table = text.split("## Where each part lives", 1)[1].split("\n## ", 1)[0]
    problems = []
    for token in re.findall(r"`([^`\s]+)`", table):
        if ("/" in token or "." in token) and not token.startswith("/"):
            if not (paths.REPO_ROOT / token).exists():
                problems.append(f"architecture.md: {token} does not exist")
    return problems


# French documents, or the French paragraph of an English one (it starts with this marker and ends at a blank line).
FRENCH_PAGES = [paths.NOTES["fr"], paths.SLIDES_MD]
FRENCH_SUMMARIES = ["README.md", "architecture.md", paths.MODEL_CARD]
FRENCH_MARKERS = ("**En français.**", "**Résumé en français.**")


def _french_text(docs: Path) -> dict[str, str]:
    texts = {rel: (docs / rel).read_text(encoding="utf-8") for rel in FRENCH_PAGES}
    for rel in FRENCH_SUMMARIES:
        page = (docs / rel).read_text(encoding="utf-8")
        for marker in FRENCH_MARKERS:
            if marker in page:
                texts[rel] = page.split(marker, 1)[1].split("\n\n", 1)[0]
    return texts


def french_typography_problems(docs: Path) -> list[str]:
    """An ordinary space (or a wide no-break one) before ; : ! ? or inside « », outside code and links."""
    problems = []
    for rel, text in _french_text(docs).items():
        in_code = False
        for number, line in enumerate(text.splitlines(), 1):
            if line.startswith("```"):
                in_code = not in_code
            if in_code or line.startswith("|--") or line.startswith("<!--"):
                continue
            prose = re.sub(r"`[^`]*`|\]\([^)]*\)|https?://\S+|<[^>]+>", "", line)
            for match in re.finditer(r"[ \u00a0][;:!?]|«[ \u00a0]|[ \u00a0]»", prose):
                start = max(0, match.start() - 20)
                problems.append(f"{rel}: line {number}: ordinary space in {prose[start:match.end() + 5]!r}")
    return problems


def talk_timing_problems(docs: Path) -> list[str]:
    """Main slides without a timing in their notes, a total above the limit, or too few backup slides."""
    from tools.slides import is_backup, note_seconds, split_slides

    slides = split_slides((docs / paths.SLIDES_MD).read_text(encoding="utf-8"))
    main = [s for s in slides if not is_backup(s)]
    problems, total = [], 0
    for number, slide in enumerate(main, 1):
        seconds = note_seconds(slide["notes"])
        if seconds is None and number < len(main):  # the closing slide may have no notes
            problems.append(f"{paths.SLIDES_MD}: slide {number} has no timing at the start of its notes")
        total += seconds or 0
    if total > paths.TALK_MAX_SECONDS:
        problems.append(f"{paths.SLIDES_MD}: the timings add up to {total // 60} min {total % 60} s, "
                        f"more than {paths.TALK_MAX_SECONDS // 60} min")
    backups = len(slides) - len(main)
    if backups < paths.BACKUP_MIN:
        problems.append(f"{paths.SLIDES_MD}: {backups} backup slides, at least {paths.BACKUP_MIN}")
    return problems


TIMING_PREFIX = re.compile(r"^(?:\d+\s*min(?:\s*\d+(?:\s*s)?)?|\d+\s*s)\.\s*")


def digit_sentence_starts(docs: Path) -> list[str]:
    """Sentences that start with a digit ("12 features drift.") in the notes and the slides: write a word first."""
    problems = []
    for rel in (paths.NOTES["fr"], paths.NOTES["en"], paths.SLIDES_MD):
        for number, line in enumerate((docs / rel).read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith(("|", "#", "<", "!", "*Fig", "*Tab", "```")) or re.match(r"\s*(\d+\.|[-*]) ", line):
                continue
            prose = re.sub(r"`[^`]*`|\]\([^)]*\)|https?://\S+", "", line)
            prose = TIMING_PREFIX.sub("", prose)  # a speaker note's timing ("1 min 30.") is not a sentence
            for match in re.finditer(r"(?:^|(?<!\bno)[.!?]\s+)(?:\*\*)?(\d)", prose):
                problems.append(f"{rel}: line {number}: a sentence starts with a digit: "
                                f"{prose[match.start():match.start() + 40]!r}")
    return problems
