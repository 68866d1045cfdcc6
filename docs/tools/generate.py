"""Write every generated Markdown, SVG and HTML file of docs/ into an output folder.

`make docs` writes into docs/ itself; the checks write into a scratch folder and compare.
"""
from __future__ import annotations

import json
from pathlib import Path

from tools import figures, paths
from tools.context import build_context
from tools.figures_arch import plot_architecture
from model.store import read_application
from tools.api_examples import stored_inputs
from tools.openapi_md import render_api
from tools.render import render_template
from tools.slides import render_slides_html


def _figures(ctx: dict, lang: str, out: Path) -> list[Path]:
    base = out / "figures" / lang
    return [
        figures.plot_cost_curve(ctx["metrics"], lang, base / "cost-curve.svg"),
        figures.plot_importance(ctx["importance"], lang, base / "importance.svg"),
        figures.plot_waterfall(ctx["client"], lang, base / "waterfall.svg"),
        figures.plot_roc(ctx["metrics"], lang, base / "roc.svg"),
        figures.plot_reliability(ctx["metrics"], lang, base / "reliability.svg"),
        figures.plot_nested_cv(ctx["metrics"], lang, base / "nested-cv.svg"),
        figures.plot_fairness(ctx["fair"]["main_groups"], lang, base / "fairness.svg"),
        plot_architecture(lang, base / "architecture.svg"),
    ]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def generate(out: Path, art_dir: Path = paths.ARTIFACTS_DIR, openapi: Path | None = None) -> list[Path]:
    """Render every generated file under ``out``; returns the files written."""
    written: list[Path] = []
    contexts = {lang: build_context(art_dir, lang) for lang in ("fr", "en")}
    for lang, ctx in contexts.items():
        written += _figures(ctx, lang, out)
    # The slides' waterfall, drawn for projection: 14 pt text at the size it is shown.
    written.append(figures.plot_waterfall(contexts["fr"]["client"], "fr", out / "figures" / "fr" / "waterfall-slide.svg",
                                          font_size=14, width=8.0))
    for lang, ctx in contexts.items():
        written.append(_write(out / paths.NOTES[lang], render_template(f"note.{lang}.md.j2", ctx, lang)))
    summary_fr = render_template("model-card.summary.fr.md.j2", contexts["fr"], "fr").strip()
    written.append(_write(out / paths.MODEL_CARD, render_template("model-card.md.j2", contexts["en"] | {
        "card": _model_card(art_dir), "summary_fr": summary_fr}, "en")))
    slides_md = render_template("slides.fr.md.j2", contexts["fr"], "fr")
    written.append(_write(out / paths.SLIDES_MD, slides_md))
    written.append(_write(out / paths.SLIDES_HTML, render_slides_html(slides_md, out / "presentation")))
    spec_path = openapi or (paths.DOCS_DIR / paths.OPENAPI_SNAPSHOT)
    if spec_path.is_file():
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        written.append(_write(out / paths.API_MD, render_api(spec, contexts["en"]["client"].id,
                                                             _api_examples(contexts["en"]["client"], art_dir))))
    return written


def _api_examples(client, art_dir: Path = paths.ARTIFACTS_DIR) -> dict[str, dict]:
    """curl examples: list queries; the example client's raw application with its history (from the
    client store) for the applications endpoints; its stored model inputs for POST /v1/score."""
    body = read_application(art_dir / "clients.sqlite", client.id)
    credit = body["application"].get("AMT_CREDIT") if body else None
    changes = {"AMT_CREDIT": round(credit / 2)} if credit else {}
    examples = {"/v1/clients": {"query": {"limit": 5, "sort": "-probability", "dataset": "new"}},
                "/v1/clients/{id}/explanation": {"query": {"top": 5}},
                "/v1/clients/{id}/what-if": {"body": {"changes": changes}},
                "/v1/score": {"body": {"records": [{"id": "demo-1"} | stored_inputs(art_dir / "clients.sqlite", client.id)],
                                       "explain": True, "top": 3}}}
    if body:
        examples |= {"/v1/applications": {"query": {"explain": "true", "top": 5}, "body": {"id": "demo-1"} | body},
                     "/v1/applications/batch": {"body": {"applications": [{"id": "demo-1"} | body,
                                                                          {"id": "demo-2", "application": body["application"]}]}},
                     "/v1/applications/what-if": {"body": body | {"changes": changes}}}
    return examples


def _model_card(art_dir: Path) -> str:
    """artifacts/model-card.md (written by `make train`) without its title: our page has its own."""
    path = art_dir / "model-card.md"
    if not path.is_file():
        raise FileNotFoundError(f"missing artifact {path} (run `make train`)")
    card = path.read_text(encoding="utf-8")
    return card.split("\n", 1)[1].lstrip("\n") if card.startswith("# ") else card
