# Deployment (Dockerfile, fly.toml, workflows): `make test-deploy` checks them without
# Docker or network (the Dockerfile is replayed in a temporary folder, the API started
# from it on 127.0.0.1); `make bench-deploy` prints the image's size, start-up time and
# memory. Included by the top-level Makefile; every variable here is prefixed DEPLOY_.
DEPLOY_DIR := deploy

TEST_TARGETS += test-deploy
BENCH_TARGETS += bench-deploy

.PHONY: test-deploy bench-deploy

# Besides node/npm (the replay runs `npm ci` from backend/package-lock.json), the checks need
# Python 3.11+ with pytest and PyYAML: the project venv's when it has them, else the system
# python3's (Debian: python3-pytest python3-yaml), else the venv is built (`make venv`).
DEPLOY_CAN_RUN = $(shell $(1) -c 'import pytest, yaml, tomllib' >/dev/null 2>&1 && echo $(1))
DEPLOY_FOUND := $(firstword $(call DEPLOY_CAN_RUN,$(PY)) $(call DEPLOY_CAN_RUN,$(PYTHON)))
DEPLOY_PY := $(or $(DEPLOY_FOUND),$(PY))
DEPLOY_NEEDS := $(if $(DEPLOY_FOUND),,venv)

test-deploy: $(DEPLOY_NEEDS)
	$(DEPLOY_PY) -m pytest $(DEPLOY_DIR) -p no:cacheprovider

bench-deploy: $(DEPLOY_NEEDS)
	PYTHONPATH=$(DEPLOY_DIR) $(DEPLOY_PY) -m deploycheck.bench
