# Scoring API (backend/): `make api` serves it, `make test-backend` tests it, `make bench-api` measures it.
# Included by the top-level Makefile; every variable here is prefixed BACKEND_.
BACKEND_DIR := backend
BACKEND_INSTALLED := $(BACKEND_DIR)/node_modules/.package-lock.json
BACKEND_BUILT := $(BACKEND_DIR)/dist/.built
BACKEND_SOURCES := $(shell find $(BACKEND_DIR)/src $(BACKEND_DIR)/bench -name '*.ts' 2>/dev/null) $(BACKEND_DIR)/tsconfig.json

TEST_TARGETS += test-backend
BENCH_TARGETS += bench-startup bench-api bench-store

.PHONY: api idp token test-backend bench-profile bench-api bench-store bench-startup backend-install backend-build backend-stamp

# npm ci when node_modules is missing or package-lock.json is newer than the installed tree.
# flock: two make runs at once (e.g. `make start` and `make test`) must not both run npm ci.
$(BACKEND_INSTALLED): $(BACKEND_DIR)/package-lock.json $(BACKEND_DIR)/package.json
	cd $(BACKEND_DIR) && flock .install.lock sh -c \
	  'test node_modules/.package-lock.json -nt package-lock.json -a node_modules/.package-lock.json -nt package.json || npm ci --no-audit --no-fund'
	touch $@

backend-install: $(BACKEND_INSTALLED)

# tsc typechecks and compiles (noEmitOnError): a type error fails the build.
$(BACKEND_BUILT): $(BACKEND_INSTALLED) $(BACKEND_SOURCES)
	cd $(BACKEND_DIR) && flock .install.lock npx --no-install tsc -p tsconfig.json
	touch $@

backend-build: $(BACKEND_BUILT)

# The start-up check's stamp (src/features/startup-stamp.ts): the whole check run once here, DuckDB
# included, so the server on these exact artifacts and this build skips the DuckDB run at each start.
# Any other artifacts or code: the server runs the check itself. test-backend's clean build removes it.
BACKEND_STAMP := $(BACKEND_DIR)/dist/startup-check.json
$(BACKEND_STAMP): $(BACKEND_BUILT) $(ARTIFACTS_DIR)/manifest.json
	node $(BACKEND_DIR)/dist/src/features/write-startup-stamp.js $(abspath $(ARTIFACTS_DIR))

backend-stamp: $(BACKEND_STAMP)

# PORT (default 8000), HOST, ARTIFACTS_DIR, OIDC_* and the rest come from the environment (backend/README.md).
# The record of access goes to API_DATA_DIR (not DATA_DIR: the top Makefile uses that name for training data).
API_DATA_DIR ?= $(CURDIR)/.data
api: $(BACKEND_STAMP)
	DATA_DIR=$(API_DATA_DIR) node $(BACKEND_DIR)/dist/src/server.js

# The DEMO OpenID provider of `make start` on 127.0.0.1:9400 (demo accounts: README.md).
idp: $(BACKEND_BUILT)
	DEMO_IDP_REDIRECTS=$${DEMO_IDP_REDIRECTS:-http://127.0.0.1:$(PWA_PORT)/,http://localhost:$(PWA_PORT)/} \
	  node $(BACKEND_DIR)/dist/src/demo-idp/server.js

# A demo access token for curl: TOKEN=$$(make -s token ROLE=advisor|supervisor|tool)
ROLE ?= advisor
token: $(BACKEND_BUILT)
	@node $(BACKEND_DIR)/dist/src/demo-idp/token-cli.js $(ROLE)

# A clean build, so no compiled test of a deleted source file survives in dist/. The data-access
# tests run against SQLite and against a throwaway PostgreSQL cluster (scripts/with-postgres.sh).
# The venv: the 100,000-client memory test builds its store with `python -m model.store replicate`.
test-backend: $(BACKEND_INSTALLED) $(VENV)/.installed
	cd $(BACKEND_DIR) && flock .install.lock sh -c 'rm -rf dist && npx --no-install tsc -p tsconfig.json' && \
	  PAD_PYTHON=$(CURDIR)/$(PY) scripts/with-postgres.sh npx --no-install mocha
	touch $(BACKEND_BUILT)

# Where one request's time goes, stage by stage (bench/profile.ts), on score, explanation and one application;
# bench-api prints the same table after its wrk figures, so `make bench` runs it through bench-api.
bench-profile: $(BACKEND_BUILT)
	command -v wrk >/dev/null || (apt-get update && apt-get install -y wrk)
	node $(BACKEND_DIR)/dist/bench/profile.js

bench-api: $(BACKEND_STAMP)
	command -v wrk >/dev/null || (apt-get update && apt-get install -y wrk)
	node $(BACKEND_DIR)/dist/bench/bench-api.js

# The server on stores of 9k (the sample), 356k and 3.5M clients (BENCH_STORE_SIZES=...): time to /ready,
# memory idle and under wrk load, score and explanation latency. The replicated stores are built once
# by the Python pipeline (python -m model.store replicate) and cached under /tmp (several GB at 3.5M).
bench-store: $(BACKEND_STAMP) venv
	command -v wrk >/dev/null || (apt-get update && apt-get install -y wrk)
	node $(BACKEND_DIR)/dist/bench/store-sizes.js

# Where start-up spends time and memory, step by step (STARTUP_REFERENCE=inline: DuckDB in process, as before).
bench-startup: $(BACKEND_STAMP)
	node --max-old-space-size=320 $(BACKEND_DIR)/dist/bench/startup-breakdown.js
