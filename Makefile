# Two commands matter: `make start` (install everything, serve API + dashboard on the
# sample) and `make test` (every test; what .ci/run calls). The rest are building blocks.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The package index may be unreachable: fail fast on it and use the local store / cache.
PIP := PIP_RETRIES=0 PIP_DISABLE_PIP_VERSION_CHECK=1 $(VENV)/bin/pip
DATA_DIR ?= data/sample
ARTIFACTS_DIR ?= artifacts

TEST_TARGETS := test-model
BENCH_TARGETS := bench-model

# Each app owns its fragment (targets and additions to the lists above).
-include backend/backend.mk
-include pwa/pwa.mk
-include deploy/deploy.mk
-include docs/docs.mk

.PHONY: help venv start train train-fast score notebooks test test-model bench bench-model start clean

help:
	@echo "make start    install everything, start the API and the dashboard on the sample data"
	@echo "make test     run every test (Python, API, dashboard, docs, deployment)"
	@echo "make train    retrain on DATA_DIR (default data/sample) and rewrite artifacts/"
	@echo "make bench    run the benchmarks and print their figures"
	@echo "make notebooks  re-execute the notebooks on the sample"

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q -r requirements.txt
	$(PIP) install -q --no-deps --no-build-isolation -e .
	touch $@

venv: $(VENV)/.installed

train: venv
	$(PY) -m model train --data-dir $(DATA_DIR) --out $(ARTIFACTS_DIR)

# A quick end-to-end run (small search budget) into a scratch folder.
train-fast: venv
	$(PY) -m model train --data-dir $(DATA_DIR) --out /tmp/pad-artifacts-fast --fast

score: venv
	$(PY) -m model score --data-dir $(DATA_DIR) --out /tmp/pad-scores.csv --unknown-as-missing

notebooks: venv
	cd notebooks && ../$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace *.ipynb

# Installs everything (Python venv for the pipeline, npm packages of both apps), then serves the demo
# OpenID provider, the API and the dashboard together on the committed sample artifacts; Ctrl-C stops all three.
start: venv backend-build
	@echo "API:       http://127.0.0.1:$${PORT:-8000}/docs"
	@echo "Dashboard: http://127.0.0.1:$${PWA_PORT:-5173}  (demo sign-in: advisor / advisor-demo, supervisor / supervisor-demo)"
	@echo "Sign-in:   http://127.0.0.1:9400 (demo provider; a token for curl: make -s token ROLE=advisor|supervisor|tool)"
	$(MAKE) --no-print-directory -j3 idp api pwa

test-model: venv
	$(PY) -m pytest model

test: $(TEST_TARGETS)
	@echo "All test suites passed: $(TEST_TARGETS)"

# Feature building on the 77x replicated sample (DuckDB, beside the former pandas figures), the scale
# benchmark (features + one fit at 1x, 10x, 77x), then portfolio scoring (3.5 million applications, the
# 77x folder; writes docs/bench/portfolio.json and the figures of docs/architecture.md). The replicated
# folders live outside the repo.
bench-model: venv
	$(PY) -m model.bench.features
	$(PY) -m model.bench.scale
	$(PY) -m model.bench.portfolio

bench: $(BENCH_TARGETS)

clean:
	rm -rf $(VENV) backend/node_modules pwa/node_modules backend/dist pwa/dist
