# Deployment (Dockerfile, fly.toml, workflows): `make test-deploy` checks them without
# Docker or network (the Dockerfile is replayed in a temporary folder, the API started
# from it on 127.0.0.1); `make bench-deploy` prints the image's size, start-up time and
# memory. Included by the top-level Makefile; every variable here is prefixed DEPLOY_.
DEPLOY_DIR := deploy

TEST_TARGETS += test-deploy
BENCH_TARGETS += bench-deploy

.PHONY: test-deploy bench-deploy

# Besides node/npm (the replay runs `npm ci` from backend/package-lock.json), the checks need the
# project venv: pytest and PyYAML, and the model package (the workloads read the client store with
# model.store, which needs pandas). Chosen when the recipe runs, so a fresh clone builds the venv first.
DEPLOY_PY = $(PY)
DEPLOY_NEEDS := venv

test-deploy: $(DEPLOY_NEEDS)
	$(DEPLOY_PY) -m pytest $(DEPLOY_DIR) -p no:cacheprovider

bench-deploy: $(DEPLOY_NEEDS)
	PYTHONPATH=$(DEPLOY_DIR) $(DEPLOY_PY) -m deploycheck.bench
