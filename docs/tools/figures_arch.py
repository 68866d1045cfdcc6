"""The architecture diagram (SVG) for architecture.md and the slides: two apps, the artifacts, the flow."""
from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch

from tools.figures import BLUE, GREEN, GREY, ORANGE, VERMILLION, _save, _style

# Canvas 136 x 44 units; boxes are (key, x, y, colour, title, lines), all WIDTH x HEIGHT.
WIDTH, HEIGHT = 26, 16
TOP, BOTTOM = 26, 2
BOXES = {
    "en": [
        ("data", 1, TOP, GREY, "Home Credit data", ["data/sample/ (bundled)", "or the full Kaggle", "folder (DATA_DIR)"]),
        ("model", 37, TOP, ORANGE, "model/ (Python)", ["features, nested CV,", "cost threshold,", "ONNX export"]),
        ("art", 73, TOP, GREEN, "artifacts/", ["model.onnx, trees.json,", "metrics, population,", "clients.sqlite"]),
        ("docs", 109, TOP, GREY, "docs/", ["note, slides,", "model card, API page", "(generated)"]),
        ("api", 73, BOTTOM, BLUE, "backend/ (API)", ["Koa, ONNX Runtime,", "exact TreeSHAP", "port 8000"]),
        ("pwa", 109, BOTTOM, VERMILLION, "pwa/ (dashboard)", ["Lit, D3, vaadin-grid,", "offline; advisors", "port 5173"]),
    ],
    "fr": [
        ("data", 1, TOP, GREY, "Données Home Credit", ["data/sample/ (fourni)", "ou dossier Kaggle", "complet (DATA_DIR)"]),
        ("model", 37, TOP, ORANGE, "model/ (Python)", ["variables, CV imbriquée,", "seuil de coût,", "export ONNX"]),
        ("art", 73, TOP, GREEN, "artifacts/", ["model.onnx, trees.json,", "métriques, population,", "clients.sqlite"]),
        ("docs", 109, TOP, GREY, "docs/", ["note, diapositives,", "fiche modèle, API", "(générés)"]),
        ("api", 73, BOTTOM, BLUE, "backend/ (API)", ["Koa, ONNX Runtime,", "TreeSHAP exact", "port 8000"]),
        ("pwa", 109, BOTTOM, VERMILLION, "pwa/ (tableau)", ["tableau de bord : Lit, D3,", "vaadin-grid, hors ligne", "port 5173"]),
    ],
}
# (from, to, label): the label sits beside vertical arrows and above horizontal ones.
ARROWS = {
    "en": [("data", "model", "make train"), ("model", "art", "writes"), ("art", "docs", "make docs"),
           ("art", "api", "loaded once at start-up"), ("api", "pwa", "HTTP JSON")],
    "fr": [("data", "model", "make train"), ("model", "art", "écrit"), ("art", "docs", "make docs"),
           ("art", "api", "chargés au démarrage"), ("api", "pwa", "HTTP JSON")],
}


def _anchor(box: tuple, side: str) -> tuple[float, float]:
    _, x, y, *_ = box
    return {"right": (x + WIDTH, y + HEIGHT / 2), "left": (x, y + HEIGHT / 2),
            "bottom": (x + WIDTH / 2, y), "top": (x + WIDTH / 2, y + HEIGHT)}[side]


def plot_architecture(lang: str, path: Path) -> Path:
    """Boxes for each part of the repository and arrows for the data flow."""
    _style()
    fig, ax = plt.subplots(figsize=(11.5, 3.9))
    ax.set_xlim(0, 136)
    ax.set_ylim(0, 44)
    ax.axis("off")
    boxes = {b[0]: b for b in BOXES[lang]}
    for key, x, y, colour, title, lines in BOXES[lang]:
        ax.add_patch(FancyBboxPatch((x, y), WIDTH, HEIGHT, boxstyle="round,pad=0.2,rounding_size=1.2",
                                    facecolor="white", edgecolor=colour, linewidth=2.2))
        ax.text(x + WIDTH / 2, y + HEIGHT - 3, title, ha="center", va="center", fontweight="bold", fontsize=9.5)
        for i, line in enumerate(lines):
            ax.text(x + WIDTH / 2, y + HEIGHT - 7.2 - 3.2 * i, line, ha="center", va="center", fontsize=8.5)
    for src, dst, label in ARROWS[lang]:
        vertical = boxes[src][2] != boxes[dst][2]
        start = _anchor(boxes[src], "bottom" if vertical else "right")
        end = _anchor(boxes[dst], "top" if vertical else "left")
        ax.annotate("", xy=end, xytext=start, arrowprops={"arrowstyle": "-|>", "color": "black", "lw": 1.4})
        if vertical:
            ax.text(start[0] + 1.2, (start[1] + end[1]) / 2, label, fontsize=8, va="center", color=GREY)
        else:
            ax.text((start[0] + end[0]) / 2, start[1] + 1.0, label, fontsize=7.5, ha="center",
                    va="bottom", color=GREY)
    return _save(fig, path)
