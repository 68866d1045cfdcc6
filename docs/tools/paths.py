"""Where every generated file lives, relative to docs/ (the same layout in a scratch folder for the checks)."""
from __future__ import annotations

from pathlib import Path

DOCS_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = DOCS_DIR.parent
ARTIFACTS_DIR = REPO_ROOT / "artifacts"
OPENAPI_SNAPSHOT = "api/openapi.json"

NOTES = {"fr": "note-methodologique.md", "en": "methodology-note.md"}
NOTE_PDFS = {"fr": "pdf/note-methodologique.pdf", "en": "pdf/methodology-note.pdf"}
SLIDES_MD = "presentation/slides.md"
SLIDES_HTML = "presentation/index.html"
SLIDES_PDF = "pdf/presentation.pdf"
MODEL_CARD = "model-card.md"
API_MD = "api.md"
PDF_MANIFEST = "pdf/pdf-sources.json"

# Page budgets from the brief: section 1 two pages, the others one each, the whole note six at most.
SECTION_PAGES = {1: 2, 2: 1, 3: 1, 4: 1}
NOTE_MAX_PAGES = 6
WORDS_PER_PAGE = 500
SLIDES_RANGE = (15, 20)  # main slides; backup slides (answers to likely questions) come after them
TALK_MAX_SECONDS = 18 * 60  # the oral lasts 20 minutes: 2 minutes kept for the unexpected
BACKUP_MIN = 5
