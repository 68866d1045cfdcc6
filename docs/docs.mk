# Documentation (docs/): `make docs` regenerates every generated file and the PDFs from artifacts/;
# `make test-docs` checks the committed docs against the artifacts, the API and their page budgets.
# Included by the top-level Makefile; variables here are prefixed DOCS_. Details: docs/README.md.
DOCS_PY := PYTHONPATH=docs $(PY)

TEST_TARGETS += test-docs

.PHONY: docs docs-generate docs-browser test-docs

# PDFs are printed by Debian's Chromium; page counts depend on the fonts, so install the ones the
# stylesheets name as well.
docs-browser:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -q "Liberation Sans"; then \
		apt-get update && apt-get install -y chromium fonts-liberation fonts-dejavu-core; fi

# Markdown, SVG figures and slides HTML only (no browser, a few seconds).
docs-generate: venv
	$(DOCS_PY) -m tools.build generate

# backend-build (backend/backend.mk) compiles the API, whose buildOpenApi() feeds docs/api.md.
docs: venv docs-browser backend-build
	$(DOCS_PY) -m tools.build all

test-docs: venv docs-browser backend-build
	$(DOCS_PY) -m pytest docs/tools -p no:cacheprovider
